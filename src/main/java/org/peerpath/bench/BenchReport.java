package org.peerpath.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code bin/peerpath bench} found; its JSON form carries docs/spec/command-line.md's fields.
 * Throughputs are medians over the rounds; {@code ratio} is the direct path's model messages per
 * second (commands/s × messages per command) over the runtime's ceiling of the same run.
 */
@JsonPropertyOrder({
  "commandsPerSec",
  "runtimeMessagesPerSec",
  "messagesPerCommand",
  "ratio",
  "latencyMicros",
  "peerCompletions",
  "failedCommands",
  "rounds",
  "settings"
})
public record BenchReport(
    Map<String, Double> commandsPerSec,
    double runtimeMessagesPerSec,
    Map<String, Double> messagesPerCommand,
    double ratio,
    Map<String, Double> latencyMicros,
    long peerCompletions,
    long failedCommands,
    List<Round> rounds,
    Bench.Options settings) {

  /** One round's figures, in the order they were measured. */
  public record Round(
      double runtimeMessagesPerSec, double directCommandsPerSec, double peerCommandsPerSec) {}

  /** The human-readable table. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            "peerpath bench: %d round%s of %.1f s, 4 KiB writes to server-1, %d outstanding, zero latency%n%n",
            settings.rounds(),
            settings.rounds() == 1 ? "" : "s",
            settings.seconds(),
            settings.outstanding()));
    t.append(String.format("%-34s %14s%n", "", "median"));
    t.append(
        String.format("%-34s %,14.0f%n", "runtime ceiling (messages/s)", runtimeMessagesPerSec));
    t.append(
        String.format(
            "%-34s %,14.0f   (%.1f messages each)%n",
            "direct path (commands/s)",
            commandsPerSec.get("direct"),
            messagesPerCommand.get("direct")));
    t.append(
        String.format(
            "%-34s %,14.0f   (%.1f messages each)%n",
            "peer path (commands/s)", commandsPerSec.get("peer"), messagesPerCommand.get("peer")));
    t.append(String.format("%-34s %14.2f%n", "ratio (direct messages/s / ceiling)", ratio));
    t.append(
        String.format(
            "%-34s %14.2f%n",
            "peer / direct (commands/s)",
            commandsPerSec.get("peer") / commandsPerSec.get("direct")));
    t.append(
        String.format(
            "%-34s %8.0f p50 %6.0f p99%n",
            "latency, 1 outstanding (µs)", latencyMicros.get("p50"), latencyMicros.get("p99")));
    t.append(String.format("%nrounds:%n"));
    for (int i = 0; i < rounds.size(); i++) {
      Round r = rounds.get(i);
      t.append(
          String.format(
              "  %d: ceiling %,.0f messages/s, direct %,.0f commands/s, peer %,.0f commands/s%n",
              i + 1, r.runtimeMessagesPerSec(), r.directCommandsPerSec(), r.peerCommandsPerSec()));
    }
    if (failedCommands > 0)
      t.append(String.format("%n%d commands did not end GOOD%n", failedCommands));
    return t.toString();
  }
}
