package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import org.peerpath.bench.Bench;
import org.peerpath.bench.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Throughput and latency of the model, beside the runtime's own ceiling measured in the same run.",
      "",
      "In one JVM and in real time, after a warm-up, each round measures in turn: the ceiling (plain Pekko "
          + "Typed messages per second through a chain of 6 actors carrying a 4 KiB payload to the end and "
          + "back, as many in flight as --outstanding); the direct path (4 KiB writes to server-1, zero "
          + "latency, a closed loop with --outstanding commands in flight); and the peer path (the same, "
          + "with adapter-1 crashed, so server-1 forwards every command through server-2). The figures "
          + "are medians over the rounds. Then the latency of the direct path with one command outstanding, "
          + "and, in a short separate run whose mailboxes count, the messages each command takes.",
      "",
      "ratio = direct commands/s x messages per command / ceiling: how close the model comes to the "
          + "runtime it runs on. Compare ratios taken in one run, not figures of different runs.",
      "",
      "Exit code 0, or 1 when a command did not end GOOD or the peer path was not used; 2 on bad usage."
    })
final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--rounds",
      defaultValue = "3",
      paramLabel = "N",
      description = "Rounds of ceiling, direct and peer (1..100; default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--seconds",
      defaultValue = "2",
      paramLabel = "S",
      description =
          "Seconds each measurement of a round lasts, and the latency run (0.01..600; default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--warmup",
      defaultValue = "2",
      paramLabel = "S",
      description =
          "Seconds of warm-up for each of the three before the rounds (0..600; default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(
      names = "--outstanding",
      defaultValue = "256",
      paramLabel = "N",
      description =
          "Commands in flight, and tokens in the ceiling's chain (1..4096; default: ${DEFAULT-VALUE}).")
  int outstanding;

  @Option(
      names = "--count",
      defaultValue = "2000",
      paramLabel = "N",
      description =
          "Commands per path in the run that counts messages (1..1000000; default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(
      names = "--cluster",
      description =
          "Across JVMs instead (docs/performance.md): the disk, server-1 and server-2 as node JVMs on 127.0.0.1 and "
              + "this JVM as host-1; raw Artery round trips of the payload to an echo on server-1 beside the "
              + "model's writes to server-2 (direct) and to server-1 (peer: adapter-1 crashed, so server-1 forwards "
              + "to server-2), messages across JVMs per command counted from the nodes' records. --rounds, "
              + "--seconds, --warmup and --outstanding apply; --json prints {\"cluster\": {...}}. Exit 2 if the "
              + "cluster does not form.")
  boolean cluster;

  @Option(
      names = "--tls",
      description =
          "With --cluster: Artery over TLS with mutual authentication (keys made in target/peerpath-tls on first use).")
  boolean tls;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String problem = problem();
    if (problem == null) problem = clusterProblem();
    if (problem != null) {
      System.err.println("peerpath bench: " + problem);
      return 2;
    }
    if (cluster) return BenchOnCluster.run(rounds, seconds, warmup, outstanding, tls, json);
    Bench.Options options = new Bench.Options(rounds, seconds, warmup, outstanding, count);
    BenchReport report =
        new Bench(options, line -> System.err.println("peerpath bench: " + line)).run();
    if (json) System.out.println(new ObjectMapper().writeValueAsString(report));
    else System.out.print(report.table());
    return report.failedCommands() == 0 && report.peerCompletions() > 0 ? 0 : 1;
  }

  private String problem() {
    if (rounds < 1 || rounds > 100) return "--rounds must be 1..100, not " + rounds;
    if (!(seconds >= 0.01 && seconds <= 600)) return "--seconds must be 0.01..600, not " + seconds;
    if (!(warmup >= 0 && warmup <= 600)) return "--warmup must be 0..600, not " + warmup;
    if (outstanding < 1 || outstanding > 4096)
      return "--outstanding must be 1..4096, not " + outstanding;
    if (count < 1 || count > 1_000_000) return "--count must be 1..1000000, not " + count;
    return null;
  }

  private String clusterProblem() {
    if (tls && !cluster) return "--tls needs --cluster";
    if (cluster && spec.commandLine().getParseResult().hasMatchedOption("--count"))
      return "--count is for the one-JVM bench, not --cluster (it counts the messages it measures)";
    return null;
  }
}
