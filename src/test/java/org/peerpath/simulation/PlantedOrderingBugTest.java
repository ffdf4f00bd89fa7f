package org.peerpath.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.runtime.Schedule;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.TraceReader;

/**
 * A planted bug that only a rarer order of deliveries shows: the origin server answers on the
 * notice alone, in a subsystem whose paths take no time, where the CSW and the notice reach the
 * origin at the same instant. The run queue's FIFO always delivers the CSW first there (adapter-2
 * writes it before it reports), so no seed shows the bug; PCT, which orders tasks ready at one
 * instant otherwise, does.
 */
class PlantedOrderingBugTest {
  static final UnaryOperator<SubsystemSettings> NOTICE_ALONE_NO_LATENCY =
      s -> PlantedBugTest.NOTICE_ALONE.apply(s).withLatency(LatencyModel.zero());

  /** How many FIFO seeds must miss it: -Dplanted.fifoSeeds=10000 for the figure in the notes. */
  private static final int FIFO_SEEDS = Integer.getInteger("planted.fifoSeeds", 200);

  @Test
  void itsShrunkTraceKeepsAScheduleThatShowsItAndReplaysIt(@TempDir Path dir) throws Exception {
    var outcome =
        Simulation.run(
            Simulation.Options.of(1, 3, 40)
                .withAdjust(NOTICE_ALONE_NO_LATENCY)
                .withSchedule(Schedule.pct(0, 3, 1))
                .withFailureDir(dir));
    assertFalse(outcome.shrunk().isEmpty(), "found and shrunk");
    var shrunk = TraceReader.read(outcome.shrunk().get(0).file());
    Schedule s = shrunk.schedule();
    assertTrue(s != null && !s.isFifo(), "oldest first hides it, so the schedule stays: " + s);
    assertTrue(s.depth() <= 3, s.describe());
    try (var runtime = Replay.runtimeFor(shrunk, "ordering-replay")) {
      assertEquals(
          org.peerpath.trace.check.CompletionOrderChecker.NAME,
          Replay.run(shrunk, runtime, NOTICE_ALONE_NO_LATENCY).violations().get(0).invariant());
      assertTrue(Replay.run(shrunk, runtime, UnaryOperator.identity()).passed());
    }
    System.out.println(
        "planted ordering bug, shrunk: "
            + outcome.shrunk().get(0).lines()
            + " lines, "
            + s.describe());
  }

  @Test
  void fifoSeedsMissItAndPctFindsIt() throws Exception {
    var fifo =
        Simulation.run(
            Simulation.Options.of(1, FIFO_SEEDS, 40)
                .withAdjust(NOTICE_ALONE_NO_LATENCY)
                .withDeterminismEvery(Integer.MAX_VALUE));
    assertTrue(
        fifo.failures().isEmpty(), () -> "FIFO found it: " + fifo.failures().get(0).failure());

    var pct =
        Simulation.run(
            Simulation.Options.of(1, 20, 40)
                .withAdjust(NOTICE_ALONE_NO_LATENCY)
                .withSchedule(Schedule.pct(0, 3, 1))
                .withDeterminismEvery(5));
    System.out.println(
        "planted ordering bug: "
            + FIFO_SEEDS
            + " FIFO seeds missed it; PCT found it in "
            + pct.failures().size()
            + " of 20 seeds, the first at seed "
            + (pct.failures().isEmpty() ? "-" : pct.failures().get(0).seed()));
    assertFalse(pct.failures().isEmpty(), "PCT found it");
    assertEquals(
        org.peerpath.trace.check.CompletionOrderChecker.NAME,
        pct.failures().get(0).signature(),
        "it is the reply before the CSW: " + pct.failures().get(0).failure());
    assertEquals(0, pct.determinismMismatches(), "each PCT seed run twice gave one history");
  }
}
