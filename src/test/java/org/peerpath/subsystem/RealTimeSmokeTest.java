package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.testing.Bytes;

/**
 * The same actors in real time, as the demo runs them: a write and a read back, before and after a
 * crash.
 */
class RealTimeSmokeTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void writesAndReadsBackThroughBothPathsInRealTime() {
    SubsystemSettings settings = SubsystemSettings.defaults().withName("smoke");
    Subsystem s = Subsystem.spawn(testKit.system(), settings);
    TestProbe<CommandResult> probe = testKit.createTestProbe();
    ByteString data = Bytes.fill(0xAB, 4096);
    s.submit(IoCommand.write("w1", 7, 4096, data), "server-1", probe.getRef());
    CommandResult w = probe.receiveMessage(Duration.ofSeconds(5));
    assertEquals(Status.GOOD, w.status(), w.message());
    assertEquals(HistoryEvent.Path.DIRECT, w.path());

    TestProbe<HistoryEvent> events = testKit.createTestProbe();
    s.subscribe(events.getRef());
    s.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
    events.fishForMessage(
        Duration.ofSeconds(5),
        e ->
            e.kind() == Kind.ADAPTER_DOWN
                ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    s.submit(IoCommand.read("r1", 7, 1), "server-1", probe.getRef());
    CommandResult r = probe.receiveMessage(Duration.ofSeconds(5));
    assertEquals(Status.GOOD, r.status(), r.message());
    assertEquals(HistoryEvent.Path.PEER, r.path());
    assertEquals("adapter-2", r.servedBy());
    assertEquals(data, r.data());
  }
}
