package org.peerpath.bench;

/**
 * Results of one {@link RingBenchmark#run}: throughput (hops per wall-clock second) of the
 * zero-latency ring (two runs) and of the ring with every hop delayed by the scheduler, and whether
 * the two zero-latency runs logged identical events.
 */
public record RingFigures(
    int actors,
    int tokens,
    long hops,
    double zeroLatencyMsgsPerSec,
    double zeroLatencyRepeatMsgsPerSec,
    double delayedMsgsPerSec,
    long delayNanos,
    long delayedVirtualNanos,
    long delayedTimersFired,
    boolean identicalLogs) {

  /** Human-readable summary, as printed by {@link RingBenchmark#main}. */
  public String describe() {
    return String.format(
        "ring: %d actors, %d tokens, %,d hops%n"
            + "zero latency (tell):        %,.0f msgs/s (run 1), %,.0f msgs/s (run 2)%n"
            + "delayed (%d ns per hop):   %,.0f msgs/s, %,d timers fired, %,d ns virtual%n"
            + "identical logs: %b",
        actors,
        tokens,
        hops,
        zeroLatencyMsgsPerSec,
        zeroLatencyRepeatMsgsPerSec,
        delayNanos,
        delayedMsgsPerSec,
        delayedTimersFired,
        delayedVirtualNanos,
        identicalLogs);
  }
}
