package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.concurrent.Callable;
import org.peerpath.adapter.FaultMode;
import org.peerpath.cluster.ChildNodes;
import org.peerpath.demo.Demo;
import org.peerpath.demo.DemoReport;
import org.peerpath.demo.Workload;
import org.peerpath.demo.cluster.ClusterDemo;
import org.peerpath.demo.cluster.ClusterReport;
import org.peerpath.subsystem.SubsystemSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The main job: a workload with an adapter failure and a read-back, in real time.",
      "",
      "In one JVM and in real time: a host runs mixed reads and writes of random blocks on both "
          + "servers; adapter-1 fails part way and is repaired later; at the end every written block is read back "
          + "through both servers and compared. Shows a live progress line, then a summary table.",
      "",
      "With --cluster: the same across JVMs on 127.0.0.1 (disk, server-1, server-2, host-1, each a child "
          + "process, this JVM a fifth member that drives the workload through host-1): adapter-1 fails and is "
          + "repaired; --kill-server SIGKILLs the server-2 JVM under load, --partition cuts server-1 from server-2 "
          + "while adapter-1 is down, long enough for both to notice (5.5 s), and heals it, --tls runs Artery over TLS. The history is checked for linearizability and "
          + "every written block is read back through both servers. No node outlives the run (docs/cluster.md).",
      "",
      "Exit code 0 when no command failed and every block read back as written (--cluster: the history is "
          + "linearizable, the read-back matches and the peer path was used), 1 otherwise; 2 on bad usage or "
          + "input (nothing run)."
    })
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--fail",
      defaultValue = "crash",
      paramLabel = "MODE",
      description = "How adapter-1 fails: crash, reset or hang (default: ${DEFAULT-VALUE}).")
  String fail;

  @Option(
      names = "--commands",
      defaultValue = "4000",
      description = "Workload commands (default: ${DEFAULT-VALUE}).")
  int commands;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "Commands in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--blocks",
      defaultValue = "512",
      description = "Blocks the workload touches (default: ${DEFAULT-VALUE}).")
  int workingSet;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the workload's random choices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--reset-duration",
      defaultValue = "50ms",
      paramLabel = "DURATION",
      description = "How long a reset takes (default: ${DEFAULT-VALUE}).")
  String resetDuration;

  @Option(
      names = "--disk",
      paramLabel = "FILE",
      description = "Keep the disk in FILE (forced to stable storage) instead of memory.")
  String disk;

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(
      names = "--trace-out",
      paramLabel = "FILE",
      description =
          "Also write the run's history: its events, one JSON object per line, as replay --history writes them.")
  java.nio.file.Path historyOut;

  @Option(
      names = "--record",
      paramLabel = "FILE",
      description =
          "Also write the run as a trace (inputs as they happened, an expectation for every reply) that replay checks.")
  java.nio.file.Path traceOut;

  @Option(
      names = "--cluster",
      description = "Run across JVMs: one child JVM per node on 127.0.0.1 (docs/cluster.md).")
  boolean cluster;

  @Option(
      names = "--kill-server",
      description = "With --cluster: SIGKILL the server-2 JVM under load.")
  boolean killServer;

  @Option(
      names = "--partition",
      description =
          "With --cluster: cut server-1 from server-2 while adapter-1 is down, for the failure detector's"
              + " pause + a quarter of the Split Brain Resolver's stable-after + 1.5 s (5.5 s), then heal.")
  boolean partition;

  @Option(
      names = "--tls",
      description =
          "With --cluster: Artery over TLS with mutual authentication (keys made in --tls-dir).")
  boolean tls;

  @Option(
      names = "--tls-dir",
      defaultValue = "target/peerpath-tls",
      paramLabel = "DIR",
      description =
          "With --tls: where the TLS stores are, or are made (default: ${DEFAULT-VALUE}).")
  java.nio.file.Path tlsDir;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      description =
          "With --cluster: run the workload at least N seconds (default: as long as its faults need, 8 to 20 s).")
  Integer seconds;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description =
          "With --cluster: where the nodes' logs go, and the history on a violation (default: "
              + "target/peerpath-demo/cluster-TIME).")
  java.nio.file.Path runDir;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (cluster) return clustered();
    if (killServer || partition || tls || seconds != null || runDir != null) {
      System.err.println(
          "peerpath demo: --kill-server, --partition, --tls, --seconds and --run-dir need --cluster");
      return 2;
    }
    SubsystemSettings settings;
    Workload.Plan plan;
    try {
      settings = SubsystemSettings.fromConfig(ConfigFactory.load());
      if (disk != null) settings = settings.withDiskFile(disk);
      if (settings.servers() < 2)
        throw new IllegalArgumentException("the demo needs at least 2 servers");
      if (commands < 1 || concurrency < 1)
        throw new IllegalArgumentException("--commands and --concurrency must be positive");
      if (workingSet < 8 || workingSet > settings.blocks()) {
        throw new IllegalArgumentException(
            "--blocks must be 8.." + settings.blocks() + " (the disk's size)");
      }
      String output = sharedFile();
      if (output == null && traceOut != null) output = OutputFile.problem("--record", traceOut);
      if (output == null && historyOut != null)
        output = OutputFile.problem("--trace-out", historyOut);
      if (output == null)
        output = MemoryBudget.demo(commands, traceOut != null || historyOut != null);
      if (output != null) throw new IllegalArgumentException(output);
      plan =
          new Workload.Plan(
              seed,
              commands,
              concurrency,
              workingSet,
              4,
              0.5,
              FaultMode.parse(fail),
              org.peerpath.history.Durations.parseTimeNanos(resetDuration),
              (int) (commands * 3L / 10),
              (int) (commands * 7L / 10));
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
      System.err.println("peerpath demo: " + e.getMessage());
      return 2;
    }
    DemoReport report;
    try {
      report = new Demo(settings, plan, !json, traceOut, historyOut).run();
    } catch (java.io.UncheckedIOException e) {
      // The disk file could not be opened (a directory, another geometry), before any command ran;
      // or, after the run, the trace could not be written (its directory was checked beforehand).
      System.err.println("peerpath demo: " + e.getMessage());
      return 2;
    }
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(report));
    } else {
      System.out.print(Demo.describe(settings, plan));
      System.out.print(report.table());
    }
    return report.clean() ? 0 : 1;
  }

  /**
   * Why two of the files the demo writes are one, or null: the trace and the history would be
   * written over each other, and either over the disk file would destroy the blocks the run wrote.
   */
  private String sharedFile() {
    if (traceOut != null && historyOut != null && OutputFile.sameFile(traceOut, historyOut))
      return "--record "
          + traceOut
          + " and --trace-out "
          + historyOut
          + " are one file; give each its own";
    String onDisk = onDisk("--record", traceOut);
    return onDisk != null ? onDisk : onDisk("--trace-out", historyOut);
  }

  /**
   * Why {@code file}, named by {@code option}, may not be written: it is the disk file; or null.
   */
  private String onDisk(String option, java.nio.file.Path file) {
    if (file == null || disk == null || !OutputFile.sameFile(file, java.nio.file.Path.of(disk)))
      return null;
    return option
        + " "
        + file
        + " is the --disk file, and would overwrite it; write to another file";
  }

  private Integer clustered() throws Exception {
    var matched = spec.commandLine().getParseResult();
    ClusterDemo.Options options;
    try {
      SubsystemSettings settings = SubsystemSettings.fromConfig(ConfigFactory.load());
      if (settings.servers() != 2)
        throw new IllegalArgumentException(
            "the clustered demo runs 2 servers (peerpath.subsystem.servers = "
                + settings.servers()
                + ")");
      for (String single : List.of("--fail", "--reset-duration", "--disk", "--record"))
        if (matched.hasMatchedOption(single))
          throw new IllegalArgumentException(single + " is for the one-JVM demo, not --cluster");
      if (concurrency < 1 || concurrency > 64)
        throw new IllegalArgumentException("--concurrency must be 1..64");
      if (matched.hasMatchedOption("--commands") && commands < 1)
        throw new IllegalArgumentException("--commands must be positive");
      if (workingSet < 8 || workingSet > settings.blocks())
        throw new IllegalArgumentException(
            "--blocks must be 8.." + settings.blocks() + " (the disk's size)");
      if (seconds != null && (seconds < 1 || seconds > 600))
        throw new IllegalArgumentException("--seconds must be 1..600");
      String output = historyOut == null ? null : OutputFile.problem("--trace-out", historyOut);
      if (output != null) throw new IllegalArgumentException(output);
      java.nio.file.Path dir =
          runDir != null
              ? runDir
              : java.nio.file.Path.of(
                  "target",
                  "peerpath-demo",
                  "cluster-"
                      + java.time.LocalDateTime.now()
                          .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
      options =
          new ClusterDemo.Options(
              List.of(Main.class.getName(), "node"),
              dir,
              concurrency,
              workingSet,
              matched.hasMatchedOption("--commands") ? commands : 0,
              seed,
              seconds == null ? null : java.time.Duration.ofSeconds(seconds),
              killServer,
              partition,
              tls,
              tlsDir,
              nodeJvmOptions(),
              !json,
              historyOut);
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
      System.err.println("peerpath demo: " + e.getMessage());
      return 2;
    }
    ClusterReport report;
    try {
      report = new ClusterDemo(options, System.err).run();
    } catch (ClusterDemo.NoVerdict e) {
      System.err.println("peerpath demo --cluster: no verdict: " + e.getMessage());
      return 2;
    } catch (org.peerpath.cluster.TlsStores.Unusable e) {
      System.err.println("peerpath demo --cluster: " + e.getMessage());
      return 2;
    }
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(report));
    } else {
      System.out.printf(
          "peerpath demo --cluster: 4 node JVMs on 127.0.0.1%s, %d commands in flight over %d blocks; "
              + "adapter-1 crashed and repaired%s%s%n",
          tls ? " over TLS" : "",
          concurrency,
          workingSet,
          partition ? "; server-1 cut from server-2 and healed" : "",
          killServer ? "; server-2 SIGKILLed" : "");
      System.out.print(report.table());
    }
    return report.clean() ? 0 : 1;
  }

  /**
   * Each node JVM's options: small, as {@link ChildNodes#SMALL_JVM}, with this JVM's own {@code
   * -Dpekko.*} and {@code -Dpeerpath.*} settings, so that every node has the same (a patient
   * failure detector given to bin/peerpath through PEERPATH_JAVA_OPTS reaches every node).
   */
  static List<String> nodeJvmOptions() {
    List<String> options = new java.util.ArrayList<>(ChildNodes.SMALL_JVM);
    // bin/peerpath's class-data archive, when this JVM runs with one: every node starts sooner.
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
      if (arg.startsWith("-XX:SharedArchiveFile=")) options.add(arg);
    for (String name : new java.util.TreeSet<>(System.getProperties().stringPropertyNames()))
      // The launcher's own configuration file too (bin/peerpath gives it conf/application.conf):
      // a node on other settings than the launcher's would refuse to serve with it.
      if (name.startsWith("pekko.")
          || name.startsWith("peerpath.")
          || name.equals("config.file")
          || name.equals("config.resource")
          || name.equals("config.url")) options.add("-D" + name + "=" + System.getProperty(name));
    return options;
  }
}
