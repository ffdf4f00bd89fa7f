package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.settings;
import static org.peerpath.subsystem.Fixtures.write;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;

/**
 * Both servers stay in service while one adapter is down (claims 3, 11), under admission: the
 * server that forwards admits commands as it does in direct, up to queue-depth, and the peer that
 * runs them keeps its own queue for its own hosts.
 */
class AdmissionWhileForwardingTest {

  @Test
  void aServerWhoseAdapterIsDownAdmitsUpToQueueDepthAndAnswersTheRestBusy() {
    var s = settings().withQueueDepth(2).withDiskLatency(Duration.ofMillis(2));
    try (var run = VirtualSubsystem.start(s)) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 1, 1, 1), "server-1")
          .submitAt(ms(1), write("w2", 2, 2, 1), "server-1")
          .submitAt(ms(1), write("w3", 3, 3, 1), "server-1")
          .submitAt(ms(10), write("w4", 4, 4, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      for (String id : List.of("w1", "w2", "w4")) {
        CommandResult r = run.result(id);
        assertEquals(
            List.of(Status.GOOD, HistoryEvent.Path.PEER), List.of(r.status(), r.path()), id);
      }
      assertEquals(
          Status.BUSY, run.result("w3").status(), "server-1 already held queue-depth commands");
    }
  }

  @Test
  void commandsAPeerRunsForAnotherServerDoNotFillItsOwnQueue() {
    var s = settings().withQueueDepth(1).withDiskLatency(Duration.ofMillis(2));
    try (var run = VirtualSubsystem.start(s)) {
      // w1 is still on adapter-2 (the disk takes 2 ms) when v1 reaches server-2, whose queue holds
      // one.
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 1, 1, 1), "server-1")
          .submitAt(ms(1), write("v1", 2, 2, 1), "server-2");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      CommandResult w1 = run.result("w1");
      CommandResult v1 = run.result("v1");
      assertEquals(
          List.of(Status.GOOD, HistoryEvent.Path.PEER, "adapter-2"),
          List.of(w1.status(), w1.path(), w1.servedBy()));
      assertEquals(
          List.of(Status.GOOD, HistoryEvent.Path.DIRECT, "adapter-2"),
          List.of(v1.status(), v1.path(), v1.servedBy()));
    }
  }
}
