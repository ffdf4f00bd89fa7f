package org.peerpath.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The bench's rounds as they are measured: each round's ceiling, and each path's commands per
 * second at each number of outstanding commands; the latencies of the runs with one command
 * outstanding, gathered over all rounds; and the replies that failed or went the peer path. Gives
 * medians over the rounds.
 */
final class PathRounds {
  private final List<Double> ceilings = new ArrayList<>();
  private final Map<Integer, List<Double>> direct = new LinkedHashMap<>();
  private final Map<Integer, List<Double>> peer = new LinkedHashMap<>();
  private final Histogram directLatency = new Histogram(3_600_000_000_000L, 3);
  private final Histogram peerLatency = new Histogram(3_600_000_000_000L, 3);
  private long peerCompletions;
  private long failed;

  PathRounds(List<Integer> outstanding) {
    for (int o : outstanding) {
      direct.put(o, new ArrayList<>());
      peer.put(o, new ArrayList<>());
    }
  }

  void ceiling(double messagesPerSec) {
    ceilings.add(messagesPerSec);
  }

  void direct(int outstanding, ClosedLoop.Tally t) {
    direct.get(outstanding).add(t.perSec());
    if (t.latencyNanos() != null) directLatency.add(t.latencyNanos());
    failed += t.failed();
  }

  void peer(int outstanding, ClosedLoop.Tally t) {
    peer.get(outstanding).add(t.perSec());
    if (t.latencyNanos() != null) peerLatency.add(t.latencyNanos());
    peerCompletions += t.peer();
    failed += t.failed();
  }

  /** Runs with one outstanding made for their latency only (none was among the rounds'). */
  void latency(ClosedLoop.Tally direct, ClosedLoop.Tally peer) {
    directLatency.add(direct.latencyNanos());
    peerLatency.add(peer.latencyNanos());
    failed += direct.failed() + peer.failed();
  }

  double lastDirect(int outstanding) {
    List<Double> v = direct.get(outstanding);
    return v.get(v.size() - 1);
  }

  double lastPeer(int outstanding) {
    List<Double> v = peer.get(outstanding);
    return v.get(v.size() - 1);
  }

  double medianCeiling() {
    return median(ceilings);
  }

  double medianDirect(int outstanding) {
    return median(direct.get(outstanding));
  }

  double medianPeer(int outstanding) {
    return median(peer.get(outstanding));
  }

  /** Each round's ceiling, and the paths at {@code outstanding}, in the order measured. */
  List<BenchReport.Round> perRound(int outstanding) {
    List<BenchReport.Round> rounds = new ArrayList<>();
    for (int r = 0; r < ceilings.size(); r++)
      rounds.add(
          new BenchReport.Round(
              Bench.round(ceilings.get(r), 0),
              Bench.round(direct.get(outstanding).get(r), 1),
              Bench.round(peer.get(outstanding).get(r), 1)));
    return rounds;
  }

  Histogram directLatency() {
    return directLatency;
  }

  Histogram peerLatency() {
    return peerLatency;
  }

  long peerCompletions() {
    return peerCompletions;
  }

  long failed() {
    return failed;
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
