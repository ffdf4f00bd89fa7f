package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.Callable;
import org.peerpath.bench.Bench;
import org.peerpath.bench.BenchReport;
import org.peerpath.bench.Scaling;
import org.peerpath.bench.ScalingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Throughput and latency of the model, beside the runtime's own ceiling measured in the same run.",
      "",
      "In one JVM and in real time, after a warm-up, each round measures in turn: the ceiling (plain Pekko "
          + "Typed messages per second through a chain of 6 actors carrying a 4 KiB payload to the end and "
          + "back, as many in flight as the largest --outstanding); then, at each --outstanding, the direct "
          + "path (4 KiB writes to server-1, zero latency, a closed loop with that many commands in flight) "
          + "and the peer path (the same, with adapter-1 crashed, so server-1 forwards every command through "
          + "server-2). The figures are medians over the rounds; latency comes from the runs with one "
          + "command outstanding. Then failover under load: adapter-1 crashes and is repaired --failures "
          + "times with 16 commands in flight, timed from each crash to the first reply served by the peer "
          + "path and from each repair to the first direct reply. Last, in a short separate run whose "
          + "mailboxes and executor count, the messages and run-queue tasks each command takes.",
      "",
      "ratio = direct commands/s x messages per command / ceiling, at the largest --outstanding: how close "
          + "the model comes to the runtime it runs on. Compare ratios taken in one run, not figures of "
          + "different runs.",
      "",
      "--scaling measures instead how a command's cost changes as the subsystem grows: commands/s in all "
          + "and per server, and heap per command in flight, as the servers grow (--servers, 256 commands "
          + "outstanding) and as the commands outstanding grow (--outstanding, on 2 servers).",
      "",
      "Exit code 0; 1 when a command did not end GOOD, the peer path was not used, or a failover or "
          + "failback was not seen within 10 s; 2 on bad usage."
    })
final class BenchCommand implements Callable<Integer> {

  private static final String OUTSTANDING = "1,16,256";
  private static final String SCALING_OUTSTANDING = "1,4,16,64,256,1024,4096";
  private static final String SERVERS = "2,4,8,16";
  private static final int WARMUP = 2;
  private static final int SCALING_WARMUP = 5;
  private static final int CLUSTER_SECONDS = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      paramLabel = "N",
      description = "Rounds of ceiling, direct and peer (1..100; default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--seconds",
      defaultValue = "1",
      paramLabel = "S",
      description =
          "Seconds each measurement of a round lasts, or each point of --scaling (0.01..600; default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--warmup",
      paramLabel = "S",
      description =
          "Seconds of warm-up for each of ceiling, direct and peer before the rounds (0..600; default: "
              + WARMUP
              + "); with --scaling, in all, spread over its points before they are measured (default: "
              + SCALING_WARMUP
              + ").")
  Double warmup;

  @Option(
      names = "--outstanding",
      paramLabel = "N,...",
      description =
          "Commands in flight, each value measured in every round (1..4096 each; default: "
              + OUTSTANDING
              + "; with --scaling: "
              + SCALING_OUTSTANDING
              + "). The ceiling runs with the largest.")
  String outstanding;

  @Option(
      names = "--count",
      defaultValue = "2000",
      paramLabel = "N",
      description =
          "Commands per path in the run that counts messages and tasks (1..1000000; default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--failures",
      defaultValue = "20",
      paramLabel = "N",
      description =
          "Times adapter-1 crashes and is repaired under load (1..1000, within 60 s; default: ${DEFAULT-VALUE}).")
  int failures;

  @Option(
      names = "--scaling",
      description = "Measure how commands/s and memory per command change with servers and load.")
  boolean scaling;

  @Option(
      names = "--servers",
      paramLabel = "N,...",
      description = "With --scaling: the server counts (1..16 each; default: " + SERVERS + ").")
  String servers;

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

  @Override
  public Integer call() throws Exception {
    String problem = problem();
    if (problem == null) problem = clusterProblem();
    if (problem != null) {
      System.err.println("peerpath bench: " + problem);
      return 2;
    }
    if (cluster) {
      List<Integer> inFlight = outstandingList();
      double measured = matched("--seconds") ? seconds : CLUSTER_SECONDS;
      return BenchOnCluster.run(
          rounds, measured, warmup(), inFlight.get(inFlight.size() - 1), tls, json);
    }
    if (scaling) return scaling();
    Bench.Options options =
        new Bench.Options(rounds, seconds, warmup(), outstandingList(), count, failures);
    BenchReport report = new Bench(options, BenchCommand::progress).run();
    print(report, report.table());
    return report.passed() ? 0 : 1;
  }

  private int scaling() throws Exception {
    Scaling.Options options =
        new Scaling.Options(
            NumberList.parse("--servers", servers == null ? SERVERS : servers, 1, 16),
            outstandingList(),
            Scaling.SERVERS_OUTSTANDING,
            seconds,
            warmup());
    ScalingReport report = new Scaling(options, BenchCommand::progress).run();
    print(report, report.table());
    return report.failedCommands() == 0 ? 0 : 1;
  }

  private void print(Object report, String table) throws Exception {
    if (json) System.out.println(new ObjectMapper().writeValueAsString(report));
    else System.out.print(table);
  }

  private static void progress(String line) {
    System.err.println("peerpath bench: " + line);
  }

  private double warmup() {
    return warmup != null ? warmup : scaling ? SCALING_WARMUP : WARMUP;
  }

  private List<Integer> outstandingList() {
    String given = outstanding != null ? outstanding : scaling ? SCALING_OUTSTANDING : OUTSTANDING;
    return NumberList.parse("--outstanding", given, 1, 4096);
  }

  private String problem() {
    if (rounds < 1 || rounds > 100) return "--rounds must be 1..100, not " + rounds;
    if (!(seconds >= 0.01 && seconds <= 600)) return "--seconds must be 0.01..600, not " + seconds;
    if (!(warmup() >= 0 && warmup() <= 600)) return "--warmup must be 0..600, not " + warmup;
    if (count < 1 || count > 1_000_000) return "--count must be 1..1000000, not " + count;
    if (failures < 1 || failures > 1000) return "--failures must be 1..1000, not " + failures;
    try {
      outstandingList();
      if (servers != null) NumberList.parse("--servers", servers, 1, 16);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (!scaling && servers != null) return "--servers needs --scaling";
    if (scaling)
      for (String option : List.of("--rounds", "--count", "--failures"))
        if (spec.commandLine().getParseResult().hasMatchedOption(option))
          return option + " does not apply to --scaling (each point is measured once)";
    return null;
  }

  private String clusterProblem() {
    if (tls && !cluster) return "--tls needs --cluster";
    if (!cluster) return null;
    if (matched("--count"))
      return "--count is for the one-JVM bench, not --cluster (it counts the messages it measures)";
    for (String option : List.of("--failures", "--scaling", "--servers"))
      if (matched(option)) return option + " is for the one-JVM bench, not --cluster";
    if (outstanding != null && outstandingList().size() > 1)
      return "--cluster takes one --outstanding value, not a list";
    return null;
  }

  private boolean matched(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }
}
