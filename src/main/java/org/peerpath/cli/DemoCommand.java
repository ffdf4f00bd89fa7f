package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.Callable;
import org.peerpath.adapter.FaultMode;
import org.peerpath.demo.Demo;
import org.peerpath.demo.DemoReport;
import org.peerpath.demo.Workload;
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
      "Exit code 0 when no command failed and every block read back as written, 1 otherwise; 2 on bad usage or input (nothing run)."
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

  @Override
  public Integer call() throws Exception {
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
      String output = traceOut == null ? null : OutputFile.problem("--record", traceOut);
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
}
