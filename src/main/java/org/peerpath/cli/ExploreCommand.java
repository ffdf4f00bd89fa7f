package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peerpath.simulation.TraceExploration;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceFormatException;
import org.peerpath.trace.TraceReader;
import org.peerpath.trace.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "explore",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one trace under many schedules of its ready tasks and checks each run.",
      "",
      "The run queue normally takes the oldest ready task first, so a bug that needs a rarer order of"
          + " deliveries never shows, however many seeds simulate draws. explore runs the trace again and"
          + " again, each time ordering the tasks ready at one instant differently: at random, by PCT"
          + " (probabilistic concurrency testing), or depth first through every order (small traces)."
          + " Only orders a real run could produce: one sender's messages to one receiver stay in order,"
          + " timers fire at their time, each mailbox runs one message per turn. Every run is checked"
          + " against the trace's expectations and the invariants, as replay does.",
      "",
      "A failing schedule is written as the trace with its schedule line (to --out), which replay runs"
          + " into the same failure.",
      "",
      "Exit code 0 when every schedule passes, 1 when one fails; 2 on bad usage or input (nothing run)."
    })
final class ExploreCommand implements Callable<Integer> {

  @Parameters(paramLabel = "TRACE", description = "The trace to explore (trace-v1 JSON Lines).")
  Path file;

  @Option(
      names = "--strategy",
      defaultValue = "pct",
      paramLabel = "random|pct|dfs",
      description =
          "How schedules are drawn (default: ${DEFAULT-VALUE}): random, each choice at random; pct,"
              + " random priorities with --depth - 1 changes; dfs, every order depth first from the"
              + " oldest-first one, skipping orders that only swap tasks that commute.")
  String strategy;

  @Option(
      names = "--schedules",
      defaultValue = "200",
      paramLabel = "N",
      description = "How many schedules at most (default: ${DEFAULT-VALUE}).")
  int schedules;

  @Option(
      names = "--depth",
      defaultValue = "3",
      paramLabel = "D",
      description =
          "PCT's depth: a bug needing D orderings in a row is found by each schedule with"
              + " probability at least 1/(n k^(D-1)) (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "The first schedule's seed for random and pct (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--all",
      description = "Go on after the first failing schedule (only the first is written).")
  boolean all;

  @Option(
      names = "--out",
      defaultValue = "explore-failures",
      paramLabel = "DIR",
      description = "Where a failing schedule's trace goes (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--coverage", description = CoverageReport.OPTION)
  boolean coverage;

  @Option(
      names = "--no-reduction",
      description =
          "For dfs: run also the orders that only swap tasks that commute (two turns of different"
              + " actors that send to no common actor and record no event), to see what skipping"
              + " them saves.")
  boolean noReduction;

  @Option(names = "--json", description = "Print one JSON object instead of the summary.")
  boolean json;

  @Option(
      names = "--stack-trace",
      description = "If the run ends in an internal error, print where it came from too.")
  boolean stackTrace;

