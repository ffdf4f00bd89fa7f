package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peerpath.experiment.Experiment;
import org.peerpath.experiment.ExperimentReport;
import org.peerpath.experiment.ExperimentSettings;
import org.peerpath.experiment.PolicyResult;
import org.peerpath.experiment.Presets;
import org.peerpath.experiment.RunSize;
import org.peerpath.experiment.ThroughputCsv;
import org.peerpath.experiment.TimelinePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = {
      "The failure-recovery policies side by side: the same workload and the same failure of adapter-1 "
          + "under wait-for-repair, host-failover and peer-forwarding (the patent).",
      "",
      "A deterministic discrete-event simulation of queues in virtual time (not the actors, which neither "
          + "queue nor cache): per server its host link, cores, read cache (LRU) and adapter; one disk; the "
          + "inter-server link. A host runs a closed loop of clients per server, each mostly on its server's "
          + "hot set. adapter-1 fails at the preset's fail-at and is repaired at repair-at. Under "
          + "wait-for-repair server-1 answers NO_PATH to what needs the disk and the host resends; under "
          + "host-failover the host sends everything to server-2; under peer-forwarding server-1 serves reads "
          + "from its cache and forwards the rest to server-2, whose adapter moves the data to and from "
          + "memory-1.",
      "",
      "Writes DIR/PRESET.csv (throughput and p99 per time bucket and policy) and DIR/PRESET.png (both over "
          + "time, failure and repair marked), and prints a summary table. The presets, with the published "
          + "figures behind them, are in reference.conf under peerpath.experiment; --list-presets names them.",
      "",
      "Exit code 0; 2 on bad usage or input (nothing run or written)."
    })
final class ExperimentCommand implements Callable<Integer> {

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "The parameter set (default: peerpath.experiment.preset, optane).")
  String preset;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description =
          "Seed of the workload; the same seed gives the same CSV (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Changes one setting of the preset for this run, e.g. --set server-link.latency=10us (repeatable;"
              + " the keys are those of peerpath.experiment.base in reference.conf).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--out",
      defaultValue = "experiment-out",
      paramLabel = "DIR",
      description = "Where the CSV and the PNG go; made if missing (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--list-presets", description = "Name and describe the presets, then exit.")
  boolean listPresets;

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    // The plot is drawn without a display, whatever DISPLAY says (see TimelinePlot).
    System.setProperty("java.awt.headless", "true");
    Presets presets = Presets.load();
    if (listPresets) return list(presets);
    Presets.Preset chosen;
    ExperimentSettings settings;
    try {
      chosen = presets.named(preset == null ? presets.defaultName() : preset, overrides);
      settings = ExperimentSettings.from(chosen.name(), chosen.settings());
    } catch (IllegalArgumentException e) {
      return refuse(e.getMessage());
    }
    String size = tooLarge(RunSize.of(settings));
    if (size != null) return refuse(size);
    String problem = OutputFile.directoryProblem("--out", out);
    if (problem != null) return refuse(problem);
    Path csv = out.resolve(chosen.name() + ".csv");
    Path png = out.resolve(chosen.name() + ".png");
    for (Path file : List.of(csv, png)) {
      if (Files.isDirectory(file)) return refuse("--out " + out + ": " + file + " is a directory");
    }

    Experiment experiment = new Experiment(settings, seed);
    Progress progress = new Progress("buckets (3 policies)", 3 * experiment.bucketsPerPolicy());
    List<PolicyResult> results = experiment.run(progress::update);
    progress.finish();

    try {
      Files.createDirectories(out);
      Files.writeString(csv, ThroughputCsv.render(settings, results), StandardCharsets.UTF_8);
      try (OutputStream o = Files.newOutputStream(png)) {
        TimelinePlot.write(settings, results, o);
      }
    } catch (IOException e) {
      return refuse("cannot write to --out " + out + ": " + e);
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("csv", csv.toString());
    files.put("png", png.toString());
    ExperimentReport report = ExperimentReport.of(chosen, settings, seed, results, files);
    if (json) System.out.println(new ObjectMapper().writeValueAsString(report));
    else System.out.print(report.table());
    return 0;
  }

  private int list(Presets presets) throws IOException {
    Map<String, String> described = new LinkedHashMap<>();
    for (Presets.Preset p : presets.all()) described.put(p.name(), p.description());
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("default", presets.defaultName());
      j.put("presets", described);
      System.out.println(new ObjectMapper().writeValueAsString(j));
    } else {
      for (Map.Entry<String, String> p : described.entrySet()) {
        String mark = p.getKey().equals(presets.defaultName()) ? " (default)" : "";
        System.out.printf("%-14s %s%s%n", p.getKey(), p.getValue(), mark);
      }
    }
    return 0;
  }

  /**
   * The most commands the three policies may simulate together: about a billion events, some
   * minutes of a core.
   */
  static final long MAX_COMMANDS = 100_000_000L;

  /** Why a run of this size is refused, or null. */
  private static String tooLarge(RunSize size) {
    long all =
        size.commandsPerPolicy() > MAX_COMMANDS ? MAX_COMMANDS + 1 : 3 * size.commandsPerPolicy();
    if (all > MAX_COMMANDS) {
      return String.format(
          "these settings may simulate up to %.1e commands, more than this command runs (%.0e, some"
              + " minutes): shorten timeline.end, or give fewer clients or slower servers",
          3.0 * size.commandsPerPolicy(), (double) MAX_COMMANDS);
    }
    long heap = (long) (size.heapBytes() * MemoryBudget.HEADROOM) + MemoryBudget.BASE_BYTES;
    if (heap > MemoryBudget.maxHeap()) {
      return "this run would need up to "
          + MemoryBudget.size(heap)
          + " of memory, and this Java may use at most "
          + MemoryBudget.size(MemoryBudget.maxHeap())
          + ": "
          + MemoryBudget.howToRaise(heap)
          + ", or shorten timeline.end or make server.cache-blocks smaller";
    }
    return null;
  }

  private static int refuse(String why) {
    System.err.println("peerpath experiment: " + why);
    return 2;
  }
}
