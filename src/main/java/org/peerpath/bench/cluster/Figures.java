package org.peerpath.bench.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

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

  void round(double rawMessagesPerSec, double directCommandsPerSec, double peerCommandsPerSec) {
    rounds.add(
        new ClusterBenchReport.Round(
            round(rawMessagesPerSec, 0),
            round(directCommandsPerSec, 1),
            round(peerCommandsPerSec, 1)));
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

  private static double ratio(double modelMessagesPerSec, double rawMessagesPerSec) {
    return rawMessagesPerSec <= 0 ? 0 : round(modelMessagesPerSec / rawMessagesPerSec, 4);
  }

  private double median(ToDoubleFunction<ClusterBenchReport.Round> figure) {
    double[] v = rounds.stream().mapToDouble(figure).sorted().toArray();
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
