package org.peerpath.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Presets cut to a short timeline, so that a test runs all three policies in about a second. */
final class ShortRuns {
  private ShortRuns() {}

  /** The timeline the tests run: warm-up 5 ms, the failure from 20 to 40 ms, the end at 60 ms. */
  static final Map<String, String> SHORT =
      Map.of(
          "timeline.warmup", "5ms",
          "timeline.fail-at", "20ms",
          "timeline.repair-at", "40ms",
          "timeline.end", "60ms",
          "timeline.bucket", "2ms");

  /** Preset {@code preset} on the short timeline, with {@code changes} ("key=value") on top. */
  static ExperimentSettings settings(String preset, String... changes) {
    Map<String, String> overrides = new LinkedHashMap<>(SHORT);
    for (String change : changes) {
      String[] kv = change.split("=", 2);
      overrides.put(kv[0], kv[1]);
    }
    Presets.Preset p = Presets.load().named(preset, overrides);
    return ExperimentSettings.from(p.name(), p.settings());
  }

  static List<PolicyResult> run(ExperimentSettings s, long seed) {
    try {
      return new Experiment(s, seed).run(done -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static PolicyResult of(List<PolicyResult> results, Policy policy) {
    return results.stream().filter(r -> r.name().equals(policy.label())).findFirst().orElseThrow();
  }
}
