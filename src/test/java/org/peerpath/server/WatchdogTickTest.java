package org.peerpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.Effect;
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
    var server = server(history);
    clock[0] = 10_000_000;
    server.run(new Server.WatchdogTick(10_000_000)); // sends a health check at 10ms
    clock[0] = 500_000_000; // the server gets to its next tick only now
    server.run(new Server.WatchdogTick(15_000_000)); // it fell due 5ms after the check
    assertEquals(
        List.of(), downs(history), "a tick due before the check could be overdue finds no hang");
    server.run(new Server.WatchdogTick(30_000_000)); // due a whole period after the check
    assertEquals(1, downs(history).size(), "an answer that had not come by then is a hang");
  }

  /**
   * In real time every reading of the clock is later than the one before. (Found in review: a tick
   * that read the clock twice set the next tick a little before a whole period after its check, and
   * the hang was found a period late.)
   */
  @Test
  void aHangFromTheStartIsFoundWithinTwiceTheWatchdogWhenTheClockMovesBetweenReads() {
    long at = hangFoundAt(0);
    assertTrue(at <= 2 * PERIOD + 1_000, "hang found at " + at + " ns, watchdog " + PERIOD);
  }

  /**
   * Real time runs two ticks a period for this: each tick is set from when the one before was
   * handled, so a late tick delays every later one, and with one tick a period a hang would be
   * found only after 2 periods and two ticks' lateness (45.7 ms here, for a 20 ms watchdog).
   */
  @Test
  void everyTickASeventhOfAPeriodLateTheHangIsStillFoundWithinTwiceTheWatchdog() {
    long at = hangFoundAt(PERIOD / 7);
    assertTrue(at <= 2 * PERIOD + 1_000, "hang found at " + at + " ns, watchdog " + PERIOD);
  }

  /**
   * When a hung adapter is found, on a clock that moves on at every reading, each tick handled
   * {@code late} ns after it was due.
   */
  private static long hangFoundAt(long late) {
    long[] clock = {0};
    var history = new History(() -> clock[0]++, Integer.MAX_VALUE);
    var server = server(history);
    // The adapter (a child the test kit never runs) answers nothing: hung from the start.
    for (int i = 0; i < 10 && downs(history).isEmpty(); i++) {
      Server.WatchdogTick tick = null;
      for (Effect e : server.getAllEffects())
        if (e instanceof Effect.TimerScheduled<?> t && t.msg() instanceof Server.WatchdogTick w)
          tick = w;
      assertTrue(tick != null, "a tick is set");
      clock[0] = Math.max(clock[0], tick.dueAt() + late); // a timer never fires before it is due
      server.run(tick);
    }
    assertTrue(!downs(history).isEmpty(), "the hang is found");
    return downs(history).get(0).atNanos();
  }

  /** Server-1 with a {@value #PERIOD} ns watchdog, recording into {@code history}. */
  private static BehaviorTestKit<Server.Command> server(History history) {
    var settings = ServerSettingsFixture.serverOne(Completion.BOTH, Duration.ofNanos(PERIOD));
    return BehaviorTestKit.create(
        Server.create(
            settings,
            TestInbox.<MemoryRegion.Command>create().getRef(),
            TestInbox.<Disk.Command>create().getRef(),
            new Fabric(LatencyModel.zero(), null, null),
            history));
  }

  private static List<HistoryEvent> downs(History history) {
    return history.events().stream().filter(e -> e.kind() == Kind.ADAPTER_DOWN).toList();
  }
}
