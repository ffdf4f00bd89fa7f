package org.peerpath.demo.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The clustered demo's summary: the one-JVM demo's fields (docs' cli.md) as the launcher saw them,
 * and the cluster's own: {@code retried}, {@code indeterminate}, {@code linearizable}, {@code
 * nodes} and {@code killToRetryMillis}. {@code fencedRefusals} is null: fencing refusals happen
 * between the server and disk JVMs, out of the launcher's sight.
 */
@JsonPropertyOrder({
  "commands",
  "ok",
  "errors",
  "paths",
  "failovers",
  "failoverMillis",
  "readbackMismatches",
  "latencyMicros",
  "fencedRefusals",
  "retried",
  "indeterminate",
  "linearizable",
  "linearizability",
  "killToRetryMillis",
  "partition",
  "tls",
  "commandsPerSec",
  "nodes",
  "history",
  "elapsedMillis"
})
public record ClusterReport(
    int commands,
    int ok,
    int errors,
    Map<String, Integer> paths,
    int failovers,
    Map<String, Double> failoverMillis,
    int readbackMismatches,
    Map<String, Long> latencyMicros,
    Integer fencedRefusals,
    int retried,
    int indeterminate,
    boolean linearizable,
    String linearizability,
    Double killToRetryMillis,
    String partition,
    boolean tls,
    double commandsPerSec,
    List<NodeFigures> nodes,
    String history,
    long elapsedMillis) {

  /**
   * One node JVM: its name, role and process id, how long it took to be Up, how it ended, and what
   * the launcher saw of it ({@code answered}: commands whose answer came from this server, {@code
   * servedByAdapter}: commands its adapter served; for the host, all commands).
   */
  @JsonPropertyOrder({"name", "role", "pid", "upMillis", "exit", "answered", "servedByAdapter"})
  public record NodeFigures(
      String name,
      String role,
      long pid,
      long upMillis,
      String exit,
      int answered,
      int servedByAdapter) {}

  /** Whether the run found nothing wrong. */
  public boolean clean() {
    return linearizable && readbackMismatches == 0 && paths.getOrDefault("peer", 0) > 0;
  }

  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "  %-9s %-7s %8s %9s %-12s %9s %9s%n",
            "node", "role", "pid", "up (ms)", "exit", "answered", "adapter"));
    for (NodeFigures n : nodes)
      b.append(
          String.format(
              "  %-9s %-7s %8d %9d %-12s %9s %9s%n",
              n.name(),
              n.role(),
              n.pid(),
              n.upMillis(),
              n.exit(),
              n.answered() < 0 ? "-" : Integer.toString(n.answered()),
              n.servedByAdapter() < 0 ? "-" : Integer.toString(n.servedByAdapter())));
    b.append('\n');
    b.append(
        String.format(
            "  %-18s %d   ok %d   errors %d   indeterminate %d   (%.0f per second)%n",
            "commands", commands, ok, errors, indeterminate, commandsPerSec));
    b.append(
        String.format(
            "  %-18s direct %d   peer %d%n", "paths", paths.get("direct"), paths.get("peer")));
    b.append(
        String.format(
            "  %-18s %d   (adapter-1 crashed; first peer-path completion after %.1f ms)%n",
            "failovers", failovers, failoverMillis.get("max")));
    b.append(
        String.format(
            "  %-18s p50 %d   p99 %d%n",
            "latency (us)", latencyMicros.get("p50"), latencyMicros.get("p99")));
    b.append(
        String.format(
            "  %-18s %d commands resent by host-1%s%n",
            "retried",
            retried,
            killToRetryMillis == null
                ? ""
                : String.format(
                    "; SIGKILL of server-2 to the first resend %.0f ms", killToRetryMillis)));
    if (partition != null) b.append(String.format("  %-18s %s%n", "partition", partition));
    b.append(String.format("  %-18s %s%n", "linearizable", linearizable ? "yes" : "NO"));
    if (!linearizable) b.append(String.format("  %-18s %s%n", "", linearizability));
    b.append(String.format("  %-18s %d mismatches%n", "read-back", readbackMismatches));
    if (history != null) b.append(String.format("  %-18s %s%n", "history", history));
    b.append(
        String.format("  %-18s %d ms%s%n", "elapsed", elapsedMillis, tls ? " (over TLS)" : ""));
    return b.toString();
  }
}
