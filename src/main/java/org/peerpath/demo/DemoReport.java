package org.peerpath.demo;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerpath.history.HistoryEvent;

/**
 * The demo's summary: counts from the workload plus what only the history knows (failovers, the
 * time from an adapter failure to the first command served by a peer, fenced refusals). Its JSON
 * form carries the fields of docs/spec/command-line.md.
 */
@JsonPropertyOrder({
  "commands",
  "ok",
  "busy",
  "errors",
  "paths",
  "failovers",
  "failoverMillis",
  "readbackMismatches",
  "readMismatches",
  "readbackReads",
  "latencyMicros",
  "fencedRefusals",
  "fault",
  "elapsedMillis"
})
public record DemoReport(
    int commands,
    int ok,
    int busy,
    int errors,
    Map<String, Integer> paths,
    int failovers,
    Map<String, Double> failoverMillis,
    int readbackMismatches,
    int readMismatches,
    int readbackReads,
    Map<String, Long> latencyMicros,
    int fencedRefusals,
    String fault,
    long elapsedMillis) {

  static DemoReport of(
      DemoTally.Snapshot t, List<HistoryEvent> history, String fault, long elapsedMillis) {
    int failovers = 0;
    int refused = 0;
    List<Double> failoverTimes = new ArrayList<>();
    Long failedAt = null;
    for (HistoryEvent e : history) {
      switch (e.kind()) {
        case ADAPTER_DOWN -> failovers++;
        case REFUSED -> refused++;
        case FAULT -> failedAt = e.atNanos();
        case REPLY -> {
          if (failedAt != null && e.path() == HistoryEvent.Path.PEER) {
            failoverTimes.add((e.atNanos() - failedAt) / 1e6);
            failedAt = null;
          }
        }
        default -> {}
      }
    }
    failoverTimes.sort(Double::compare);
    double p50 = failoverTimes.isEmpty() ? 0 : failoverTimes.get((failoverTimes.size() - 1) / 2);
    double max = failoverTimes.isEmpty() ? 0 : failoverTimes.get(failoverTimes.size() - 1);
    return new DemoReport(
        t.workloadReplies() + t.readBackReplies(),
        t.ok(),
        t.busy(),
        t.errors(),
        ordered(Map.entry("direct", t.direct()), Map.entry("peer", t.peer())),
        failovers,
        ordered(Map.entry("p50", round(p50)), Map.entry("max", round(max))),
        t.readbackMismatches(),
        t.readMismatches(),
        t.readBackReplies(),
        ordered(
            Map.entry("p50", t.p50Micros()),
            Map.entry("p99", t.p99Micros()),
            Map.entry("max", t.maxMicros())),
        refused,
        fault,
        elapsedMillis);
  }

  /**
   * The JSON keeps these keys in this order on every run (Map.of iterates in an order that changes
   * between runs).
   */
  @SafeVarargs
  private static <V> Map<String, V> ordered(Map.Entry<String, V>... entries) {
    Map<String, V> m = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : entries) m.put(e.getKey(), e.getValue());
    return Collections.unmodifiableMap(m);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  public boolean clean() {
    return errors == 0 && busy == 0 && readbackMismatches == 0 && readMismatches == 0;
  }

  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "  %-18s %d   (%d workload, %d read-back)   ok %d   busy %d   errors %d%n",
            "commands", commands, commands - readbackReads, readbackReads, ok, busy, errors));
    b.append(
        String.format(
            "  %-18s direct %d   peer %d%n", "paths", paths.get("direct"), paths.get("peer")));
    b.append(
        String.format(
            "  %-18s %d   (adapter-1 %s; first peer-path completion after %.3f ms)%n",
            "failovers", failovers, fault, failoverMillis.get("max")));
    b.append(
        String.format(
            "  %-18s p50 %d   p99 %d   max %d%n",
            "latency (us)",
            latencyMicros.get("p50"),
            latencyMicros.get("p99"),
            latencyMicros.get("max")));
    b.append(String.format("  %-18s %d%n", "fenced refusals", fencedRefusals));
    b.append(
        String.format(
            "  %-18s %d reads through both servers, %d mismatches (%d during the workload)%n",
            "read-back", readbackReads, readbackMismatches, readMismatches));
    b.append(String.format("  %-18s %d ms%n", "elapsed", elapsedMillis));
    return b.toString();
  }
}
