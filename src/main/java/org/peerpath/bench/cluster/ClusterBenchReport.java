package org.peerpath.bench.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code bin/peerpath bench --cluster} found; its JSON form is the {@code cluster} object of
 * docs/spec/command-line.md. Throughputs are medians over the rounds. {@code ratio} is the direct
 * path's messages across JVMs per second (commands/s × crossings per command) over the raw Artery
 * messages per second of the same run; {@code peerRatio} the same for the peer path.
 *
 * @param cpu the same figures per CPU-second of the JVMs instead of per second of wall time, or
 *     null where the operating system does not tell a process's CPU time
 * @param crossings per path, the crossings per command by kind ({@link Crossings#byKind()})
 * @param peerCompletions good answers over the peer path in the peer rounds
 * @param directCompletions good answers over the direct path in the direct rounds
 * @param failedCommands answers of any loop, raw or model, that were not good, and answers that
 *     never came
 * @param nodes the node JVMs the run started (host-1 is this JVM and not among them)
 */
@JsonPropertyOrder({
  "raw",
  "commandsPerSec",
  "messagesPerCommand",
  "ratio",
  "peerRatio",
  "tls",
  "cpu",
  "crossings",
  "peerCompletions",
  "directCompletions",
  "failedCommands",
  "rounds",
  "nodes",
  "runDir",
  "settings",
  "elapsedMillis"
})
public record ClusterBenchReport(
    Raw raw,
    Map<String, Double> commandsPerSec,
    Map<String, Double> messagesPerCommand,
    double ratio,
    double peerRatio,
    boolean tls,
    Cpu cpu,
    Map<String, Map<String, Double>> crossings,
    long peerCompletions,
    long directCompletions,
    long failedCommands,
    List<Round> rounds,
    List<Node> nodes,
    String runDir,
    Settings settings,
    long elapsedMillis) {

  /** The raw figure: pings of the payload to an echo and back, a round trip being two messages. */
  public record Raw(double messagesPerSec, double roundTripsPerSec) {}

  /**
   * One round's figures, in the order they were measured; the CPU time of the four JVMs in each
   * measurement's window per message or command (null where the OS did not tell).
   */
  public record Round(
      double rawMessagesPerSec,
      double directCommandsPerSec,
      double peerCommandsPerSec,
      Double rawCpuMicrosPerMessage,
      Double directCpuMicrosPerCommand,
      Double peerCpuMicrosPerCommand) {}

  /**
   * What the figures cost in CPU, the four JVMs together ({@link CpuTime}), medians over the
   * rounds: a raw message, a command of each path; then messages across JVMs per CPU-second (the
   * model's counted as {@code messagesPerCommand} a command), and their ratios to the raw one.
   */
  public record Cpu(
      double rawMicrosPerMessage,
      double directMicrosPerCommand,
      double peerMicrosPerCommand,
      Map<String, Double> messagesPerCpuSecond,
      double ratio,
      double peerRatio) {}

  /** A node JVM the run started: its process, when it was Up, how it ended. */
  public record Node(String name, String role, long pid, long upMillis, String exit) {}

  /** What was asked for. */
  public record Settings(
      int rounds, double seconds, double warmupSeconds, int outstanding, int payloadBytes) {}

  /** No command failed and the peer path was taken. */
  @JsonIgnore
  public boolean clean() {
    return failedCommands == 0 && peerCompletions > 0 && directCompletions > 0;
  }

  /** The human-readable table. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            "peerpath bench --cluster: disk, server-1 and server-2 JVMs and this one (host-1) on"
                + " 127.0.0.1, %s; %d round%s of %.1f s, %d B writes, %d in flight%n%n",
            tls ? "Artery over TLS" : "Artery over TCP",
            settings.rounds(),
            settings.rounds() == 1 ? "" : "s",
            settings.seconds(),
            settings.payloadBytes(),
            settings.outstanding()));
    t.append(String.format("%-40s %12s%n", "", "median"));
    t.append(
        String.format(
            "%-40s %,12.0f   (%,.0f round trips/s, host-1 to server-1 and back)%n",
            "raw Artery (messages/s)", raw.messagesPerSec(), raw.roundTripsPerSec()));
    for (String path : List.of("direct", "peer"))
      t.append(
          String.format(
              "%-40s %,12.0f   (%.2f messages across JVMs each: %s)%n",
              path + " path (commands/s)",
              commandsPerSec.get(path),
              messagesPerCommand.get(path),
              kinds(crossings.get(path))));
    t.append(String.format("%-40s %12.2f%n", "ratio (direct messages/s / raw)", ratio));
    t.append(String.format("%-40s %12.2f%n", "peer ratio (peer messages/s / raw)", peerRatio));
    t.append(
        String.format(
            "%-40s %12.2f%n",
            "peer / direct (commands/s)",
            commandsPerSec.get("peer") / commandsPerSec.get("direct")));
    if (cpu != null) {
      t.append(
          String.format(
              "%nCPU of the four JVMs: %.1f µs a raw message, %.1f µs a direct command, %.1f µs a"
                  + " peer command%n",
              cpu.rawMicrosPerMessage(), cpu.directMicrosPerCommand(), cpu.peerMicrosPerCommand()));
      t.append(
          String.format(
              "messages across JVMs per CPU-second: raw %,.0f, direct %,.0f, peer %,.0f;"
                  + " ratio %.2f, peer ratio %.2f%n",
              cpu.messagesPerCpuSecond().get("raw"),
              cpu.messagesPerCpuSecond().get("direct"),
              cpu.messagesPerCpuSecond().get("peer"),
              cpu.ratio(),
              cpu.peerRatio()));
    }
    t.append(String.format("%nrounds:%n"));
    for (int i = 0; i < rounds.size(); i++) {
      Round r = rounds.get(i);
      t.append(
          String.format(
              "  %d: raw %,.0f messages/s, direct %,.0f commands/s, peer %,.0f commands/s%n",
              i + 1, r.rawMessagesPerSec(), r.directCommandsPerSec(), r.peerCommandsPerSec()));
    }
    t.append(String.format("%nnodes (logs in %s):%n", runDir));
    for (Node n : nodes)
      t.append(
          String.format(
              "  %-9s pid %-8d up after %,6d ms   ended %s%n",
              n.name(), n.pid(), n.upMillis(), n.exit()));
    if (failedCommands > 0) t.append(String.format("%n%d answers were not good%n", failedCommands));
    if (peerCompletions == 0)
      t.append(String.format("%nno command completed over the peer path%n"));
    return t.toString();
  }

  private static String kinds(Map<String, Double> byKind) {
    StringBuilder s = new StringBuilder();
    byKind.forEach(
        (kind, n) -> {
          if (n == 0) return;
          if (s.length() > 0) s.append(", ");
          s.append(kind).append(' ').append(String.format("%.2f", n));
        });
    return s.toString();
  }
}
