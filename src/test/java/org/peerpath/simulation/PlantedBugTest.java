package org.peerpath.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.TraceReader;
import org.peerpath.trace.check.CompletionOrderChecker;

/**
 * Simulation: a completion rule that answers on the notice alone is found, shrunk to a few lines,
 * and replayed.
 */
class PlantedBugTest {
  static final UnaryOperator<SubsystemSettings> NOTICE_ALONE =
      s -> s.withCompletion((csw, notice) -> notice);

  @Test
  void simulateFindsAReplyOnTheNoticeAloneAndShrinksItToAtMostTenLines(@TempDir Path dir)
      throws Exception {
    var outcome =
        Simulation.run(
            Simulation.Options.of(1, 20, 40).withAdjust(NOTICE_ALONE).withFailureDir(dir));
    assertFalse(outcome.failures().isEmpty(), "the planted bug was found");
    Simulation.Shrunk shrunk = outcome.shrunk().get(0);
    System.out.println(
        "planted bug: "
            + outcome.failures().size()
            + " of 20 seeds failed; seed "
            + shrunk.seed()
            + " shrunk to "
            + shrunk.lines()
            + " lines:\n"
            + org.peerpath.trace.TraceWriter.toText(shrunk.trace()));
    assertTrue(shrunk.lines() <= 10, "shrunk to " + shrunk.lines() + " lines");
    var fromFile = TraceReader.read(shrunk.file());
    try (var runtime = VirtualTime.create(Behaviors.empty(), "planted-replay")) {
      var withBug = Replay.run(fromFile, runtime, NOTICE_ALONE);
      assertEquals(
          CompletionOrderChecker.NAME, withBug.violations().get(0).invariant(), withBug.summary());
      assertTrue(
          Replay.run(fromFile, runtime, UnaryOperator.identity()).passed(),
          "the real rule passes the same trace");
    }
  }

  @Test
  void underPctAFailingSeedsShrunkTraceCarriesItsScheduleAndReplaysTheFailure(@TempDir Path dir)
      throws Exception {
    var outcome =
        Simulation.run(
            Simulation.Options.of(1, 10, 40)
                .withAdjust(NOTICE_ALONE)
                .withFailureDir(dir)
                .withSchedule(Schedule.pct(0, 3, 1)));
    assertFalse(outcome.failures().isEmpty(), "the planted bug was found under pct");
    Simulation.Shrunk shrunk = outcome.shrunk().get(0);
    var fromFile = TraceReader.read(shrunk.file());
    // The shrinker simplifies the schedule as far as the failure allows: this bug shows oldest
    // first too (latencies put the notice ahead), so the line ends up as fifo.
    assertEquals(Schedule.FIFO, fromFile.schedule());
    assertTrue(shrunk.text().contains("{\"kind\":\"schedule\""), shrunk.text());
    try (var runtime = Replay.runtimeFor(fromFile, "planted-pct")) {
      var withBug = Replay.run(fromFile, runtime, NOTICE_ALONE);
      assertEquals(
          CompletionOrderChecker.NAME, withBug.violations().get(0).invariant(), withBug.summary());
      assertEquals(
          withBug.history(),
          Replay.run(fromFile, runtime, NOTICE_ALONE).history(),
          "the same schedule, the same history");
    }
  }

  @Test
  void pctSpreadsItsChangesOverThirtyStepsACommandUpToTheLargestSpan() {
    var pct = Simulation.Options.of(1, 1, 40).withSchedule(Schedule.parse("pct", 0, 1));
    assertEquals(Schedule.pct(9, 3, 1200), pct.scheduleOf(9));
    // 30 steps a command would pass 2^31 here: the span stops at the largest int, not at 1.
    var many = Simulation.Options.of(1, 1, 100_000_000).withSchedule(Schedule.parse("pct", 0, 1));
    assertEquals(Integer.MAX_VALUE, many.scheduleOf(9).steps());
  }

  @Test
  void theRealRulesPassTheSameSeedsAndEverySeedRunTwiceRepeatsItsHistory() throws Exception {
    var outcome = Simulation.run(Simulation.Options.of(1, 20, 40).withDeterminismEvery(4));
    assertTrue(outcome.failures().isEmpty(), () -> outcome.failures().get(0).failure());
    assertEquals(5, outcome.seedsRunTwice(), "seeds 1, 5, 9, 13, 17");
    assertEquals(0, outcome.determinismMismatches());
  }
}
