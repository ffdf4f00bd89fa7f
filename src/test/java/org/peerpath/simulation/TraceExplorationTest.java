package org.peerpath.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.peerpath.trace.Replay;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceReader;
import org.peerpath.trace.check.CompletionOrderChecker;

/**
 * TraceExploration runs one trace under many schedules and finds what only a rarer order shows: an
 * expectation that holds for the oldest-first order alone, and a planted reply on the notice alone.
 */
class TraceExplorationTest {

  /** With every path at 0, the CSW and the notice reach server-1 at one instant. */
  private static final Trace TIE = TraceReader.readResource("explore/csw-first-at-a-tie.jsonl");

  @Test
  void randomAndPctFindAnOrderTheOldestFirstRunNeverTakesAndItsTraceReplaysIt() {
    assertTrue(Replay.run(TIE).passed(), "oldest first, the CSW comes first");
    for (TraceExploration.Strategy s :
        new TraceExploration.Strategy[] {
          TraceExploration.Strategy.RANDOM, TraceExploration.Strategy.PCT
        }) {
      var outcome = TraceExploration.run(TraceExploration.Options.of(TIE, s, 20));
      TraceExploration.Failure f = outcome.firstFailure();
      assertTrue(f != null, s + " found notice-first within 20 schedules");
      assertEquals(f.index() + 1, outcome.schedules(), "it stopped at the first");
      assertTrue(f.report().summary().contains("got notice-first"), f.report().summary());
      assertEquals(f.schedule(), f.trace().schedule());
      var again = Replay.run(f.trace());
      assertEquals(f.report().summary(), again.summary());
      assertEquals(f.report().history(), again.history(), "the same run, event for event");
    }
  }

  @Test
  void pctFindsTheReplyOnTheNoticeAloneThatTheOldestFirstOrderHides() {
    Trace peer = TraceReader.readResource("peerpath/examples/peer-path.jsonl");
    var fifo =
        Replay.run(
            peer, Replay.runtimeFor(peer, "fifo"), PlantedOrderingBugTest.NOTICE_ALONE_NO_LATENCY);
    assertTrue(fifo.passed(), fifo.summary());
    var outcome =
        TraceExploration.run(
            TraceExploration.Options.of(peer, TraceExploration.Strategy.PCT, 50)
                .withAdjust(PlantedOrderingBugTest.NOTICE_ALONE_NO_LATENCY)
                .withStopAtFirst(false));
    assertTrue(!outcome.failures().isEmpty(), "found within 50 PCT schedules");
    assertEquals(
        CompletionOrderChecker.NAME,
        outcome.firstFailure().report().violations().get(0).invariant());
    System.out.println(
        "planted reply on the notice alone, peer-path.jsonl: "
            + outcome.failures().size()
            + " of 50 PCT schedules found it; "
            + Math.round(outcome.schedulesPerSecond())
            + " schedules/s");
  }

  @Test
  void depthFirstReachesTheOtherOrderOfTheTieWithinTheChoicesOfTheCheckedRun() {
    // The subsystem's stop follows the checks and runs oldest first. Had it choices of its own,
    // the last ones, dfs would spend its budget on orders of the stop, which change nothing
    // checked: the tie's 7 choice points would be 37, and its first out of reach.
    var outcome =
        TraceExploration.run(TraceExploration.Options.of(TIE, TraceExploration.Strategy.DFS, 2000));
    TraceExploration.Failure f = outcome.firstFailure();
    assertTrue(f != null, "dfs found notice-first within 2000 schedules");
    assertTrue(f.report().summary().contains("got notice-first"), f.report().summary());
    assertEquals(f.report().history(), Replay.run(f.trace()).history());
    assertTrue(outcome.choicePoints() < 10, "choice points: " + outcome.choicePoints());
  }

  @Test
  void depthFirstStopsAtItsBudgetOnATreeLargerThanIt() {
    var outcome =
        TraceExploration.run(TraceExploration.Options.of(TIE, TraceExploration.Strategy.DFS, 4));
    assertEquals(4, outcome.schedules());
    assertTrue(outcome.choicePoints() > 4, "choice points: " + outcome.choicePoints());
    assertTrue(!outcome.exhausted());
  }

  @Test
  void dfsKnowsTheActorsOfEveryRunBySamePaths() {
    assertEquals(
        "/system/explore-server-1",
        TraceExploration.samePathEveryRun("/system/explore-7-server-1"));
    assertEquals(
        "/system/explore-server-1", TraceExploration.samePathEveryRun("/system/explore-server-1"));
    assertEquals(
        "/system/explore-results", TraceExploration.samePathEveryRun("/system/explore-results"));
  }
}
