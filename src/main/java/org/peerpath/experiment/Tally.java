package org.peerpath.experiment;

import java.util.Arrays;

/**
 * What the host saw, by the time each answer reached it: per time bucket the commands completed
 * GOOD, the NO_PATH answers and the latencies; and the same per phase of the timeline (warm-up,
 * before the failure, during it, after the repair). A latency runs from the command's first sending
 * to its GOOD answer, resends included. Percentiles are exact: nearest rank over every latency.
 */
final class Tally {
  /** The phases of the timeline, in order. */
  enum Phase {
    WARMUP,
    BEFORE,
    DURING,
    AFTER
  }

  /** A growable array of latencies, in nanoseconds. */
  private static final class Latencies {
    private long[] values = new long[64];
    private int size;

    void add(long v) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = v;
    }

    /** The {@code q} quantile by nearest rank, or -1 when there is none. */
    long quantile(double q) {
      if (size == 0) return -1;
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(q * size);
      return sorted[Math.max(0, rank - 1)];
    }
  }

  private final ExperimentSettings s;
  private final int buckets;
  private final long[] completed;
  private final long[] errors;
  private final Latencies[] latencies;
  private final long[] phaseCompleted = new long[Phase.values().length];
  private final Latencies[] phaseLatencies = new Latencies[Phase.values().length];
  private final long[][] phaseCompletedByHome = new long[Phase.values().length][2];
  private long totalErrors;
  private long longest;

  Tally(ExperimentSettings s) {
    this.s = s;
    this.buckets = (int) ((s.end() + s.bucket() - 1) / s.bucket());
    completed = new long[buckets];
    errors = new long[buckets];
    latencies = new Latencies[buckets];
    for (int b = 0; b < buckets; b++) latencies[b] = new Latencies();
    for (Phase p : Phase.values()) phaseLatencies[p.ordinal()] = new Latencies();
  }

  int buckets() {
    return buckets;
  }

  /**
   * A command of a client of server {@code home} (0 or 1) completed GOOD at {@code at}, {@code
   * latency} after it was first sent.
   */
  void completed(long at, long latency, int home) {
    int b = bucket(at);
    completed[b]++;
    latencies[b].add(latency);
    Phase p = phase(s, at);
    phaseCompleted[p.ordinal()]++;
    phaseCompletedByHome[p.ordinal()][home]++;
    phaseLatencies[p.ordinal()].add(latency);
    longest = Math.max(longest, latency);
  }

  /** The host got NO_PATH at {@code at}. */
  void error(long at) {
    errors[bucket(at)]++;
    totalErrors++;
  }

  private int bucket(long at) {
    return (int) Math.min(buckets - 1, at / s.bucket());
  }

  /** The phase of the timeline of {@code s} that time {@code at} falls in. */
  static Phase phase(ExperimentSettings s, long at) {
    if (at < s.warmup()) return Phase.WARMUP;
    if (at < s.failAt()) return Phase.BEFORE;
    if (at < s.repairAt()) return Phase.DURING;
    return Phase.AFTER;
  }

  long completed(int bucket) {
    return completed[bucket];
  }

  long errors(int bucket) {
    return errors[bucket];
  }

  /** The bucket's p99 latency in nanoseconds, or -1 if nothing completed in it. */
  long p99(int bucket) {
    return latencies[bucket].quantile(0.99);
  }

  long phaseCompleted(Phase p) {
    return phaseCompleted[p.ordinal()];
  }

  /** Commands of the clients of server {@code home} completed in phase {@code p}. */
  long phaseCompleted(Phase p, int home) {
    return phaseCompletedByHome[p.ordinal()][home];
  }

  /** The longest latency of any command completed, in nanoseconds. */
  long longest() {
    return longest;
  }

  long phaseQuantile(Phase p, double q) {
    return phaseLatencies[p.ordinal()].quantile(q);
  }

  long totalCompleted() {
    return Arrays.stream(phaseCompleted).sum();
  }

  long totalErrors() {
    return totalErrors;
  }
}
