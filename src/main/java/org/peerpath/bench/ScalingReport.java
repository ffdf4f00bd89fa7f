package org.peerpath.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@code bin/peerpath bench --scaling} found: one row per point, as the servers grow and as
 * the commands outstanding grow. Its JSON form is {@code {"scaling":{"servers":[...],
 * "outstanding":[...]}, "settings":{...}}}.
 */
@JsonPropertyOrder({"scaling", "settings"})
public record ScalingReport(Rows scaling, Settings settings) {

  /** Both lists of rows. */
  @JsonPropertyOrder({"servers", "outstanding"})
  public record Rows(List<Row> servers, List<Row> outstanding) {}

  /** What was run. */
  public record Settings(
      List<Integer> servers,
      List<Integer> outstanding,
      int serversOutstanding,
      int outstandingServers,
      double seconds,
      double warmupSeconds,
      int payloadBytes) {}

  /**
   * One point: commands per second in all and per server; heap bytes per command in flight (null
   * where not measured: with one command outstanding, or when the JVM ignores explicit
   * collections); commands that did not end GOOD.
   */
  @JsonPropertyOrder({
    "servers",
    "outstanding",
    "commandsPerSec",
    "commandsPerSecPerServer",
    "bytesPerCommand",
    "bytesBeyondPayload",
    "failedCommands"
  })
  public record Row(
      int servers,
      int outstanding,
      double commandsPerSec,
      double commandsPerSecPerServer,
      Double bytesPerCommand,
      long failedCommands) {

    /**
     * Of {@link #bytesPerCommand}, what lies beyond the payload: all of it, since every command
     * shares the client's one payload and the model keeps it rather than a copy. A field of the
     * JSON (docs/spec/command-line.md) and a column of the table.
     */
    @JsonProperty("bytesBeyondPayload")
    public Double bytesBeyondPayload() {
      return bytesPerCommand;
    }
  }

  ScalingReport(List<Row> byServers, List<Row> byOutstanding, Scaling.Options o) {
    this(
        new Rows(List.copyOf(byServers), List.copyOf(byOutstanding)),
        new Settings(
            o.servers(),
            o.outstanding(),
            o.serversOutstanding(),
            Scaling.OUTSTANDING_SERVERS,
            o.seconds(),
            o.warmupSeconds(),
            Bench.PAYLOAD_BYTES));
  }

  /** Commands that did not end GOOD, at any point. */
  public long failedCommands() {
    return scaling.servers().stream().mapToLong(Row::failedCommands).sum()
        + scaling.outstanding().stream().mapToLong(Row::failedCommands).sum();
  }

  /** The human-readable table. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            "peerpath bench --scaling: 4 KiB writes over every server, zero latency, %.1f s a point%n",
            settings.seconds()));
    t.append(
        String.format("%n%d commands outstanding, more servers:%n", settings.serversOutstanding()));
    rows(t, scaling.servers());
    t.append(
        String.format("%n%d servers, more commands outstanding:%n", settings.outstandingServers()));
    rows(t, scaling.outstanding());
    t.append(
        String.format(
            "%nbytes: heap per command in flight (commands held on their way to the disk); beyond: of"
                + "%nthat, beyond the %d-byte payload, which every command shares, not copied;"
                + "%n'-' where not measured%n",
            settings.payloadBytes()));
    long failed = failedCommands();
    if (failed > 0) t.append(String.format("%n%d commands did not end GOOD%n", failed));
    return t.toString();
  }

  private static void rows(StringBuilder t, List<Row> rows) {
    t.append(
        String.format(
            "  %7s %11s %12s %12s %10s %10s%n",
            "servers", "outstanding", "commands/s", "per server", "bytes", "beyond"));
    for (Row r : rows)
      t.append(
          String.format(
              "  %7d %11d %,12.0f %,12.0f %10s %10s%n",
              r.servers(),
              r.outstanding(),
              r.commandsPerSec(),
              r.commandsPerSecPerServer(),
              bytes(r.bytesPerCommand()),
              bytes(r.bytesBeyondPayload())));
  }

  private static String bytes(Double b) {
    return b == null ? "-" : String.format("%,.0f", b);
  }
}