  @Override
  public Integer call() throws Exception {
    TraceExploration.Strategy how = TraceExploration.Strategy.of(strategy);
    if (how == null) return refuse("--strategy must be random, pct or dfs, not '" + strategy + "'");
    if (schedules < 1) return refuse("--schedules must be at least 1, not " + schedules);
    if (noReduction && how != TraceExploration.Strategy.DFS)
      return refuse("--no-reduction is for --strategy dfs, not " + how.wireName());
    if (depth < 1 || depth > 100) return refuse("--depth must be 1..100, not " + depth);
    if (how != TraceExploration.Strategy.DFS && seed > Long.MAX_VALUE - (schedules - 1))
      return refuse(
          "--seed " + seed + " with --schedules " + schedules + " would go past " + Long.MAX_VALUE);
    String problem = InputFile.problem(file);
    if (problem != null) return refuse(problem);
    String output = OutputFile.directoryProblem("--out", out);
    if (output != null) return refuse(output + " (where a failing schedule's trace goes)");
    SubsystemSettings.defaults();
    Trace trace;
    try {
      trace = TraceReader.read(file);
    } catch (TraceFormatException e) {
      return refuse(e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      return refuse(InputFile.problem(file, e.getCause()));
    }
    problem = MemoryBudget.replay(java.util.List.of(trace));
    if (problem == null) problem = RunLength.replay(java.util.List.of(trace));
    if (problem != null) return refuse(problem);
    if (trace.schedule() != null)
      System.err.println(
          "peerpath explore: "
              + file
              + " has a schedule line ("
              + trace.schedule().describe()
              + "); explore draws its own schedules instead");

    System.err.printf(
        "explore: %s, %d %s schedules%s%n",
        trace.name(),
        schedules,
        how.wireName(),
        how == TraceExploration.Strategy.PCT ? " of depth " + depth : "");
    Progress bar = new Progress("schedules", schedules);
    TraceExploration.Outcome outcome;
    try {
      outcome =
          TraceExploration.run(
              TraceExploration.Options.of(trace, how, schedules)
                  .withDepth(depth)
                  .withSeed(seed)
                  .withStopAtFirst(!all)
                  .withCoverage(coverage)
                  .withReduction(!noReduction)
                  .withProgress(bar::update));
    } catch (RuntimeException | Error e) {
      bar.finish();
      return Crash.report("explore", "trace " + file, "bin/peerpath replay " + file, e, stackTrace);
    }
    bar.finish();
    Path written = null;
    TraceExploration.Failure first = outcome.firstFailure();
    if (first != null) {
      Files.createDirectories(out);
      written = out.resolve(baseName(trace.name()) + "-schedule-" + first.index() + ".jsonl");
      TraceWriter.write(
          first.trace(),
          trace.name()
              + " under "
              + first.schedule().describe()
              + " (schedule "
              + first.index()
              + " of explore --strategy "
              + how.wireName()
              + "): "
              + first.report().summary(),
          written);
    }
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(jsonReport(outcome, written)));
    } else {
      printSummary(outcome, written);
    }
    return outcome.failures().isEmpty() ? 0 : 1;
  }

  private static String baseName(String name) {
    return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
  }

  private static int refuse(String problem) {
    System.err.println("peerpath explore: " + problem);
    return 2;
  }

  private void printSummary(TraceExploration.Outcome o, Path written) {
    TraceExploration.Failure first = o.firstFailure();
    if (first != null) {
      System.out.println(
          "FAIL under " + first.schedule().describe() + ": " + first.report().summary());
      System.out.println("  written to " + written);
      System.out.println("  reproduce with: bin/peerpath replay " + written);
    }
    System.out.printf(
        "schedules %d (%s%s)   failing %d   violations %d%s%n",
        o.schedules(),
        o.options().strategy().wireName(),
        o.options().strategy() == TraceExploration.Strategy.PCT ? ":" + o.options().depth() : "",
        o.failures().size(),
        o.violations(),
        o.exhausted() ? "   every order of the trace's choices ran" : "");
    System.out.printf(
        "%.1f schedules/s over %.2f s; the oldest-first run has %d choice points in %d steps%n",
        o.schedulesPerSecond(), o.seconds(), o.choicePoints(), o.steps());
    if (o.options().strategy() == TraceExploration.Strategy.DFS)
      System.out.printf(
          o.options().reduce()
              ? "%d of the schedules ended early: every task ready then had been covered before%n"
              : "every order run, commuting or not (--no-reduction)%n",
          o.sleepBlocked());
    if (coverage) System.out.print(o.coverage().render());
  }

  private Map<String, Object> jsonReport(TraceExploration.Outcome o, Path written) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trace", o.options().trace().name());
    m.put("strategy", o.options().strategy().wireName());
    m.put(
        "depth",
        o.options().strategy() == TraceExploration.Strategy.PCT ? o.options().depth() : null);
    m.put("schedules", o.schedules());
    m.put("schedulesPerSec", Math.round(o.schedulesPerSecond() * 10) / 10.0);
    m.put("seconds", Math.round(o.seconds() * 1000) / 1000.0);
    m.put("violations", o.violations());
    m.put("failingSchedules", o.failures().size());
    m.put("exhausted", o.exhausted());
    m.put("steps", o.steps());
    m.put("choicePoints", o.choicePoints());
    if (o.options().strategy() == TraceExploration.Strategy.DFS) {
      m.put("reduction", o.options().reduce());
      m.put("endedEarly", o.sleepBlocked());
    }
    TraceExploration.Failure first = o.firstFailure();
    Map<String, Object> f = null;
    if (first != null) {
      f = new LinkedHashMap<>();
      f.put("index", first.index());
      f.put("schedule", TraceWriter.scheduleFields(first.schedule()));
      f.put("failure", first.report().summary());
      f.put("file", written == null ? null : written.toString());
    }
    m.put("firstFailingSchedule", f);
    if (coverage) m.put("coverage", CoverageReport.json(o.coverage()));
    return m;
  }
}
