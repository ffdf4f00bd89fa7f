package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peerpath.runtime.Schedule;
import org.peerpath.simulation.SeedCrashed;
import org.peerpath.simulation.SeedResult;
import org.peerpath.simulation.Simulation;
import org.peerpath.simulation.TraceGenerator;
import org.peerpath.subsystem.SubsystemSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Seeded fault simulation: finds, checks and shrinks failures.",
      "",
      "Seeded fault simulation under virtual time. Each seed draws a topology (1..4 servers), latencies down to "
          + "the microsecond, concurrent commands on shared blocks, in a third of the seeds load (bursts of commands at "
          + "one instant, small queue depths), and crashes, resets, hangs and repairs at random "
          + "times (the safety phase); then every adapter is repaired and the last commands must end GOOD (liveness). "
          + "Every seed is checked for: one reply per command, no reply before its CSW (and notice), nothing fenced "
          + "changed a byte, no error while another adapter works, no adapter declared down without a fault, "
          + "linearizable blocks. A sample of seeds runs twice "
          + "and must give the same history. A failing seed is shrunk and written as a trace that replay reproduces.",
      "",
      "Exit code 0 when every seed passed, 1 otherwise; 2 on bad usage or input (nothing run)."
    })
final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--seeds",
      defaultValue = "100",
      description = "How many seeds (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--commands",
      defaultValue = "200",
      description = "Commands per seed (default: ${DEFAULT-VALUE}).")
  int commands;

  @Option(names = "--seed", description = "The first seed (default: a random one, printed).")
  Long seed;

  @Option(
      names = "--threads",
      description = "Workers (default: one per core, at most 2; never more than --seeds).")
  Integer threads;

  @Option(
      names = "--twice-every",
      defaultValue = "10",
      description = "Run every Nth seed twice and compare histories (default: ${DEFAULT-VALUE}).")
  int twiceEvery;

  @Option(
      names = "--out",
      defaultValue = "simulate-failures",
      paramLabel = "DIR",
      description = "Where shrunk failing traces go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--schedule",
      defaultValue = "fifo",
      paramLabel = "fifo|random|pct[:DEPTH]",
      description = {
        "How the run queue orders the tasks ready at one instant (default: ${DEFAULT-VALUE}):"
            + " fifo, oldest first; random, one of them at random; pct or pct:DEPTH,"
            + " probabilistic concurrency testing, which finds a bug needing DEPTH orderings in a"
            + " row (default 3) with a known probability.",
        "Under random and pct each seed draws its order from its own number, each mailbox runs"
            + " one message per turn, and a failing seed's trace records the schedule, so that"
            + " replay runs the same order again. Slower than fifo."
      })
  String schedule;

  @Option(names = "--coverage", description = CoverageReport.OPTION)
  boolean coverage;

  @Option(names = "--json", description = "Print one JSON object instead of the summary.")
  boolean json;

  @Option(
      names = "--verbose",
      description = "Print every seed's knobs and outcome (a failing seed's are always printed).")
  boolean verbose;

  @Option(
      names = "--stack-trace",
      description = "If the run ends in an internal error, print where it came from too.")
  boolean stackTrace;

  @Override
  public Integer call() throws Exception {
    String problem = numbersProblem();
    if (problem != null) return refuse(problem);
    Schedule order;
    try {
      order = Schedule.parse(schedule, 0, Schedule.DEFAULT_STEPS);
    } catch (IllegalArgumentException e) {
      return refuse("--schedule: " + e.getMessage());
    }
    // The configuration is read here, so that a mistake in it ends in its message before any seed
    // starts.
    SubsystemSettings.defaults();
    // A random first seed leaves room for the others below the largest long.
    long first =
        seed != null
            ? seed
            : Math.min(
                new SecureRandom().nextLong() & Long.MAX_VALUE, Long.MAX_VALUE - (seeds - 1));
    var options =
        Simulation.Options.of(first, seeds, commands)
            .withDeterminismEvery(twiceEvery)
            .withSchedule(order)
            .withCoverage(coverage);
    int workers = Math.min(seeds, threads != null ? threads : options.threads());
    options = options.withThreads(workers);
    problem = MemoryBudget.simulate(seeds, commands, workers);
    if (problem != null) return refuse(problem);
    String output = OutputFile.directoryProblem("--out", out);
    if (output != null && spec.commandLine().getParseResult().hasMatchedOption("--out")) {
      return refuse(output + " (where a failing seed's shrunk trace goes)");
    }
    if (output != null) {
      System.err.println(
          "peerpath simulate: " + output + "; a failing seed's shrunk trace will only be printed");
    }
    options = options.withFailureDir(output == null ? out : null);
    System.err.printf(
        "simulate: seeds %d..%d, %d commands each, %d workers%s%n",
        first,
        first + seeds - 1,
        commands,
        workers,
        order.isFifo() ? "" : ", schedule " + schedule.trim().toLowerCase(java.util.Locale.ROOT));
    if (seeds == 1)
      System.err.println("  " + TraceGenerator.generate(first, commands).knobs().describe());
    Progress bar = new Progress("seeds", seeds);
    Simulation.Outcome outcome;
    try {
      outcome = Simulation.run(options.withProgress(bar::update));
    } catch (SeedCrashed e) {
      bar.finish();
      String again =
          "bin/peerpath simulate --seeds 1 --commands "
              + commands
              + " --seed "
              + e.seed()
              + scheduleOption();
      return Crash.report("simulate", "seed " + e.seed(), again, e.getCause(), stackTrace);
    }
    bar.finish();
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(jsonReport(outcome)));
    } else {
      printSummary(outcome);
    }
    return outcome.failures().isEmpty() && outcome.determinismMismatches() == 0 ? 0 : 1;
  }

  /** What is wrong with the numbers given, each option on its own; null if nothing. */
  private String numbersProblem() {
    if (seeds < 1) return "--seeds must be at least 1, not " + seeds;
    if (commands < 1) return "--commands must be at least 1, not " + commands;
    if (threads != null && threads < 1) return "--threads must be at least 1, not " + threads;
    if (twiceEvery < 1) return "--twice-every must be at least 1, not " + twiceEvery;
    if (seed != null && seed > Long.MAX_VALUE - (seeds - 1)) {
      return "--seed "
          + seed
          + " with --seeds "
          + seeds
          + " would go past the largest seed, "
          + Long.MAX_VALUE;
    }
    return null;
  }

  /** The --schedule option to repeat in a command line, or nothing under FIFO. */
  private String scheduleOption() {
    String s = schedule.trim().toLowerCase(java.util.Locale.ROOT);
    return s.equals("fifo") ? "" : " --schedule " + s;
  }

  private static int refuse(String problem) {
    System.err.println("peerpath simulate: " + problem);
    return 2;
  }

  private void printSummary(Simulation.Outcome o) {
    for (SeedResult r : o.results()) {
      if (r.passed() && !verbose) continue;
      System.out.println(
          (r.passed() ? "PASS seed " + r.seed() : "FAIL seed " + r.seed() + ": " + r.failure()));
      System.out.println("  " + r.knobs().describe());
    }
    for (Simulation.Shrunk s : o.shrunk()) {
      System.out.println(
          "  shrunk seed "
              + s.seed()
              + " to "
              + s.lines()
              + " lines"
              + (s.file() != null ? ": " + s.file() : ""));
      if (s.file() != null) System.out.println("  reproduce with: bin/peerpath replay " + s.file());
      else System.out.print(s.text());
    }
    for (SeedResult f : o.failures()) {
      System.out.println(
          "  reproduce seed "
              + f.seed()
              + " with: bin/peerpath simulate --seeds 1 --commands "
              + commands
              + " --seed "
              + f.seed()
              + scheduleOption());
    }
    for (SeedResult r : o.results()) {
      if (!r.replayedIdentically())
        System.out.println(
            "NONDETERMINISTIC seed " + r.seed() + ": two runs gave different histories");
    }
    System.out.printf(
        "seeds %d   commands %d each   failing seeds %d   violations %d   determinism mismatches %d (%d seeds run twice)%n",
        o.results().size(),
        commands,
        o.failures().size(),
        violations(o),
        o.determinismMismatches(),
        o.seedsRunTwice());
    System.out.printf(
        "%.0f seeds/s over %.2f s, after %.2f s to start the workers' actor systems%n",
        o.seedsPerSecond(), o.seedSeconds(), o.startupSeconds());
    System.out.printf(
        "a seed's run: %,.0f run-queue tasks and %,.0f timers fired, on average over %d runs%n",
        o.work().tasksPerRun(), o.work().timersPerRun(), o.work().runs());
    StringBuilder drawn = new StringBuilder("faults drawn:");
    faults(o).forEach((k, v) -> drawn.append("  ").append(k).append(' ').append(v));
    System.out.println(drawn);
    if (coverage) System.out.print(o.coverage().render());
  }

  /** The faults every seed drew, by kind, summed. */
  private static Map<String, Integer> faults(Simulation.Outcome o) {
    Map<String, Integer> all = new java.util.TreeMap<>();
    for (SeedResult r : o.results()) r.faults().forEach((k, v) -> all.merge(k, v, Integer::sum));
    return all;
  }

  private static int violations(Simulation.Outcome o) {
    return o.results().stream().mapToInt(SeedResult::violations).sum();
  }

  /** One shrunk failure, its keys in the same order on every run. */
  private static Map<String, Object> shrunkReport(Simulation.Shrunk s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", s.seed());
    m.put("lines", s.lines());
    m.put("file", s.file() == null ? null : s.file().toString());
    m.put("invariant", s.signature());
    return m;
  }

  private Map<String, Object> jsonReport(Simulation.Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seeds", o.results().size());
    m.put("commands", commands);
    m.put("firstSeed", o.options().firstSeed());
    m.put("violations", violations(o));
    m.put("failingSeeds", o.failures().stream().map(SeedResult::seed).toList());
    m.put("seedsPerSec", Math.round(o.seedsPerSecond() * 10) / 10.0);
    m.put("seedSeconds", Math.round(o.seedSeconds() * 1000) / 1000.0);
    m.put("startupSeconds", Math.round(o.startupSeconds() * 1000) / 1000.0);
    m.put("determinismMismatches", o.determinismMismatches());
    m.put("schedule", schedule.trim().toLowerCase(java.util.Locale.ROOT));
    Map<String, Object> work = new LinkedHashMap<>();
    work.put("runs", o.work().runs());
    work.put("tasks", Math.round(o.work().tasksPerRun() * 10) / 10.0);
    work.put("timers", Math.round(o.work().timersPerRun() * 10) / 10.0);
    m.put("perSeedRun", work);
    m.put("faults", faults(o));
    m.put("shrunk", o.shrunk().stream().map(SimulateCommand::shrunkReport).toList());
    if (coverage) m.put("coverage", CoverageReport.json(o.coverage()));
    return m;
  }
}
