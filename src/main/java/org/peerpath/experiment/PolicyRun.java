package org.peerpath.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.peerpath.experiment.Tally.Phase;

/**
 * One policy's run: a fresh subsystem of queues and the host's clients, adapter-1 failing at {@code
 * fail-at} and repaired at {@code repair-at}, virtual time driven bucket by bucket to {@code end}.
 * A crash is seen at once, as the model's servers see a crashed adapter through supervision.
 */
final class PolicyRun {
  /** adapter-1, the one that fails. */
  static final int FAILING = 0;

  private final ExperimentSettings s;
  private final Policy policy;
  private final EventQueue events = new EventQueue();
  private final Topology t;
  private final ServerPaths paths;
  private final HostClients host;
  private final Tally tally;
  private final long[] busyAtFailure;
  private final long[] busyAtRepair;
  private long hitsAtFailure;
  private long readsAtFailure;
  private long hitsAtRepair;
  private long readsAtRepair;

  PolicyRun(ExperimentSettings s, Policy policy, long seed) {
    this.s = s;
    this.policy = policy;
    this.t = new Topology(s, events);
    this.paths = new ServerPaths(s, policy, events, t);
    this.tally = new Tally(s);
    this.host = new HostClients(s, policy, events, new Workload(s, seed), t, paths, tally);
    this.busyAtFailure = new long[t.stations().size()];
    this.busyAtRepair = new long[t.stations().size()];
  }

  /** Runs to the end, calling {@code bucketDone} with the number of buckets run so far. */
  PolicyResult run(IntConsumer bucketDone) {
    events.after(s.failAt(), this::fail);
    events.after(s.repairAt(), this::repair);
    host.start();
    List<PolicyResult.Bucket> buckets = new ArrayList<>();
    for (int b = 0; b < tally.buckets(); b++) {
      long start = b * s.bucket();
      long end = Math.min(s.end(), start + s.bucket());
      events.runUntil(end);
      buckets.add(
          new PolicyResult.Bucket(
              start, end - start, tally.completed(b), tally.errors(b), tally.p99(b)));
      bucketDone.accept(b + 1);
    }
    return result(buckets);
  }

  private void fail() {
    snapshot(busyAtFailure);
    hitsAtFailure = hits();
    readsAtFailure = reads();
    paths.adapterFailed(FAILING, host.outstanding());
  }

  private void repair() {
    snapshot(busyAtRepair);
    hitsAtRepair = hits();
    readsAtRepair = reads();
    paths.adapterRepaired(FAILING);
    host.adapterRepaired(FAILING);
  }

  private void snapshot(long[] busy) {
    List<Station> stations = t.stations();
    for (int i = 0; i < busy.length; i++) busy[i] = stations.get(i).busyNanos();
  }

  private long hits() {
    return t.caches[0].hits() + t.caches[1].hits();
  }

  private long reads() {
    return hits() + t.caches[0].misses() + t.caches[1].misses();
  }

  private PolicyResult result(List<PolicyResult.Bucket> buckets) {
    Map<String, Double> utilisation = new LinkedHashMap<>();
    List<Station> stations = t.stations();
    long during = s.repairAt() - s.failAt();
    for (int i = 0; i < busyAtFailure.length; i++) {
      Station station = stations.get(i);
      double busy = (double) (busyAtRepair[i] - busyAtFailure[i]);
      utilisation.put(station.name(), round(busy / ((double) station.channels() * during), 3));
    }
    long readsDuring = readsAtRepair - readsAtFailure;
    return new PolicyResult(
        policy.label(),
        rate(Phase.BEFORE, s.failAt() - s.warmup()),
        rate(Phase.DURING, during),
        rate(Phase.AFTER, s.end() - s.repairAt()),
        round(tally.phaseCompleted(Phase.DURING, FAILING) * 1e9 / during, 1),
        micros(tally.phaseQuantile(Phase.BEFORE, 0.99)),
        micros(tally.phaseQuantile(Phase.DURING, 0.99)),
        micros(tally.phaseQuantile(Phase.AFTER, 0.99)),
        micros(tally.longest()),
        tally.totalCompleted(),
        tally.totalErrors(),
        paths.forwarded(),
        paths.heldAtFailure(),
        readsDuring == 0 ? 0 : round((double) (hitsAtRepair - hitsAtFailure) / readsDuring, 4),
        utilisation,
        events.ran(),
        List.copyOf(buckets));
  }

  private double rate(Phase p, long nanos) {
    return nanos == 0 ? 0 : round(tally.phaseCompleted(p) * 1e9 / nanos, 1);
  }

  private static Double micros(long nanos) {
    return nanos < 0 ? null : round(nanos / 1e3, 2);
  }

  private static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }
}
