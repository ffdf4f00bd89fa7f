package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.settings;
import static org.peerpath.subsystem.Fixtures.write;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * The subsystem is fully up before time 0 (trace-v1): {@code VirtualSubsystem.start} returns with
 * every adapter incarnated and the clock unmoved, so that an input at 0 finds every element
 * running, and inputs at 0 take effect in the order given, as at any later time.
 */
class StartupTest {

  @Test
  void everyAdapterHasIncarnatedWhenStartReturnsAndNoTimeHasPassed() {
    try (var run = VirtualSubsystem.start(settings().withServers(3))) {
      assertEquals(0, run.now());
      assertEquals(
          List.of("adapter-1 1", "adapter-2 1", "adapter-3 1"),
          run.history().stream()
              .map(e -> e.kind() + " " + e.node() + " " + e.epoch())
              .map(s -> s.replace(Kind.INCARNATED + " ", ""))
              .toList());
    }
  }

  @Test
  void aCrashAndARepairAtZeroLeaveTheOnlyAdapterWorking() {
    try (var run = VirtualSubsystem.start(settings().withServers(1))) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .repairAt(0, "adapter-1")
          .submitAt(0, write("w1", 3, 7, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(Status.GOOD, run.result("w1").status());
      assertEquals(HistoryEvent.Path.DIRECT, run.result("w1").path());
      assertEquals(
          List.of(
              Kind.INCARNATED,
              Kind.FAULT,
              Kind.ADAPTER_FAILED,
              Kind.ADAPTER_DOWN,
              Kind.REPAIR,
              Kind.INCARNATED,
              Kind.ADAPTER_UP,
              Kind.SUBMITTED),
          run.history().stream().map(HistoryEvent::kind).toList().subList(0, 8));
    }
  }

  @Test
  void aCommandGivenBeforeACrashAtZeroIsServedBeforeTheCrashTakesHold() {
    try (var run = VirtualSubsystem.start(settings())) {
      run.submitAt(0, write("w1", 3, 7, 1), "server-1")
          .failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(0, write("w2", 4, 8, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(HistoryEvent.Path.DIRECT, run.result("w1").path());
      assertEquals(HistoryEvent.Path.PEER, run.result("w2").path());
    }
  }
}
