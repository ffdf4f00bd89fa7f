package org.peerpath.demo.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The clustered demo's summary: the one-JVM demo's fields (docs' cli.md) as the launcher saw them,
 * and the cluster's own: {@code errorStatuses} (errors by status, "no answer" for none) and {@code
 * firstErrors} (the first few, with their messages), {@code retried}, {@code indeterminate}, {@code
 * linearizable}, {@code nodes} and {@code killToRetryMillis}. {@code fencedRefusals} sums what the
 * nodes counted of their own ({@code NodeTally}): a node killed cannot tell its own; null if no
 * node told.
 */
@JsonPropertyOrder({
  "commands",
  "ok",
  "errors",
  "errorStatuses",
  "firstErrors",
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
    Map<String, Integer> errorStatuses,
    List<String> firstErrors,
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
   * One node JVM: its name, role and process id, how long it took to be Up, how it ended, what the
   * launcher saw of it ({@code answered}: commands whose answer came from this server, or for the
   * host all commands; {@code servedByAdapter}: commands its adapter served), and what it recorded
   * itself ({@code recorded}: its history's events by kind, as its {@code NodeTally} told them;
   * null when it did not answer, as the node killed cannot).
   */
  @JsonPropertyOrder({
    "name",
    "role",
    "pid",
    "upMillis",
    "exit",
    "answered",
    "servedByAdapter",
    "recorded"
  })
  public record NodeFigures(
      String name,
      String role,
      long pid,
      long upMillis,
      String exit,
      Integer answered,
      Integer servedByAdapter,
      Map<String, Long> recorded) {

    /** The kinds of event the table shows a node's own count of, when it recorded any. */
    static final List<String> SHOWN =
        List.of(
            "forwarded",
            "notice",
            "redriven",
            "retried",
            "refused",
            "fenced",
            "disk-write",
            "duplicate-write");

    /** {@code forwarded 120 notice 98}: the shown kinds it recorded; "-" if it did not say. */
    String ownCounts() {
      if (recorded == null) return "-";
      StringBuilder b = new StringBuilder();
      for (String kind : SHOWN) {
        Long n = recorded.get(kind);
        if (n == null || n == 0) continue;
        if (b.length() > 0) b.append("  ");
        b.append(kind).append(' ').append(n);
      }
      return b.length() == 0 ? "-" : b.toString();
    }
  }

  /** How many commands' errors {@code firstErrors} lists, with their status and message. */
  public static final int ERRORS_LISTED = 5;

  /** How many resends host-1 recorded, for any reason: "?" if it did not tell. */
  private String hostResends() {
    for (NodeFigures n : nodes)
      if (n.role().equals("host") && n.recorded() != null)
        return Long.toString(n.recorded().getOrDefault("retried", 0L));
    return "?";
  }

  /** Whether the run found nothing wrong. */
  public boolean clean() {
    return linearizable && readbackMismatches == 0 && paths.getOrDefault("peer", 0) > 0;
  }

  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "  %-9s %-7s %8s %9s %-12s %9s %9s  %s%n",
            "node", "role", "pid", "up (ms)", "exit", "answered", "adapter", "its own record"));
    for (NodeFigures n : nodes)
      b.append(
          String.format(
              "  %-9s %-7s %8d %9d %-12s %9s %9s  %s%n",
              n.name(),
              n.role(),
              n.pid(),
              n.upMillis(),
              n.exit(),
              n.answered() == null ? "-" : n.answered().toString(),
              n.servedByAdapter() == null ? "-" : n.servedByAdapter().toString(),
              n.ownCounts()));
    b.append('\n');
    b.append(
        String.format(
            "  %-18s %d   ok %d   errors %d   indeterminate %d   (%.0f per second)%n",
            "commands", commands, ok, errors, indeterminate, commandsPerSec));
    if (errors > 0) {
      b.append(String.format("  %-18s %s%n", "errors", errorStatuses));
      for (String e : firstErrors) b.append(String.format("  %-18s %s%n", "", e));
    }
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
            "  %-18s %d commands host-1 resent for a server lost, cut off or silent (%s resends in all)%s%n",
            "retried",
            retried,
            hostResends(),
            killToRetryMillis == null
                ? ""
                : String.format(
                    "; SIGKILL of server-2 to the first resend %.0f ms", killToRetryMillis)));
    b.append(
        String.format(
            "  %-18s %s%n",
            "fenced refusals",
            fencedRefusals == null
                ? "unknown (no node told)"
                : fencedRefusals + " (as the nodes still running counted them)"));
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
