package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.fill;
import static org.peerpath.subsystem.Fixtures.kind;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.of;
import static org.peerpath.subsystem.Fixtures.settings;
import static org.peerpath.subsystem.Fixtures.withPaths;
import static org.peerpath.subsystem.Fixtures.write;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * Failure: each mode is detected and recovered, and no host sees an error while another adapter
 * works.
 */
class FailureRecoveryTest {

  @ParameterizedTest
  @EnumSource(FaultMode.class)
  void eachFailureModeIsDetectedServedByThePeerAndRecovered(FaultMode mode) {
    try (var run = VirtualSubsystem.start(settings())) {
      run.failAt(ms(1), "adapter-1", mode, ms(20))
          .submitAt(ms(15), write("during", 5, 9, 1), "server-1")
          .submitAt(ms(50), IoCommand.read("after", 5, 1), "server-1");
      if (mode != FaultMode.RESET)
        run.repairAt(ms(30), "adapter-1"); // a reset ends by itself at 21 ms
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      List<HistoryEvent> h = run.history();
      HistoryEvent down = kind(h, Kind.ADAPTER_DOWN).get(0);
      assertEquals("adapter-1", down.peer());
      assertEquals(mode == FaultMode.RESET ? "reset" : mode.wireName(), down.detail());
      assertTrue(
          down.atNanos() <= ms(1) + 2 * run.subsystem().settings().watchdog().toNanos(),
          "found within twice the watchdog");
      assertEquals(HistoryEvent.Path.PEER, run.result("during").path());
      assertEquals(Status.GOOD, run.result("during").status());
      assertEquals(1, kind(h, Kind.ADAPTER_UP).size());
      assertEquals(HistoryEvent.Path.DIRECT, run.result("after").path());
      assertEquals(fill(9, 1), run.result("after").data());
    }
  }

  @Test
  void aCommandTheDiskDoesNotAnswerInTimeEndsTimeoutAtItsDeadline() {
    // The disk's answer takes 30 ms (each way over adapter-1<->disk), the deadline is 10 ms.
    var s = withPaths(settings().withDeadline(Duration.ofMillis(10)), "adapter-1->disk", "30");
    try (var run = VirtualSubsystem.start(s)) {
      run.submitAt(ms(1), write("slow", 3, 0x21, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(Status.TIMEOUT, run.result("slow").status());
      HistoryEvent submitted = of(run.history(), Kind.SUBMITTED, "slow").get(0);
      HistoryEvent reply = of(run.history(), Kind.REPLY, "slow").get(0);
      assertEquals(
          submitted.atNanos() + ms(10),
          reply.atNanos(),
          "answered exactly at the deadline (zero-latency paths)");
    }
  }

  @Test
  void aCommandInFlightDuringACrashIsRedrivenAndEndsGood() {
    var s = settings().withDiskLatency(Duration.ofMillis(2));
    try (var run = VirtualSubsystem.start(s)) {
      run.submitAt(0, write("w1", 11, 0x42, 2), "server-1")
          .failAt(ms(1), "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(10), IoCommand.read("r1", 11, 2), "server-2");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(Status.GOOD, run.result("w1").status());
      assertEquals(2, run.result("w1").attempts());
      assertEquals(HistoryEvent.Path.PEER, run.result("w1").path());
      assertEquals(fill(0x42, 2), run.result("r1").data());
      assertEquals(1, of(run.history(), Kind.REDRIVEN, "w1").size());
    }
  }

  @Test
  void aHungAdapterThatWakesUpChangesNoByte() {
    // adapter-1's DMA read of w1's data comes back at 4 ms, after it hangs at 3 ms: it holds the
    // write while the watchdog gives up on it and w1 and then w2 (new bytes) go through adapter-2.
    var s = withPaths(settings(), "adapter-1->memory-1", "1");
    try (var run = VirtualSubsystem.start(s)) {
      run.submitAt(0, write("w1", 20, 0x11, 1), "server-1")
          .failAt(ms(3), "adapter-1", FaultMode.HANG, 0)
          .submitAt(ms(30), write("w2", 20, 0x22, 1), "server-2")
          .repairAt(ms(40), "adapter-1")
          .submitAt(ms(60), IoCommand.read("r1", 20, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(Status.GOOD, run.result("w1").status());
      assertEquals("adapter-2", run.result("w1").servedBy());
      assertEquals(fill(0x22, 1), run.result("r1").data());
      List<HistoryEvent> refusals = kind(run.history(), Kind.REFUSED);
      assertFalse(refusals.isEmpty(), "the woken adapter's stale work was refused");
      assertTrue(refusals.stream().allMatch(e -> "adapter-1".equals(e.peer()) && e.epoch() == 1));
      assertArrayEquals(fill(0x22, 1).toArray(), readDisk(run, 20));
    }
  }

  @Test
  void bothAdaptersDownGivesNoPathAtOnceNeverTimeout() {
    try (var run = VirtualSubsystem.start(settings())) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .failAt(0, "adapter-2", FaultMode.CRASH, 0)
          .submitAt(ms(1), IoCommand.read("r1", 1, 1), "server-1")
          .submitAt(ms(1), write("w2", 1, 1, 1), "server-2");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      for (String id : List.of("r1", "w2")) {
        assertEquals(Status.NO_PATH, run.result(id).status());
        assertTrue(
            of(run.history(), Kind.REPLY, id).get(0).atNanos() < ms(1) + ms(1), "answered at once");
      }
    }
  }

  @Test
  void hostsKeepUsingBothServersWhileOneAdapterIsDown() {
    try (var run = VirtualSubsystem.start(settings())) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0);
      for (int i = 0; i < 10; i++) run.submitAt(ms(1 + i), write("w" + i, i, i, 1), null);
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      Set<String> servers =
          kind(run.history(), Kind.SUBMITTED).stream()
              .map(HistoryEvent::peer)
              .collect(Collectors.toSet());
      assertEquals(Set.of("server-1", "server-2"), servers);
      assertTrue(run.results().values().stream().allMatch(r -> r.status() == Status.GOOD));
      assertEquals(
          5,
          run.results().values().stream().filter(r -> r.path() == HistoryEvent.Path.PEER).count());
    }
  }

  static byte[] readDisk(VirtualSubsystem run, long lba) {
    try {
      return run.subsystem().diskContents().read(lba, 1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
