package org.peerpath.experiment;

import java.util.List;
import java.util.Locale;

/**
 * The experiment's figures over time as CSV: one row per time bucket and policy, in time order and
 * then in policy order, with the bucket's phase, its throughput (GOOD commands a second), its p99
 * latency in microseconds (empty when nothing completed in it), and the commands completed and
 * NO_PATH answers behind them. Numbers are written with a fixed number of decimals and no locale,
 * so the same run gives the same bytes on every machine.
 */
public final class ThroughputCsv {
  public static final String HEADER =
      "time_ms,phase,policy,commands_per_sec,p99_us,completed,errors";

  private ThroughputCsv() {}

  public static String render(ExperimentSettings s, List<PolicyResult> results) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    int buckets = results.isEmpty() ? 0 : results.get(0).buckets().size();
    for (int b = 0; b < buckets; b++) {
      for (PolicyResult r : results) {
        PolicyResult.Bucket bucket = r.buckets().get(b);
        csv.append(String.format(Locale.ROOT, "%.3f", bucket.start() / 1e6))
            .append(',')
            .append(Tally.phase(s, bucket.start()).name().toLowerCase(Locale.ROOT))
            .append(',')
            .append(r.name())
            .append(',')
            .append(String.format(Locale.ROOT, "%.0f", bucket.throughput()))
            .append(',')
            .append(
                bucket.p99Nanos() < 0
                    ? ""
                    : String.format(Locale.ROOT, "%.2f", bucket.p99Nanos() / 1e3))
            .append(',')
            .append(bucket.completed())
            .append(',')
            .append(bucket.errors())
            .append('\n');
      }
    }
    return csv.toString();
  }
}
