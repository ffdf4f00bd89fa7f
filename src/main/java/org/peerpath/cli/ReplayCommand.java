package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peerpath.history.Durations;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.HistoryWriter;
import org.peerpath.trace.Replay;
import org.peerpath.trace.ReplayReport;
import org.peerpath.trace.ReplayRuntimes;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceFormatException;
import org.peerpath.trace.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays failure traces under virtual time and checks them.",
      "",
      "Replays failure traces (trace-v1 JSON Lines) under virtual time, each on a fresh subsystem, and checks "
          + "their expectations and the invariants. Prints PASS name or FAIL name: reason for each. Every trace is "
          + "read and checked before any runs: a malformed one exits 2 naming the line and what is wrong.",
      "",
      "Exit code 0 when all pass, 1 when one fails; 2 on bad usage or input (nothing run)."
    })
final class ReplayCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Trace files.")
  List<Path> files;

  @Option(
      names = "--history",
      paramLabel = "OUT",
      description =
          "Write the run's events as JSON Lines: to OUT for one trace; for several, OUT is a directory and each "
              + "history goes to OUT/<name>.history.jsonl, <name> being the trace's file name without .jsonl. Two traces with "
              + "the same file name (from different folders) would share a history, so they are refused before anything runs.")
  Path history;

  @Option(names = "--json", description = "Print a JSON report instead of one line per trace.")
  boolean json;

  @Option(
      names = "--svg",
      paramLabel = "OUT",
      description =
          "Draw the history as a sequence diagram on virtual time (one trace only): an arrow per message, from sent to arrived.")
  Path svg;

  @Option(
      names = "--command",
      paramLabel = "ID",
      description = "With --svg: draw only this command's journey (and the failures).")
  String command;

  @Option(
      names = "--stack-trace",
      description = "If the run ends in an internal error, print where it came from too.")
  boolean stackTrace;

  @Override
  public Integer call() throws Exception {
    String problem = usageProblem();
    if (problem == null) problem = inputProblem();
    if (problem == null) problem = outputProblem();
    if (problem != null) return refuse(problem);
    // Traces take no application setting, but a mistake in the application's configuration is the
    // user's to hear about: read here, it ends in its message before anything runs.
    SubsystemSettings.defaults();
    List<Trace> traces = new ArrayList<>();
    for (Path f : files) {
      try {
        traces.add(TraceReader.read(f));
      } catch (TraceFormatException e) {
        return refuse(e.getMessage());
      } catch (java.io.UncheckedIOException e) {
        return refuse(InputFile.problem(f, e.getCause()));
      } catch (OutOfMemoryError e) {
        traces.clear();
        return Crash.report("replay", "trace " + f + ", while reading it", null, e, stackTrace);
      }
    }
    if (command != null
        && traces.get(0).commands().stream().noneMatch(c -> c.id().equals(command))) {
      return refuse(traces.get(0).name() + " has no command " + command);
    }
    problem = MemoryBudget.replay(traces);
    if (problem == null) problem = RunLength.replay(traces);
    if (problem != null) return refuse(problem);
    List<ReplayReport> reports = new ArrayList<>();
    try (var runtimes = new ReplayRuntimes("replay")) {
      for (int i = 0; i < traces.size(); i++) {
        Trace trace = traces.get(i);
        var progress =
            ReplayProgress.onStderr(
                trace.name(), Replay.longestRunNanos(trace, Replay.settings(trace)));
        try {
          reports.add(runtimes.replay(trace, progress));
          progress.finish();
        } catch (RuntimeException | Error e) {
          progress.finish();
          reports.clear();
          return Crash.report(
              "replay",
              "trace " + files.get(i),
              "bin/peerpath replay " + files.get(i),
              e,
              stackTrace);
        }
      }
    }
    if (json) {
      System.out.println(
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(jsonReport(traces, reports)));
    } else {
      reports.forEach(r -> System.out.println(r.summary()));
    }
    // Checked before the run, an output can still fail now (a full disk): the verdict above
    // stands, and the output the user asked for is named as missing. A failure the run found keeps
    // its exit code 1; a run that passed ends 2, since what was asked for is not there.
    boolean passed = reports.stream().allMatch(ReplayReport::passed);
    String unwritten = writeOutputs(reports);
    if (unwritten != null) {
      refuse(unwritten);
      return passed ? 2 : 1;
    }
    return passed ? 0 : 1;
  }

  private static int refuse(String problem) {
    System.err.println("peerpath replay: " + problem);
    return 2;
  }

  private String usageProblem() {
    if (svg != null && files.size() != 1) return "--svg draws one trace; give one FILE";
    if (command != null && svg == null)
      return "--command chooses what --svg draws; give --svg OUT too";
    return null;
  }

  /**
   * Every file that cannot be read, one per line, so that all can be put right at once; or null.
   */
  private String inputProblem() throws java.io.IOException {
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      String p = InputFile.problem(f);
      if (p != null) problems.add(p);
    }
    if (!problems.isEmpty())
      return String.join(System.lineSeparator() + "peerpath replay: ", problems);
    return MemoryBudget.read(files);
  }

  private String outputProblem() {
    String output = overwrite();
    if (output == null && svg != null) output = OutputFile.problem("--svg", svg);
    if (output == null && history != null) {
      output =
          files.size() == 1
              ? OutputFile.problem("--history", history)
              : OutputFile.directoryProblem("--history", history);
    }
    if (output == null && history != null && files.size() > 1)
      output = HistoryNames.clash(files, history);
    if (output == null && history != null && files.size() > 1 && Files.isDirectory(history)) {
      for (Path f : files) {
        output = OutputFile.problem("--history", history.resolve(HistoryNames.of(name(f))));
        if (output != null) break;
      }
    }
    return output;
  }

  /**
   * Why an output would overwrite a trace given to replay, or the other output, or null: checked
   * before the run, since the run would replace the trace with its history and pass.
   */
  private String overwrite() {
    Map<Path, String> outputs = new LinkedHashMap<>();
    if (svg != null) outputs.put(svg, "--svg " + svg);
    if (history != null && files.size() == 1) outputs.put(history, "--history " + history);
    if (history != null && files.size() > 1) {
      for (Path f : files) {
        Path out = history.resolve(HistoryNames.of(name(f)));
        outputs.put(out, "--history " + history + " (" + f + "'s history goes to " + out + ")");
      }
    }
    for (var out : outputs.entrySet()) {
      for (Path f : files) {
        if (OutputFile.sameFile(out.getKey(), f))
          return out.getValue()
              + ": "
              + f
              + " is a trace given to replay, and would be overwritten; write to another file";
      }
    }
    if (svg != null && history != null && files.size() == 1 && OutputFile.sameFile(svg, history))
      return "--svg " + svg + " and --history " + history + " are one file; give each its own";
    return null;
  }

  private static String name(Path trace) {
    return java.util.Objects.toString(trace.getFileName(), trace.toString());
  }

  /** Writes the histories and the drawing asked for; why one could not be written, or null. */
  private String writeOutputs(List<ReplayReport> reports) {
    Path writing = null;
    String option = "--history";
    try {
      if (history != null && reports.size() == 1) {
        writing = history;
        HistoryWriter.write(reports.get(0).history(), history);
      } else if (history != null) {
        writing = history;
        Files.createDirectories(history);
        for (ReplayReport r : reports) {
          writing = history.resolve(HistoryNames.of(r.name()));
          HistoryWriter.write(r.history(), writing);
        }
      }
      if (svg != null) {
        option = "--svg";
        writing = svg;
        ReplayReport r = reports.get(0);
        Files.writeString(
            svg,
            org.peerpath.trace.TimelineSvg.render(r.history(), r.settings().latency(), command));
      }
      return null;
    } catch (java.io.IOException e) {
      return cannotWrite(option, writing, e);
    } catch (java.io.UncheckedIOException e) {
      return cannotWrite(option, writing, e.getCause());
    }
  }

  private static String cannotWrite(String option, Path file, java.io.IOException e) {
    return option
        + " "
        + file
        + ": writing it failed after the run, "
        + OutputFile.reason(e)
        + "; the verdict above stands";
  }

  private static Map<String, Object> jsonReport(List<Trace> ran, List<ReplayReport> reports) {
    List<Map<String, Object>> traces = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      ReplayReport r = reports.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("passed", r.passed());
      m.put("commands", ran.get(i).commands().size());
      m.put("replies", r.replies().size());
      m.put("expectations", r.expectationsChecked());
      m.put("unmet", r.unmet());
      m.put("violations", r.violations().stream().map(Object::toString).toList());
      m.put("events", r.history().size());
      m.put("end", Durations.format(r.endNanos()));
      traces.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("passed", reports.stream().allMatch(ReplayReport::passed));
    out.put("traces", traces);
    return out;
  }
}
