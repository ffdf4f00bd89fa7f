package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.trace.TraceBuilder.fill;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.trace.check.CompletionOrderChecker;

/** Replay: a trace in, a report out, and the same history on every run. */
class ReplayTest {
  static Trace noticeOvertakesCsw() {
    var config =
        Trace.Config.builder()
            .servers(2)
            .blockSize(4096)
            .blocks(64)
            .latencyDefault(Duration.ZERO)
            .latency("adapter-2->memory-1", Duration.ofMillis(3))
            .latency("server-2->server-1", Duration.ofMillis(1))
            .build();
    return new TraceBuilder("notice-overtakes-csw")
        .config(config)
        .fail("0ms", "adapter-1", FaultMode.CRASH)
        .write("1ms", "w1", "server-1", 7, fill(171, 4096))
        .write("30ms", "w2", "server-1", 8, fill(34, 4096))
        .read("60ms", "r1", "server-1", 7, 1)
        .expect(
            "r1",
            e ->
                e.status(Status.GOOD)
                    .data(fill(171, 4096))
                    .path(HistoryEvent.Path.PEER)
                    .servedBy("adapter-2")
                    .order(HistoryEvent.Order.NOTICE_FIRST))
        .build();
  }

  @Test
  void aTraceWhoseExpectationsHoldPasses() {
    ReplayReport report = Replay.run(noticeOvertakesCsw());
    assertTrue(report.passed(), report.summary());
    assertEquals("PASS notice-overtakes-csw", report.summary());
    assertEquals(1, report.expectationsChecked());
  }

  @Test
  void aReplayWhoseHistoryDroppedEventsDoesNotPass() {
    try (var runtime = VirtualTime.create(Behaviors.<Void>empty(), "replay-truncated")) {
      ReplayReport report =
          Replay.run(noticeOvertakesCsw(), runtime, s -> s.toBuilder().historyLimit(3).build());
      assertFalse(report.passed(), report.summary());
      assertEquals(3, report.history().size());
      assertTrue(
          report.summary().contains("complete-history: the history kept only 3 of the run's "),
          report.summary());
      assertTrue(
          report.summary().contains("(history-limit 3): every check needs them all"),
          report.summary());
    }
  }

  @Test
  void aReplayThatKeptNoHistoryDoesNotPass() {
    try (var runtime = VirtualTime.create(Behaviors.<Void>empty(), "replay-no-history")) {
      ReplayReport report =
          Replay.run(noticeOvertakesCsw(), runtime, s -> s.toBuilder().keepHistory(false).build());
      assertFalse(report.passed(), report.summary());
      assertEquals(
          "FAIL notice-overtakes-csw: complete-history: the run kept no history (keep-history is"
              + " off): every check needs all its events",
          report.summary());
    }
  }

  @Test
  void anUnmetExpectationFailsNamingWhatDiffered() {
    Trace t =
        new TraceBuilder("wrong")
            .write("0ms", "w1", "server-1", 1, fill(1, 4096))
            .read("1ms", "r1", "server-2", 1, 1)
            .expect("r1", e -> e.status(Status.GOOD).data(fill(2, 4096)))
            .build();
    ReplayReport report = Replay.run(t);
    assertFalse(report.passed());
    assertTrue(
        report
            .summary()
            .contains("r1 expected other data: 4096 bytes, all 0x02, got 4096 bytes, all 0x01"),
        report.summary());
  }

  @Test
  void anExpectationOfAnotherPathOrOrderFailsNamingBothInTheTracesWords() {
    Trace t = noticeOvertakesCsw();
    Trace expectingDirect =
        new Trace(
            "expecting-direct",
            t.config(),
            t.inputs(),
            List.of(
                Trace.Expectation.builder("r1")
                    .status(Status.GOOD)
                    .path(HistoryEvent.Path.DIRECT)
                    .servedBy("adapter-1")
                    .order(HistoryEvent.Order.CSW_FIRST)
                    .build()));
    ReplayReport report = Replay.run(expectingDirect);
    assertFalse(report.passed());
    assertEquals(
        List.of(
            "r1 expected path direct, got peer",
            "r1 expected servedBy adapter-1, got adapter-2",
            "r1 expected order csw-first, got notice-first"),
        report.unmet());
  }

  @Test
  void replayingTwiceWritesTheSameHistory() {
    var first = Replay.run(noticeOvertakesCsw()).history();
    var second = Replay.run(noticeOvertakesCsw()).history();
    assertEquals(first, second);
  }

  @Test
  void aPlantedCompletionBugIsCaughtByTheInvariants() {
    try (var runtime = VirtualTime.create(Behaviors.empty(), "planted")) {
      ReplayReport report =
          Replay.run(noticeOvertakesCsw(), runtime, s -> s.withCompletion((csw, notice) -> notice));
      assertFalse(report.passed());
      assertTrue(
          report.violations().stream()
              .anyMatch(v -> v.invariant().equals(CompletionOrderChecker.NAME)),
          report.summary());
      assertFalse(
          report.unmet().isEmpty(),
          "the read returned what its slot held before the peer's DMA landed");
      assertEquals(fill(34, 4096), report.reply("r1").data());
    }
  }
}
