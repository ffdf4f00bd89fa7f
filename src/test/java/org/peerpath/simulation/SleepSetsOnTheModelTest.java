package org.peerpath.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.history.HistoryEvent;
import org.peerpath.runtime.DepthFirstSearch;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceReader;

/**
 * On the model, the search with sleep sets reaches every history that the search without them
 * reaches, in a small fraction of the runs: the turns it takes for independent (different actors,
 * no common receiver, no event recorded by both, no timer for one instant) commute indeed.
 */
class SleepSetsOnTheModelTest {

  private static final Trace TIE = TraceReader.readResource("explore/csw-first-at-a-tie.jsonl");

  /** The distinct histories of the runs that were not cut short, and how many runs there were. */
  private record Searched(Set<String> histories, int runs) {}

  /** A history in short: each event's kind, node, command and order, in order. */
  private static String shortly(List<HistoryEvent> history) {
    StringBuilder b = new StringBuilder();
    for (HistoryEvent e : history)
      b.append(e.kind().wireName())
          .append('@')
          .append(e.node())
          .append(e.id() == null ? "" : " " + e.id())
          .append(e.order() == null ? "" : " " + e.order().wireName())
          .append("; ");
    return b.toString().trim();
  }

  private static Searched search(DepthFirstSearch search) {
    Set<String> histories = new HashSet<>();
    UnaryOperator<SubsystemSettings> oneName = s -> s.withName(TraceExploration.RUN_NAME);
    search.pathsAs(TraceExploration::samePathEveryRun);
    try (VirtualTimeSystem<Void> runtime =
        VirtualTime.create(Behaviors.empty(), "sleep-sets", VirtualTime.oneMessagePerTurn())) {
      runtime.search(search);
      int runs = 0;
      for (Schedule s = search.next(); s != null; s = search.next()) {
        assertTrue(++runs <= 5000, "the tie's tree has 192 leaves");
        int blocked = search.blockedRuns();
        var report = Replay.run(TIE.withSchedule(s), runtime, oneName);
        if (search.blockedRuns() == blocked) histories.add(shortly(report.history()));
      }
      return new Searched(histories, runs);
    }
  }

  @Test
  void sleepSetsReachEveryHistoryOfTheTieInAFractionOfTheRuns() {
    Searched all = search(DepthFirstSearch.withoutReduction());
    Searched reduced = search(new DepthFirstSearch());
    assertEquals(all.histories(), reduced.histories());
    assertTrue(all.histories().size() > 1, "the tie has more than one history");
    assertTrue(
        reduced.runs() * 5 < all.runs(),
        "with sleep sets " + reduced.runs() + " runs, without " + all.runs());
    System.out.println(
        "csw-first-at-a-tie: "
            + all.histories().size()
            + " histories; dfs without sleep sets "
            + all.runs()
            + " runs, with "
            + reduced.runs());
  }
}
