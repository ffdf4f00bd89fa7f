package org.peerpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.memory.MemoryRegion;

/**
 * A server far behind a burst handles a tick long after it fell due, with its adapter's answer
 * queued just behind it. Judged by the time of handling, the check would look a whole period
 * overdue and a working adapter would be taken for hung; judged by when the tick fell due, it is
 * not. A check left unanswered until a tick that fell due a whole period later is still a hang.
 */
class WatchdogTickTest {
  static final long PERIOD = 20_000_000;

  @Test
  void aTickHandledLateIsJudgedByWhenItFellDue() {
    long[] clock = {0};
    var history = new History(() -> clock[0], Integer.MAX_VALUE);
    var settings = ServerSettingsFixture.serverOne(Completion.BOTH, Duration.ofNanos(PERIOD));
    var server =
        BehaviorTestKit.create(
            Server.create(
                settings,
                TestInbox.<MemoryRegion.Command>create().getRef(),
                TestInbox.<Disk.Command>create().getRef(),
                new Fabric(LatencyModel.zero(), null, null),
                history));
    clock[0] = 10_000_000;
    server.run(new Server.WatchdogTick(10_000_000)); // sends a health check at 10ms
    clock[0] = 500_000_000; // the server gets to its next tick only now
    server.run(new Server.WatchdogTick(15_000_000)); // it fell due 5ms after the check
    assertEquals(
        List.of(), downs(history), "a tick due before the check could be overdue finds no hang");
    server.run(new Server.WatchdogTick(30_000_000)); // due a whole period after the check
    assertEquals(1, downs(history).size(), "an answer that had not come by then is a hang");
  }

  private static List<HistoryEvent> downs(History history) {
    return history.events().stream().filter(e -> e.kind() == Kind.ADAPTER_DOWN).toList();
  }
}
