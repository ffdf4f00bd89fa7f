package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The search for a linearization of one block's history, as a read/write register: Wing and Gong's
 * depth-first search over orders of the operations, with Lowe's just-in-time linearization (an
 * operation is placed only when it is the next thing to do: at its invoke it may be placed, at its
 * complete it must already have been) and Porcupine's memo of every (set of placed operations,
 * register value) already explored, so no configuration is searched twice.
 *
 * <p>The history is a doubly linked list of invoke and complete entries in time order; placing an
 * operation lifts both of its entries out, backtracking puts them back. A MAYBE write may be placed
 * like any other, or be left out: the search leaves it out when it reaches the write's complete
 * without having placed it (there is nothing else to do with it by then), and a write without a
 * reply has no complete entry at all, so it is never forced. Left-out writes count as done in the
 * memo key: the rest of the search depends only on which operations are still to come and on the
 * value.
 *
 * <p>Values are small integers (0 is the initial value), assigned by the caller.
 */
final class RegisterSearch {
  private static final int NIL = -1;

  enum Verdict {
    LINEARIZABLE,
    VIOLATION,
    LIMIT_REACHED
  }

  /**
   * Where the search got furthest: {@code prefix} placed or left out, then {@code stuck} could not
   * be placed.
   */
  record Furthest(List<Integer> prefix, List<Boolean> leftOut, int value, int stuck) {}

  private final List<BlockOperation> ops;
  private final int[] values;
  private final long maxStates;
  private final int head;
  private final int[] next;
  private final int[] prev;
  private final int[] entryOp;
  private final boolean[] entryIsInvoke;
  private final int[] invokeEntry;
  private final int[] completeEntry;
  private final long[] done;
  private final int[] stackOp;
  private final int[] stackValue;
  private final boolean[] stackLeftOut;
  private int depth;
  private int toPlace; // operations whose complete entry is still in the list
  private final Set<Memo> visited = new HashSet<>();
  private Furthest furthest;

  /**
   * {@code ops} sorted as the caller wants ties broken; {@code values[i]} is what op i wrote or
   * read.
   */
  RegisterSearch(List<BlockOperation> ops, int[] values, long maxStates) {
    this.ops = ops;
    this.values = values;
    this.maxStates = maxStates;
    int n = ops.size();
    List<int[]> entries = new ArrayList<>(); // {op, 1 if invoke}
    for (int i = 0; i < n; i++) {
      entries.add(new int[] {i, 1});
      if (ops.get(i).replied()) entries.add(new int[] {i, 0});
    }
    // Intervals are closed: an invoke at the same instant as a complete comes first, so the two
    // overlap.
    entries.sort(
        Comparator.<int[]>comparingLong(e -> time(e))
            .thenComparing(e -> -e[1])
            .thenComparingInt(e -> e[0]));
    int size = entries.size();
    head = size;
    next = new int[size + 1];
    prev = new int[size + 1];
    entryOp = new int[size];
    entryIsInvoke = new boolean[size];
    invokeEntry = new int[n];
    completeEntry = new int[n];
    Arrays.fill(completeEntry, NIL);
    for (int e = 0; e < size; e++) {
      int op = entries.get(e)[0];
      entryOp[e] = op;
      entryIsInvoke[e] = entries.get(e)[1] == 1;
      if (entryIsInvoke[e]) invokeEntry[op] = e;
      else completeEntry[op] = e;
      prev[e] = e == 0 ? head : e - 1;
      next[e] = e == size - 1 ? NIL : e + 1;
    }
    next[head] = size == 0 ? NIL : 0;
    done = new long[(n + 63) / 64];
    stackOp = new int[n];
    stackValue = new int[n];
    stackLeftOut = new boolean[n];
    for (int op = 0; op < n; op++) if (completeEntry[op] != NIL) toPlace++;
  }

  private long time(int[] entry) {
    BlockOperation op = ops.get(entry[0]);
    return entry[1] == 1 ? op.invokeNanos() : op.completeNanos();
  }

  Verdict run() {
    int value = 0;
    int entry = next[head];
    while (toPlace > 0) {
      if (visited.size() > maxStates) return Verdict.LIMIT_REACHED;
      int op = entryOp[entry];
      if (entryIsInvoke[entry]) {
        int after = step(value, op);
        if (after != NIL && enter(op, after)) {
          push(op, value, false);
          value = after;
          entry = next[head];
        } else {
          entry = next[entry];
        }
        continue;
      }
      // The complete of an operation not yet placed: a MAYBE write is left out, anything else is
      // stuck.
      if (!ops.get(op).mustTakeEffect() && enter(op, value)) {
        push(op, value, true);
        entry = next[head];
        continue;
      }
      if (ops.get(op).mustTakeEffect()) noteStuck(op, value);
      // Backtrack to the last placement and try the next entry after it; leaving a write out was
      // forced.
      int last;
      do {
        if (depth == 0) return Verdict.VIOLATION;
        last = stackOp[--depth];
        value = stackValue[depth];
        clear(last);
        unlift(last);
      } while (stackLeftOut[depth]);
      entry = next[invokeEntry[last]];
    }
    return Verdict.LINEARIZABLE;
  }

  private void push(int op, int valueBefore, boolean leftOut) {
    stackOp[depth] = op;
    stackValue[depth] = valueBefore;
    stackLeftOut[depth++] = leftOut;
    lift(op);
  }

  /** The register's value after op, or NIL if op cannot happen now. */
  private int step(int value, int op) {
    if (ops.get(op).write()) return values[op];
    return values[op] == value ? value : NIL;
  }

  /**
   * Marks op done and records (done, value); false, with op unmarked, if that was explored before.
   */
  private boolean enter(int op, int value) {
    done[op >>> 6] |= 1L << op;
    if (visited.add(new Memo(done.clone(), value))) return true;
    clear(op);
    return false;
  }

  private void clear(int op) {
    done[op >>> 6] &= ~(1L << op);
  }

  private void lift(int op) {
    remove(invokeEntry[op]);
    if (completeEntry[op] != NIL) {
      remove(completeEntry[op]);
      toPlace--;
    }
  }

  /** Undoes {@link #lift} in reverse order, which the removed entries' own links make possible. */
  private void unlift(int op) {
    if (completeEntry[op] != NIL) {
      restore(completeEntry[op]);
      toPlace++;
    }
    restore(invokeEntry[op]);
  }

  private void remove(int e) {
    next[prev[e]] = next[e];
    if (next[e] != NIL) prev[next[e]] = prev[e];
  }

  private void restore(int e) {
    next[prev[e]] = e;
    if (next[e] != NIL) prev[next[e]] = e;
  }

  private void noteStuck(int op, int value) {
    if (furthest != null && furthest.prefix().size() >= depth) return;
    List<Integer> prefix = new ArrayList<>(depth);
    List<Boolean> leftOut = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      prefix.add(stackOp[i]);
      leftOut.add(stackLeftOut[i]);
    }
    furthest = new Furthest(List.copyOf(prefix), List.copyOf(leftOut), value, op);
  }

  /**
   * The deepest point at which a required operation could not be placed; null if there was none.
   */
  Furthest furthest() {
    return furthest;
  }

  long statesVisited() {
    return visited.size();
  }

  /** A (done set, value) pair; the hash is computed once, as every lookup needs it. */
  private static final class Memo {
    private final long[] done;
    private final int value;
    private final int hash;

    Memo(long[] done, int value) {
      this.done = done;
      this.value = value;
      this.hash = 31 * Arrays.hashCode(done) + value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Memo m
          && m.hash == hash
          && m.value == value
          && Arrays.equals(m.done, done);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
