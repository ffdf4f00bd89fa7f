package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.List;
import org.peerpath.history.Durations;

/**
 * Words for why a block's history is not linearizable, built from the furthest point the search
 * reached: the operation that could not be placed there, the prefix that could, the value the block
 * held after it and, for a read, the writes it could have read as far as real time alone tells
 * (invoked before it completed, and with no surely-applied write entirely between them and the
 * read). The search is deterministic, so the same history always gets the same text.
 */
final class ViolationExplanation {
  private static final int SHOWN = 8;

  private final long block;
  private final List<BlockOperation> ops;
  private final BlockValues values;

  ViolationExplanation(long block, List<BlockOperation> ops, BlockValues values) {
    this.block = block;
    this.ops = ops;
    this.values = values;
  }

  String unknownValue(int read) {
    BlockOperation op = ops.get(read);
    return "block "
        + block
        + ": read "
        + describe(op)
        + " returned "
        + BlockValues.hex(op.value())
        + ", which is neither the initial value nor written by any write to the block";
  }

  String stuck(RegisterSearch.Furthest f) {
    BlockOperation op = ops.get(f.stuck());
    int[] opValues = values.opValues();
    String what =
        op.write()
            ? "write "
                + describe(op)
                + " had to take effect before it completed, but no linearization places it"
            : "read "
                + describe(op)
                + " returned "
                + values.name(opValues[f.stuck()])
                + ", which no linearization allows";
    String text =
        "block "
            + block
            + ": "
            + what
            + ". Furthest linearizable prefix: "
            + prefix(f)
            + " (the block then holds "
            + values.name(f.value())
            + ").";
    if (!op.write()) text += " Writes " + op.id() + " could have read: " + candidates(op) + ".";
    return text;
  }

  static String limitReached(long block, long states, long maxStates) {
    return "block "
        + block
        + ": search limit reached after "
        + states
        + " states (limit "
        + maxStates
        + " per block); the history may or may not be linearizable";
  }

  private String prefix(RegisterSearch.Furthest f) {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < f.prefix().size(); i++) {
      String id = ops.get(f.prefix().get(i)).id();
      all.add(f.leftOut().get(i) ? id + " (left out)" : id);
    }
    return latest(all);
  }

  /**
   * The writes real time alone does not rule out for the read: invoked before it completed, not
   * overwritten.
   */
  private String candidates(BlockOperation read) {
    List<String> all = new ArrayList<>();
    for (BlockOperation op : ops) {
      if (op.write() && op.invokeNanos() <= read.completeNanos() && !overwrittenBefore(op, read))
        all.add(describe(op));
    }
    return latest(all);
  }

  /**
   * Whether a write that surely took effect lies entirely between {@code write} and {@code read}.
   */
  private boolean overwrittenBefore(BlockOperation write, BlockOperation read) {
    for (BlockOperation later : ops) {
      if (later.write()
          && later.mustTakeEffect()
          && write.completeNanos() < later.invokeNanos()
          && later.completeNanos() < read.invokeNanos()) {
        return true;
      }
    }
    return false;
  }

  private static String latest(List<String> items) {
    if (items.isEmpty()) return "none";
    int from = Math.max(0, items.size() - SHOWN);
    String earlier = from > 0 ? "… " + from + " earlier, " : "";
    return earlier + String.join(", ", items.subList(from, items.size()));
  }

  /** {@code w1 [10us, 20us]}, {@code w2 [5us, no reply] maybe}. */
  static String describe(BlockOperation op) {
    String complete = op.replied() ? Durations.format(op.completeNanos()) : "no reply";
    String maybe = op.mustTakeEffect() ? "" : " maybe";
    return op.id() + " [" + Durations.format(op.invokeNanos()) + ", " + complete + "]" + maybe;
  }
}
