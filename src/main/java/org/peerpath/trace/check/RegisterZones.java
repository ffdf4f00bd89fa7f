package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The fast path of the register check for one block whose writes all write distinct values, none of
 * them the initial value: the zone characterisation of atomic registers (Gibbons and Korach 1997;
 * Golab, Li and Shah 2011), which decides linearizability in O(n log n) with no search.
 *
 * <p>With distinct values every read names the one write it read (its dictating write; the initial
 * value is written by a virtual write before everything), and in any linearization the operations
 * form <em>clusters</em>, a write followed by the reads of its value, one after another: a value
 * once replaced never returns. For a cluster let {@code f} be the earliest complete of its
 * operations and {@code s} the latest invoke. Cluster A must come before cluster B exactly when
 * some operation of A completed before some operation of B was invoked, that is when {@code f(A) <
 * s(B)} (strictly: intervals are closed, so an invoke at the instant of a complete overlaps it, as
 * in the search and in the definition). The history is linearizable if and only if
 *
 * <ol>
 *   <li>no read completed before its dictating write was invoked, and
 *   <li>no two clusters must each come before the other: {@code f(A) < s(B)} and {@code f(B) <
 *       s(A)}.
 * </ol>
 *
 * (The initial value's cluster must come first; it conflicts with B when {@code f(B) < s(initial)},
 * a read of the initial value invoked after an operation of another cluster completed.) Condition 2
 * is the zone condition: when {@code f < s} a cluster has the forward zone {@code [f, s]},
 * otherwise the backward zone {@code [s, f]}; two clusters conflict exactly when their forward
 * zones overlap in more than an endpoint, or a backward zone lies inside a forward zone without
 * touching its endpoints (two backward zones never conflict). A longer cycle of "must come before"
 * always contains a two-cycle: the cluster with the smallest {@code f} on the cycle must come
 * before every cluster on it, its predecessor included. If neither condition fails, the clusters in
 * any order that puts the initial value first and respects the "must come before" edges, each as
 * its write and then its reads by invoke, is a linearization.
 *
 * <p>Writes that may have failed (MAYBE): one whose value no read returned is left out, which only
 * removes constraints and is always allowed (with distinct values, taking effect or not changes no
 * read). One whose value some read returned must have taken effect, within its interval, so it
 * heads its cluster like any write; without a reply its complete is {@link
 * BlockOperation#NO_REPLY}, later than every invoke, so it constrains nothing through its end, just
 * as the search never forces it.
 *
 * <p>Within clusters ties are broken by the operations' order in the list (the caller sorts it), so
 * the conflict found, and its explanation, are deterministic.
 */
final class RegisterZones {
  private static final int NONE = -1;

  /** Why the block is not linearizable; operation indices into the caller's list. */
  sealed interface Conflict permits ReadBeforeWrite, InitialValueReplaced, Crossed {}

  /** {@code read} returned {@code write}'s value but completed before {@code write} was invoked. */
  record ReadBeforeWrite(int read, int write) implements Conflict {}

  /**
   * {@code read} returned the initial value but was invoked after {@code earlier}, of another
   * value's cluster, completed.
   */
  record InitialValueReplaced(int read, int earlier) implements Conflict {}

  /**
   * Two values each had to be in place before the other: {@code first} (a read of, or the write of,
   * one value) was invoked after {@code firstAfter} (an operation of the other value) completed,
   * and {@code second} (of the other value) was invoked after {@code secondAfter} (of the first)
   * completed.
   */
  record Crossed(int first, int firstAfter, int second, int secondAfter) implements Conflict {}

  private final List<BlockOperation> ops;
  private final int[] values;
  private final int[] writer; // value -> the op that wrote it; NONE for the initial value
  private final boolean[] inPlay; // value -> whether its cluster is in the history
  private final long[] minComplete;
  private final int[] minCompleteOp;
  private final long[] maxInvoke;
  private final int[] maxInvokeOp;

  private RegisterZones(List<BlockOperation> ops, int[] values, int[] writer) {
    this.ops = ops;
    this.values = values;
    this.writer = writer;
    int n = writer.length;
    inPlay = new boolean[n];
    minComplete = new long[n];
    minCompleteOp = new int[n];
    maxInvoke = new long[n];
    maxInvokeOp = new int[n];
    Arrays.fill(minCompleteOp, NONE);
    Arrays.fill(maxInvokeOp, NONE);
    for (int i = 0; i < ops.size(); i++) {
      BlockOperation op = ops.get(i);
      if (!op.write() || op.mustTakeEffect())
        inPlay[values[i]] = true; // a read puts its write in play
    }
    for (int i = 0; i < ops.size(); i++) {
      int v = values[i];
      if (!inPlay[v]) continue; // a MAYBE write nobody read: left out
      BlockOperation op = ops.get(i);
      if (minCompleteOp[v] == NONE || op.completeNanos() < minComplete[v]) {
        minComplete[v] = op.completeNanos();
        minCompleteOp[v] = i;
      }
      if (maxInvokeOp[v] == NONE || op.invokeNanos() > maxInvoke[v]) {
        maxInvoke[v] = op.invokeNanos();
        maxInvokeOp[v] = i;
      }
    }
  }

  /**
   * The zone check for one block, or null when it does not apply: some write writes the initial
   * value or the same value as another write, or some read returned a value no write wrote ({@code
   * values} -1), which the caller reports on its own. {@code values} numbers values as {@link
   * BlockValues} does.
   */
  static RegisterZones ifDistinctWrites(List<BlockOperation> ops, int[] values) {
    int max = 0;
    for (int v : values) {
      if (v < 0) return null;
      max = Math.max(max, v);
    }
    int[] writer = new int[max + 1];
    Arrays.fill(writer, NONE);
    for (int i = 0; i < ops.size(); i++) {
      if (!ops.get(i).write()) continue;
      if (values[i] == 0 || writer[values[i]] != NONE) return null;
      writer[values[i]] = i;
    }
    return new RegisterZones(ops, values, writer);
  }

  /** Null if the block is linearizable, otherwise the first conflict found. */
  Conflict conflict() {
    for (int i = 0; i < ops.size(); i++) {
      BlockOperation op = ops.get(i);
      if (op.write() || values[i] == 0) continue;
      int w = writer[values[i]];
      if (op.completeNanos() < ops.get(w).invokeNanos()) return new ReadBeforeWrite(i, w);
    }
    List<Integer> clusters = new ArrayList<>();
    for (int v = 1; v < writer.length; v++) if (inPlay[v]) clusters.add(v);
    if (inPlay[0]) {
      int earliest = NONE;
      for (int v : clusters) {
        if (earliest == NONE || minComplete[v] < minComplete[earliest]) earliest = v;
      }
      if (earliest != NONE && minComplete[earliest] < maxInvoke[0]) {
        return new InitialValueReplaced(maxInvokeOp[0], minCompleteOp[earliest]);
      }
    }
    return crossed(clusters);
  }

  /**
   * The first cluster b, in the order of the writes, with a partner a such that {@code f(a) < s(b)}
   * and {@code f(b) < s(a)}. Among the clusters with {@code f(a) < s(b)}, a prefix when they are
   * sorted by {@code f}, the one with the latest {@code s} is the partner if any is, so prefix
   * maxima (the best two, as b may be in its own prefix) answer each b in a binary search.
   */
  private Conflict crossed(List<Integer> clusters) {
    int k = clusters.size();
    Integer[] byF = clusters.toArray(new Integer[0]);
    Arrays.sort(
        byF, Comparator.<Integer>comparingLong(v -> minComplete[v]).thenComparingInt(v -> v));
    long[] f = new long[k];
    int[] best = new int[k];
    int[] second = new int[k];
    for (int p = 0; p < k; p++) {
      int v = byF[p];
      f[p] = minComplete[v];
      int b1 = p == 0 ? NONE : best[p - 1];
      int b2 = p == 0 ? NONE : second[p - 1];
      if (b1 == NONE || maxInvoke[v] > maxInvoke[b1]) {
        b2 = b1;
        b1 = v;
      } else if (b2 == NONE || maxInvoke[v] > maxInvoke[b2]) {
        b2 = v;
      }
      best[p] = b1;
      second[p] = b2;
    }
    for (int b : clusters) {
      int prefix = firstNotBelow(f, maxInvoke[b]); // clusters with f(a) < s(b)
      if (prefix == 0) continue;
      int a = best[prefix - 1] == b ? second[prefix - 1] : best[prefix - 1];
      if (a == NONE || minComplete[b] >= maxInvoke[a]) continue;
      // maxInvokeOp[b] was invoked after minCompleteOp[a] completed, and maxInvokeOp[a] after
      // minCompleteOp[b].
      int x = maxInvokeOp[b];
      int y = maxInvokeOp[a];
      // Tell it starting from the operation invoked first (they are in time order in the list).
      return x <= y
          ? new Crossed(x, minCompleteOp[a], y, minCompleteOp[b])
          : new Crossed(y, minCompleteOp[b], x, minCompleteOp[a]);
    }
    return null;
  }

  /** The first index whose value is not below {@code key} in the ascending {@code sorted}. */
  private static int firstNotBelow(long[] sorted, long key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The conflict in words, without the block: a sentence without its final period. */
  String describe(Conflict c, BlockValues names) {
    if (c instanceof ReadBeforeWrite r) {
      return "read "
          + ViolationExplanation.describe(ops.get(r.read()))
          + " returned "
          + valueOf(r.read(), names)
          + ", but write "
          + ViolationExplanation.describe(ops.get(r.write()))
          + " was invoked only after "
          + ops.get(r.read()).id()
          + " completed";
    }
    if (c instanceof InitialValueReplaced r) {
      return "read "
          + ViolationExplanation.describe(ops.get(r.read()))
          + " returned the initial value but was"
          + " invoked after "
          + of(r.earlier(), names)
          + " completed, so the initial value had been replaced"
          + " before it (no write writes the initial value)";
    }
    Crossed x = (Crossed) c;
    String p = valueOf(x.first(), names);
    String q = valueOf(x.second(), names);
    return invokedAfter(x.first(), x.firstAfter(), names)
        + ", and "
        + invokedAfter(x.second(), x.secondAfter(), names)
        + ": "
        + q
        + " had to come before "
        + p
        + " and "
        + p
        + " before "
        + q
        + ", but no two writes write the"
        + " same value, so a value once replaced never comes back";
  }

  /** "read r9 [..] returned w3's value but was invoked after write w5 [..] completed". */
  private String invokedAfter(int op, int after, BlockValues names) {
    BlockOperation o = ops.get(op);
    String what =
        o.write()
            ? "write " + ViolationExplanation.describe(o) + " was"
            : "read "
                + ViolationExplanation.describe(o)
                + " returned "
                + valueOf(op, names)
                + " but was";
    return what + " invoked after " + of(after, names) + " completed";
  }

  /** "write w3 [..]" or "read r4 [..] of w3's value". */
  private String of(int op, BlockValues names) {
    BlockOperation o = ops.get(op);
    return o.write()
        ? "write " + ViolationExplanation.describe(o)
        : "read " + ViolationExplanation.describe(o) + " of " + valueOf(op, names);
  }

  private String valueOf(int op, BlockValues names) {
    return names.name(values[op]);
  }
}
