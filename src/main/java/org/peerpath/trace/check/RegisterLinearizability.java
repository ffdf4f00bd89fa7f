package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;

/**
 * Checks that what the hosts saw of every disk block is linearizable as a read/write register whose
 * initial value is {@code initial} (all zeros on a fresh disk): there is one order of the
 * operations, consistent with real time (an operation that completed before another was invoked
 * comes first), in which every read returns the value of the latest write before it. GOOD writes
 * must appear in that order; writes that may have failed (MAYBE) may appear, within their interval,
 * or not at all.
 *
 * <p>Blocks are independent registers, and linearizability is compositional, so each block is
 * checked on its own. Blocks are checked in ascending order and the check stops at the first that
 * is not linearizable. Within a block, operations are ordered by invoke, complete and id, so the
 * result and its explanation do not depend on the order of the input list.
 *
 * <p>A block whose writes (MAYBE ones included) all write distinct values, none of them the initial
 * value, as in the simulation, is decided by the zone check ({@link RegisterZones}), in O(n log n)
 * and without any search, however many of its operations overlap. When it finds a violation, a
 * search bounded by {@link #EXPLANATION_STATES} words it in the usual terms if it can, and the zone
 * check's own words follow ("In short: ..."); if that search does not finish, the zone check's
 * words stand alone. The states that search visits are counted in {@code statesVisited}; a block
 * the zone check finds linearizable adds none.
 *
 * <p>Any other block goes to the search ({@link RegisterSearch}), which is exponential in the worst
 * case. It is bounded by a number of distinct search states per block ({@link
 * #MAX_STATES_PER_BLOCK} unless given); a block that needs more is reported as not linearizable
 * with {@code searchLimitReached} set and an explanation starting "search limit reached", meaning
 * undecided rather than wrong. Histories of a few dozen operations per block, some of them
 * concurrent, stay far below it.
 */
public final class RegisterLinearizability {
  /** The default bound on distinct (placed operations, value) states explored for one block. */
  public static final long MAX_STATES_PER_BLOCK = 1_000_000;

  /**
   * The bound on the search that words a violation the zone check found: within it, the explanation
   * is the search's (furthest prefix, candidate writes) followed by the zone check's; beyond it,
   * only the zone check's. Small, as the verdict is already certain: the search's words are worth a
   * few dozen milliseconds, not the seconds a million states take on a block of a few hundred
   * operations.
   */
  static final long EXPLANATION_STATES = 20_000;

  private static final Comparator<BlockOperation> TIME_ORDER =
      Comparator.comparingLong(BlockOperation::invokeNanos)
          .thenComparingLong(BlockOperation::completeNanos)
          .thenComparing(BlockOperation::id);

  private RegisterLinearizability() {}

  /**
   * The verdict on a whole history. When not linearizable, {@code block} is the first block that is
   * not and {@code explanation} says why, naming the operations involved; otherwise {@code block}
   * is -1 and {@code explanation} is empty. The counts cover the blocks checked.
   */
  public record Result(
      boolean linearizable,
      boolean searchLimitReached,
      long block,
      String explanation,
      int blocksChecked,
      int operations,
      long statesVisited) {}

  public static Result check(List<BlockOperation> ops, ByteString initial) {
    return check(ops, initial, MAX_STATES_PER_BLOCK);
  }

  public static Result check(List<BlockOperation> ops, ByteString initial, long maxStatesPerBlock) {
    Map<Long, List<BlockOperation>> byBlock = new TreeMap<>();
    for (BlockOperation op : ops)
      byBlock.computeIfAbsent(op.block(), b -> new ArrayList<>()).add(op);
    int blocks = 0;
    int operations = 0;
    long states = 0;
    for (Map.Entry<Long, List<BlockOperation>> e : byBlock.entrySet()) {
      long block = e.getKey();
      List<BlockOperation> history = e.getValue();
      history.sort(TIME_ORDER);
      blocks++;
      operations += history.size();
      BlockValues values = new BlockValues(history, initial);
      ViolationExplanation explain = new ViolationExplanation(block, history, values);
      if (values.unknownRead() >= 0) {
        return new Result(
            false,
            false,
            block,
            explain.unknownValue(values.unknownRead()),
            blocks,
            operations,
            states);
      }
      int[] opValues = values.opValues();
      RegisterZones zones = RegisterZones.ifDistinctWrites(history, opValues);
      if (zones != null) {
        RegisterZones.Conflict conflict = zones.conflict();
        if (conflict == null) continue;
        RegisterSearch search =
            new RegisterSearch(history, opValues, Math.min(maxStatesPerBlock, EXPLANATION_STATES));
        RegisterSearch.Verdict verdict = search.run();
        states += search.statesVisited();
        String why = zones.describe(conflict, values);
        String text =
            switch (verdict) {
              case VIOLATION -> explain.stuck(search.furthest()) + " In short: " + why + ".";
              case LIMIT_REACHED -> "block " + block + ": " + why + ".";
              case LINEARIZABLE ->
                  throw new IllegalStateException(
                      "block "
                          + block
                          + ": the zone check found a "
                          + "violation the search does not confirm (a bug in one of them): "
                          + why);
            };
        return new Result(false, false, block, text, blocks, operations, states);
      }
      RegisterSearch search = new RegisterSearch(history, opValues, maxStatesPerBlock);
      RegisterSearch.Verdict verdict = search.run();
      states += search.statesVisited();
      switch (verdict) {
        case LINEARIZABLE -> {}
        case VIOLATION -> {
          return new Result(
              false, false, block, explain.stuck(search.furthest()), blocks, operations, states);
        }
        case LIMIT_REACHED -> {
          String text =
              ViolationExplanation.limitReached(block, search.statesVisited(), maxStatesPerBlock);
          return new Result(false, true, block, text, blocks, operations, states);
        }
      }
    }
    return new Result(true, false, -1, "", blocks, operations, states);
  }
}
