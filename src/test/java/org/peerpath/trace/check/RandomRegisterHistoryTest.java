package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.trace.check.RegisterLinearizability.Result;
import org.peerpath.trace.check.SimulatedRegisterHistory.Settings;

/**
 * Histories from simulated registers pass; the same history with one stale read fails, on that
 * read's block.
 */
class RandomRegisterHistoryTest {
  static final long SEED = 20_260_125L;

  @Test
  void simulatedRegisterHistoryIsLinearizableAndOneStaleReadMakesItNot() {
    List<BlockOperation> ops = SimulatedRegisterHistory.generate(SEED, Settings.of(400, 5, 8));
    Result pass = RegisterLinearizability.check(ops, SimulatedRegisterHistory.ZERO);
    System.out.println("seed=" + SEED + ": " + pass);
    assertTrue(pass.linearizable(), pass.explanation());
    assertEquals(5, pass.blocksChecked());
    assertEquals(ops.size(), pass.operations());

    int stale = staleReadCandidate(ops);
    BlockOperation read = ops.get(stale);
    List<BlockOperation> corrupted = new ArrayList<>(ops);
    corrupted.set(
        stale,
        BlockOperation.read(
            read.id(),
            read.block(),
            read.invokeNanos(),
            read.completeNanos(),
            overwrittenValue(ops, read)));
    Result fail = RegisterLinearizability.check(corrupted, SimulatedRegisterHistory.ZERO);
    System.out.println("seed=" + SEED + " with " + read.id() + " made stale: " + fail);
    assertFalse(fail.linearizable());
    assertFalse(fail.searchLimitReached());
    assertEquals(read.block(), fail.block());
    assertTrue(fail.explanation().contains(read.id()), fail.explanation());
  }

  @Test
  void manySimulatedHistoriesAreLinearizable() {
    for (long seed = 1; seed <= 200; seed++) {
      List<BlockOperation> ops = SimulatedRegisterHistory.generate(seed, Settings.of(60, 2, 6));
      Result r = RegisterLinearizability.check(ops, SimulatedRegisterHistory.ZERO);
      long s = seed;
      assertTrue(r.linearizable(), () -> r.explanation() + "; reproduce with seed=" + s);
    }
  }

  @Test
  void checkingAThousandHistoriesOfTwoHundredOperationsOverSixteenBlocks() {
    List<List<BlockOperation>> histories = new ArrayList<>();
    for (long seed = 1; seed <= 1_000; seed++) {
      histories.add(SimulatedRegisterHistory.generate(seed, Settings.of(200, 16, 8)));
    }
    long states = 0;
    long start = System.nanoTime();
    for (List<BlockOperation> ops : histories) {
      Result r = RegisterLinearizability.check(ops, SimulatedRegisterHistory.ZERO);
      assertTrue(r.linearizable(), r.explanation());
      states += r.statesVisited();
    }
    long elapsed = System.nanoTime() - start;
    System.out.printf(
        "1000 histories of 200 operations over 16 blocks: %.1f ms (%.1f us each), %d states visited%n",
        elapsed / 1e6, elapsed / 1e3 / histories.size(), states);
  }

  /**
   * The last read R for which some GOOD write W2 completed before R was invoked, after another
   * write W had completed before W2 was invoked: R returning W's value (which only W wrote) can't
   * be linearized.
   */
  static int staleReadCandidate(List<BlockOperation> ops) {
    for (int r = ops.size() - 1; r >= 0; r--) {
      if (!ops.get(r).write() && overwrittenValue(ops, ops.get(r)) != null) return r;
    }
    throw new AssertionError("no read can be made stale");
  }

  static ByteString overwrittenValue(List<BlockOperation> ops, BlockOperation read) {
    for (BlockOperation w2 : ops) {
      if (!w2.write() || !w2.mustTakeEffect() || w2.block() != read.block()) continue;
      if (w2.completeNanos() >= read.invokeNanos()) continue;
      for (BlockOperation w : ops) {
        if (w.write() && w.block() == read.block() && w.completeNanos() < w2.invokeNanos())
          return w.value();
      }
    }
    return null;
  }
}
