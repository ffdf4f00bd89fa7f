package org.peerpath.demo;

import org.HdrHistogram.Histogram;
import org.peerpath.command.CommandResult;
import org.peerpath.history.HistoryEvent;

/**
 * Running counts of the demo, updated by the workload actor and read by the progress line on
 * another thread, hence synchronized. Latencies go into an HdrHistogram in microseconds.
 */
public final class DemoTally {
  private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  private int workloadReplies;
  private int readBackReplies;
  private int ok;
  private int busy;
  private int errors;
  private int direct;
  private int peer;
  private int readMismatches;
  private int readbackMismatches;

  synchronized void replied(CommandResult r, long latencyNanos, boolean readBack) {
    if (readBack) readBackReplies++;
    else workloadReplies++;
    latencyMicros.recordValue(Math.max(0, latencyNanos / 1000));
    if (r.isGood()) ok++;
    else if (r.status() == org.peerpath.command.Status.BUSY) busy++;
    else errors++;
    if (r.path() == HistoryEvent.Path.DIRECT) direct++;
    if (r.path() == HistoryEvent.Path.PEER) peer++;
  }

  synchronized void mismatch(boolean readBack) {
    if (readBack) readbackMismatches++;
    else readMismatches++;
  }

  /** A consistent copy of the counts. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(
        workloadReplies,
        readBackReplies,
        ok,
        busy,
        errors,
        direct,
        peer,
        readMismatches,
        readbackMismatches,
        latencyMicros.getValueAtPercentile(50),
        latencyMicros.getValueAtPercentile(99),
        latencyMicros.getMaxValue());
  }

  public record Snapshot(
      int workloadReplies,
      int readBackReplies,
      int ok,
      int busy,
      int errors,
      int direct,
      int peer,
      int readMismatches,
      int readbackMismatches,
      long p50Micros,
      long p99Micros,
      long maxMicros) {}
}
