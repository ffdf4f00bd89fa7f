package org.peerpath.experiment;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code bin/peerpath experiment} reports: the preset and its settings, the seed, the
 * timeline, one entry per policy and the files written; its JSON form is
 * docs/spec/command-line.md's, its table the summary a reader compares the policies by.
 */
@JsonPropertyOrder({
  "preset",
  "description",
  "seed",
  "timelineMillis",
  "policies",
  "files",
  "settings"
})
public record ExperimentReport(
    String preset,
    String description,
    long seed,
    Map<String, Double> timelineMillis,
    List<PolicyResult> policies,
    Map<String, String> files,
    Map<String, Object> settings) {

  public static ExperimentReport of(
      Presets.Preset preset,
      ExperimentSettings s,
      long seed,
      List<PolicyResult> policies,
      Map<String, String> files) {
    Map<String, Double> timeline =
        Map.of(
            "warmup", s.warmup() / 1e6,
            "failAt", s.failAt() / 1e6,
            "repairAt", s.repairAt() / 1e6,
            "end", s.end() / 1e6,
            "bucket", s.bucket() / 1e6);
    return new ExperimentReport(
        preset.name(),
        preset.description(),
        seed,
        new java.util.TreeMap<>(timeline),
        policies,
        files,
        preset.values());
  }

  /** The human-readable summary. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "peerpath experiment: preset %s (%s), seed %d%n"
                + "adapter-1 fails at %s ms and is repaired at %s ms; the run ends at %s ms (virtual time)%n%n",
            preset,
            description,
            seed,
            ms("failAt"),
            ms("repairAt"),
            ms("end")));
    t.append(
        String.format(
            Locale.ROOT,
            "%-16s %26s %13s %18s %10s %7s%n",
            "",
            "commands/s (k)",
            "server-1's",
            "latency (µs)",
            "",
            ""));
    t.append(
        String.format(
            Locale.ROOT,
            "%-16s %8s %8s %8s %13s %9s %8s %10s %7s%n",
            "policy",
            "before",
            "during",
            "after",
            "clients, k/s",
            "p99 dur.",
            "longest",
            "completed",
            "errors"));
    for (PolicyResult r : policies) {
      t.append(
          String.format(
              Locale.ROOT,
              "%-16s %8.1f %8.1f %8.1f %13.1f %9s %8.0f %10d %7d%n",
              r.name(),
              r.throughputBefore() / 1e3,
              r.throughputDuring() / 1e3,
              r.throughputAfter() / 1e3,
              r.server1ClientsDuring() / 1e3,
              r.p99DuringMicros() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.1f", r.p99DuringMicros()),
              r.longestMicros(),
              r.completed(),
              r.errors()));
    }
    t.append(String.format(Locale.ROOT, "%n"));
    for (Map.Entry<String, String> f : files.entrySet())
      t.append(String.format(Locale.ROOT, "%s: %s%n", f.getKey(), f.getValue()));
    return t.toString();
  }

  private String ms(String key) {
    double v = timelineMillis.get(key);
    return v == Math.rint(v)
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }
}
