package org.peerpath.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.peerpath.runtime.Choices;
import org.peerpath.trace.Replay;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceReader;
import org.peerpath.trace.check.CompletionOrderChecker;

/**
 * Exploration runs one trace under many schedules and finds what only a rarer order shows: an
 * expectation that holds for the oldest-first order alone, and a planted reply on the notice alone.
 */
class ExplorationTest {

  /** With every path at 0, the CSW and the notice reach server-1 at one instant. */
  private static final Trace TIE = TraceReader.readResource("explore/csw-first-at-a-tie.jsonl");

  @Test
  void randomAndPctFindAnOrderTheOldestFirstRunNeverTakesAndItsTraceReplaysIt() {
    assertTrue(Replay.run(TIE).passed(), "oldest first, the CSW comes first");
    for (Exploration.Strategy s :
        new Exploration.Strategy[] {Exploration.Strategy.RANDOM, Exploration.Strategy.PCT}) {
      var outcome = Exploration.run(Exploration.Options.of(TIE, s, 20));
      Exploration.Failure f = outcome.firstFailure();
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
        Exploration.run(
            Exploration.Options.of(peer, Exploration.Strategy.PCT, 50)
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
  void depthFirstOrderTakesTheLastChoiceWithAnOptionLeftAndEndsWhenNoneIsLeft() {
    assertArrayEquals(
        new int[] {0, 1, 1},
        Exploration.nextInDepthFirstOrder(new Choices(new int[] {0, 1, 0}, new int[] {2, 2, 3})));
    assertArrayEquals(
        new int[] {1},
        Exploration.nextInDepthFirstOrder(new Choices(new int[] {0, 1}, new int[] {2, 2})));
    assertNull(Exploration.nextInDepthFirstOrder(new Choices(new int[] {1, 2}, new int[] {2, 3})));
    assertNull(Exploration.nextInDepthFirstOrder(new Choices(new int[0], new int[0])));
  }

  @Test
  void depthFirstReachesTheOtherOrderOfTheTieWithinTheChoicesOfTheCheckedRun() {
    // The subsystem's stop follows the checks and runs oldest first. Had it choices of its own,
    // the last ones, dfs would spend its budget on orders of the stop, which change nothing
    // checked: the tie's 7 choice points would be 37, and its first out of reach.
    var outcome = Exploration.run(Exploration.Options.of(TIE, Exploration.Strategy.DFS, 2000));
    Exploration.Failure f = outcome.firstFailure();
    assertTrue(f != null, "dfs found notice-first within 2000 schedules");
    assertTrue(f.report().summary().contains("got notice-first"), f.report().summary());
    assertEquals(f.report().history(), Replay.run(f.trace()).history());
    assertTrue(outcome.choicePoints() < 10, "choice points: " + outcome.choicePoints());
  }

  @Test
  void depthFirstStopsAtItsBudgetOnATreeLargerThanIt() {
    var outcome = Exploration.run(Exploration.Options.of(TIE, Exploration.Strategy.DFS, 5));
    assertEquals(5, outcome.schedules());
    assertTrue(outcome.choicePoints() > 5, "choice points: " + outcome.choicePoints());
    assertTrue(!outcome.exhausted());
  }
}
