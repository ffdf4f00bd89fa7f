package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.peerpath.trace.check.RegisterLinearizability.Result;
import org.peerpath.trace.check.SimulatedRegisterHistory.Settings;

/**
 * What the fault simulation makes when an adapter hangs: hundreds of operations on one block,
 * dozens of them in flight at once for milliseconds. Every write writes its own value, so the zone
 * check decides without a search, which on these histories gives up at its state limit. Times are
 * printed, not asserted.
 */
class ManyOverlappingOperationsTest {
  /**
   * 400 operations on one block from 40 hosts, each taking up to 5 ms, issued up to 20 us apart.
   */
  static final Settings HUNG = new Settings(400, 1, 40, 0.5, 0, 0.08, 0.04, 5_000_000, 20_000);

  static List<BlockOperation> history(long seed) {
    return SimulatedRegisterHistory.generate(seed, HUNG);
  }

  @Test
  void fourHundredOverlappingOperationsOnOneBlockAreLinearizableWithoutASearch() {
    for (long seed = 1; seed <= 5; seed++) {
      List<BlockOperation> ops = history(seed);
      assertEquals(400, ops.size());
      int inFlight = mostInFlight(ops);
      assertTrue(
          inFlight >= 20, "the history should overlap heavily: at most " + inFlight + " in flight");
      long start = System.nanoTime();
      Result r = RegisterLinearizability.check(ops, SimulatedRegisterHistory.ZERO);
      long elapsed = System.nanoTime() - start;
      System.out.printf(
          "seed=%d: 400 operations on one block, up to %d in flight: %s in %.1f ms%n",
          seed, inFlight, r.linearizable() ? "linearizable" : r.explanation(), elapsed / 1e6);
      assertTrue(r.linearizable(), r.explanation());
      assertEquals(0, r.statesVisited());
    }
  }

  @Test
  void theSearchAloneGivesUpOnSuchAHistory() {
    List<BlockOperation> ops = new ArrayList<>(history(1));
    ops.sort(ZonesAgreeWithSearchTest.TIME_ORDER);
    RegisterSearch search =
        new RegisterSearch(
            ops, new BlockValues(ops, SimulatedRegisterHistory.ZERO).opValues(), 100_000);
    long start = System.nanoTime();
    RegisterSearch.Verdict verdict = search.run();
    System.out.printf(
        "the search alone on seed=1: %s after %d states in %.1f ms%n",
        verdict, search.statesVisited(), (System.nanoTime() - start) / 1e6);
    assertEquals(
        RegisterSearch.Verdict.LIMIT_REACHED, verdict, "this is why the zone check exists");
  }

  @Test
  void oneStaleReadAmongFourHundredOverlappingOperationsIsFound() {
    List<BlockOperation> ops = history(1);
    int stale = RandomRegisterHistoryTest.staleReadCandidate(ops);
    BlockOperation read = ops.get(stale);
    List<BlockOperation> corrupted = new ArrayList<>(ops);
    corrupted.set(
        stale,
        BlockOperation.read(
            read.id(),
            read.block(),
            read.invokeNanos(),
            read.completeNanos(),
            RandomRegisterHistoryTest.overwrittenValue(ops, read)));
    assertViolationNaming(corrupted, read.id());
  }

  @Test
  void oneLateReadOfTheInitialValueAmongFourHundredOverlappingOperationsIsFound() {
    List<BlockOperation> ops = history(2);
    int last = lastRead(ops);
    BlockOperation read = ops.get(last);
    List<BlockOperation> corrupted = new ArrayList<>(ops);
    corrupted.set(
        last,
        BlockOperation.read(
            read.id(),
            read.block(),
            read.invokeNanos(),
            read.completeNanos(),
            SimulatedRegisterHistory.ZERO));
    Result r = assertViolationNaming(corrupted, read.id());
    assertTrue(r.explanation().contains("returned the initial value"), r.explanation());
  }

  @Test
  void oneReadOfAValueWrittenOnlyLaterAmongFourHundredOverlappingOperationsIsFound() {
    List<BlockOperation> ops = history(3);
    BlockOperation read = ops.stream().filter(o -> !o.write()).findFirst().orElseThrow();
    BlockOperation later =
        ops.stream()
            .filter(o -> o.write() && o.invokeNanos() > read.completeNanos())
            .findFirst()
            .orElseThrow();
    List<BlockOperation> corrupted = new ArrayList<>(ops);
    corrupted.set(
        ops.indexOf(read),
        BlockOperation.read(
            read.id(), read.block(), read.invokeNanos(), read.completeNanos(), later.value()));
    Result r = assertViolationNaming(corrupted, read.id(), later.id());
    assertTrue(
        r.explanation().contains("was invoked only after " + read.id() + " completed"),
        r.explanation());
  }

  @Test
  void theExplanationDoesNotDependOnTheInputOrder() {
    List<BlockOperation> ops = history(4);
    int stale = RandomRegisterHistoryTest.staleReadCandidate(ops);
    BlockOperation read = ops.get(stale);
    List<BlockOperation> corrupted = new ArrayList<>(ops);
    corrupted.set(
        stale,
        BlockOperation.read(
            read.id(),
            read.block(),
            read.invokeNanos(),
            read.completeNanos(),
            RandomRegisterHistoryTest.overwrittenValue(ops, read)));
    Result first = RegisterLinearizability.check(corrupted, SimulatedRegisterHistory.ZERO);
    assertFalse(first.linearizable());
    Random random = new Random(4);
    for (int i = 0; i < 3; i++) {
      Collections.shuffle(corrupted, random);
      assertEquals(first, RegisterLinearizability.check(corrupted, SimulatedRegisterHistory.ZERO));
    }
  }

  private static Result assertViolationNaming(List<BlockOperation> ops, String... ids) {
    long start = System.nanoTime();
    Result r = RegisterLinearizability.check(ops, SimulatedRegisterHistory.ZERO);
    System.out.printf("%.1f ms: %s%n", (System.nanoTime() - start) / 1e6, r);
    assertFalse(r.linearizable());
    assertFalse(r.searchLimitReached());
    assertEquals(0, r.block());
    for (String id : ids)
      assertTrue(r.explanation().contains(id), () -> id + " missing from " + r.explanation());
    return r;
  }

  private static int lastRead(List<BlockOperation> ops) {
    int last = -1;
    for (int i = 0; i < ops.size(); i++) {
      if (!ops.get(i).write()
          && (last < 0 || ops.get(i).invokeNanos() > ops.get(last).invokeNanos())) last = i;
    }
    return last;
  }

  /** The most operations whose intervals contain one operation's invoke. */
  static int mostInFlight(List<BlockOperation> ops) {
    int most = 0;
    for (BlockOperation o : ops) {
      int n = 0;
      for (BlockOperation p : ops)
        if (p.invokeNanos() <= o.invokeNanos() && o.invokeNanos() <= p.completeNanos()) n++;
      most = Math.max(most, n);
    }
    return most;
  }
}
