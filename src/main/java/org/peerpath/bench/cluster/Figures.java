package org.peerpath.bench.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rounds of {@code bench --cluster} measured, gathered as they run and turned into its
 * report: each round's three figures, the answers that failed, the completions per path, and the
 * crossings of every counted command.
 */
final class Figures {
  private final ClusterBench.Options options;
  private final int payloadBytes;
  private final List<ClusterBenchReport.Round> rounds = new ArrayList<>();
  private long failed;
  private long peerCompletions;
  private long directCompletions;
  private Crossings direct = Crossings.NONE;
  private Crossings peer = Crossings.NONE;

  Figures(ClusterBench.Options options, int payloadBytes) {
    this.options = options;
    this.payloadBytes = payloadBytes;
  }

  void round(Rounds.Sample raw, Rounds.Sample direct, Rounds.Sample peer) {
    rounds.add(
        new ClusterBenchReport.Round(
            round(raw.perSec(), 0),
            round(direct.perSec(), 1),
            round(peer.perSec(), 1),
            micros(raw.cpuNanosEach()),
            micros(direct.cpuNanosEach()),
            micros(peer.cpuNanosEach())));
  }

  private static Double micros(double nanos) {
    return nanos < 0 ? null : round(nanos / 1000, 1);
  }

  void failed(long answers) {
    failed += answers;
  }

  void completed(Rounds.Kind path, long good) {
    if (path == Rounds.Kind.PEER) peerCompletions += good;
    else directCompletions += good;
  }

  void crossed(Rounds.Kind path, Crossings c) {
    if (path == Rounds.Kind.PEER) peer = peer.plus(c);
    else direct = direct.plus(c);
  }

  ClusterBenchReport report(
      boolean tls, List<ClusterBenchReport.Node> nodes, String runDir, long elapsedMillis) {
    double raw = median(ClusterBenchReport.Round::rawMessagesPerSec);
    Map<String, Double> commands = new LinkedHashMap<>();
    commands.put("direct", median(ClusterBenchReport.Round::directCommandsPerSec));
    commands.put("peer", median(ClusterBenchReport.Round::peerCommandsPerSec));
    Map<String, Double> perCommand = new LinkedHashMap<>();
    perCommand.put("direct", round(direct.perCommand(), 2));
    perCommand.put("peer", round(peer.perCommand(), 2));
    Map<String, Map<String, Double>> byKind = new LinkedHashMap<>();
    byKind.put("direct", rounded(direct.byKind()));
    byKind.put("peer", rounded(peer.byKind()));
    return new ClusterBenchReport(
        new ClusterBenchReport.Raw(raw, round(raw / 2, 0)),
        commands,
        perCommand,
        ratio(commands.get("direct") * direct.perCommand(), raw),
        ratio(commands.get("peer") * peer.perCommand(), raw),
        tls,
        cpu(),
        byKind,
        peerCompletions,
        directCompletions,
        failed,
        List.copyOf(rounds),
        nodes,
        runDir,
        new ClusterBenchReport.Settings(
            options.rounds(),
            options.seconds(),
            options.warmupSeconds(),
            options.outstanding(),
            payloadBytes),
        elapsedMillis);
  }

  /** What a message costs in CPU, from the rounds; null if the OS did not tell. */
  private ClusterBenchReport.Cpu cpu() {
    if (rounds.isEmpty()
        || rounds.stream()
            .anyMatch(
                r ->
                    r.rawCpuMicrosPerMessage() == null
                        || r.directCpuMicrosPerCommand() == null
                        || r.peerCpuMicrosPerCommand() == null)) return null;
    double raw = median(ClusterBenchReport.Round::rawCpuMicrosPerMessage);
    double d = median(ClusterBenchReport.Round::directCpuMicrosPerCommand);
    double p = median(ClusterBenchReport.Round::peerCpuMicrosPerCommand);
    Map<String, Double> perCpuSecond = new LinkedHashMap<>();
    perCpuSecond.put("raw", round(1e6 / raw, 0));
    perCpuSecond.put("direct", round(1e6 / d * direct.perCommand(), 0));
    perCpuSecond.put("peer", round(1e6 / p * peer.perCommand(), 0));
    return new ClusterBenchReport.Cpu(
        round(raw, 1),
        round(d, 1),
        round(p, 1),
        perCpuSecond,
        ratio(perCpuSecond.get("direct"), perCpuSecond.get("raw")),
        ratio(perCpuSecond.get("peer"), perCpuSecond.get("raw")));
  }

  private static double ratio(double modelMessagesPerSec, double rawMessagesPerSec) {
    return rawMessagesPerSec <= 0 ? 0 : round(modelMessagesPerSec / rawMessagesPerSec, 4);
  }

  private double median(java.util.function.Function<ClusterBenchReport.Round, Number> figure) {
    double[] v = rounds.stream().mapToDouble(r -> figure.apply(r).doubleValue()).sorted().toArray();
    if (v.length == 0) return 0;
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static Map<String, Double> rounded(Map<String, Double> m) {
    Map<String, Double> r = new LinkedHashMap<>();
    m.forEach((k, v) -> r.put(k, round(v, 2)));
    return r;
  }

  /** {@code v} to {@code digits} decimals: figures a person reads, not a machine's noise. */
  static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
