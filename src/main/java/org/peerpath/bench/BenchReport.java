package org.peerpath.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code bin/peerpath bench} found; its JSON form carries docs/spec/command-line.md's fields.
 * Throughputs are medians over the rounds, {@code commandsPerSec} at the largest number of commands
 * outstanding; {@code ratio} is the direct path's model messages per second (commands/s × messages
 * per command) over the runtime's ceiling of the same run.
 */
@JsonPropertyOrder({
  "commandsPerSec",
  "byOutstanding",
  "runtimeMessagesPerSec",
  "messagesPerCommand",
  "tasksPerCommand",
  "ratio",
  "latencyMicros",
  "peerLatencyMicros",
  "failoverMillis",
  "failbackMillis",
  "failoverFailedCommands",
  "failoverStalled",
  "peerCompletions",
  "failedCommands",
  "rounds",
  "settings"
})
public record BenchReport(
    Map<String, Double> commandsPerSec,
    List<AtOutstanding> byOutstanding,
    double runtimeMessagesPerSec,
    Map<String, Double> messagesPerCommand,
    Map<String, Double> tasksPerCommand,
    double ratio,
    Map<String, Double> latencyMicros,
    Map<String, Double> peerLatencyMicros,
    Map<String, Number> failoverMillis,
    Map<String, Number> failbackMillis,
    long failoverFailedCommands,
    int failoverStalled,
    long peerCompletions,
    long failedCommands,
    List<Round> rounds,
    Bench.Options settings) {

  /** Each path's commands per second with {@code outstanding} commands in flight. */
  @JsonPropertyOrder({"outstanding", "direct", "peer"})
  public record AtOutstanding(int outstanding, double direct, double peer) {}

  /**
   * One round's figures, in the order they were measured (the paths at the largest outstanding).
   */
  public record Round(
      double runtimeMessagesPerSec, double directCommandsPerSec, double peerCommandsPerSec) {}

  /** Whether the run found nothing wrong: every command GOOD, the peer path used, no stall. */
  public boolean passed() {
    return failedCommands == 0
        && failoverFailedCommands == 0
        && failoverStalled == 0
        && peerCompletions > 0;
  }

  /** The human-readable table. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            "peerpath bench: %d round%s of %.1f s, 4 KiB writes to server-1, zero latency%n%n",
            settings.rounds(), settings.rounds() == 1 ? "" : "s", settings.seconds()));
    t.append(String.format("%-36s %12s%n", "", "median"));
    t.append(
        String.format(
            "%-36s %,12.0f   (%d in flight)%n",
            "runtime ceiling (messages/s)", runtimeMessagesPerSec, settings.largest()));
    t.append(String.format("%n%-36s", "commands/s with N outstanding   N ="));
    for (AtOutstanding a : byOutstanding) t.append(String.format(" %10d", a.outstanding()));
    t.append(String.format("%n%-36s", "  direct path"));
    for (AtOutstanding a : byOutstanding) t.append(String.format(" %,10.0f", a.direct()));
    t.append(String.format("%n%-36s", "  peer path"));
    for (AtOutstanding a : byOutstanding) t.append(String.format(" %,10.0f", a.peer()));
    t.append(String.format("%n%-36s", "  peer / direct"));
    for (AtOutstanding a : byOutstanding)
      t.append(String.format(" %10.2f", a.peer() / Math.max(1e-9, a.direct())));
    t.append(String.format("%n%n%-36s %10s %10s%n", "per command", "direct", "peer"));
    t.append(row("  messages", messagesPerCommand, "%10.2f"));
    t.append(row("  run-queue tasks", tasksPerCommand, "%10.2f"));
    t.append(latency("  latency p50, 1 outstanding (µs)", "p50"));
    t.append(latency("  latency p99, 1 outstanding (µs)", "p99"));
    t.append(
        String.format(
            "%n%-36s %10.2f   (direct commands/s x messages / ceiling, at %d)%n",
            "ratio", ratio, settings.largest()));
    t.append(
        String.format("%n%-36s %8s %8s %8s%n", "failover under load (ms)", "p50", "p99", "max"));
    t.append(timing("  crash to first peer reply", failoverMillis, "failures"));
    t.append(timing("  repair to first direct reply", failbackMillis, "repairs"));
    t.append(String.format("%nrounds (at %d outstanding):%n", settings.largest()));
    for (int i = 0; i < rounds.size(); i++) {
      Round r = rounds.get(i);
      t.append(
          String.format(
              "  %d: ceiling %,.0f messages/s, direct %,.0f commands/s, peer %,.0f commands/s%n",
              i + 1, r.runtimeMessagesPerSec(), r.directCommandsPerSec(), r.peerCommandsPerSec()));
    }
    if (failedCommands > 0)
      t.append(String.format("%n%d commands did not end GOOD%n", failedCommands));
    if (failoverFailedCommands > 0)
      t.append(
          String.format(
              "%n%d commands did not end GOOD across the failures, though adapter-2 worked%n",
              failoverFailedCommands));
    if (failoverStalled > 0)
      t.append(
          String.format(
              "%na failover or failback was not seen within %d s%n",
              Failovers.PATIENCE.toSeconds()));
    return t.toString();
  }

  private static String row(String name, Map<String, Double> byPath, String format) {
    return String.format(
        "%-36s " + format + " " + format + "%n", name, byPath.get("direct"), byPath.get("peer"));
  }

  private String latency(String name, String percentile) {
    return String.format(
        "%-36s %10.0f %10.0f%n",
        name, latencyMicros.get(percentile), peerLatencyMicros.get(percentile));
  }

  private static String timing(String name, Map<String, Number> f, String count) {
    return String.format(
        "%-36s %8.2f %8.2f %8.2f   (%s %s)%n",
        name,
        f.get("p50").doubleValue(),
        f.get("p99").doubleValue(),
        f.get("max").doubleValue(),
        f.get(count),
        count);
  }
}
