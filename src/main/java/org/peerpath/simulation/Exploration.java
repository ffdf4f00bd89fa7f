package org.peerpath.simulation;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.coverage.Coverage;
import org.peerpath.coverage.Transitions;
import org.peerpath.runtime.Choices;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.ReplayReport;
import org.peerpath.trace.Trace;

/**
 * Runs one trace under many schedules of its ready tasks and checks every run against the trace's
 * expectations and the invariants: the search for a bug that needs a rare order of deliveries,
 * which the run queue's FIFO never produces however many seeds are drawn.
 *
 * <ul>
 *   <li>{@code random} and {@code pct} draw schedule i from seed {@code seed + i}; PCT spreads its
 *       priority changes over the steps a FIFO run of the trace takes.
 *   <li>{@code dfs} walks the tree of choices depth first, in order: first the FIFO run, then each
 *       last choice point's next option, backtracking, until the tree is done or the budget is
 *       spent. Small scenarios are covered exhaustively; large ones only near the FIFO order.
 * </ul>
 *
 * Every run is on one runtime with one message per turn, from time 0 until the run is checked (the
 * subsystem starts and stops oldest first, so that every choice dfs varies is one that can change a
 * verdict), and a failing schedule is returned as the trace with its schedule line, which {@code
 * replay} runs into the same failure.
 */
public final class Exploration {

  /** The strategies {@code explore} offers. */
  public enum Strategy {
    RANDOM,
    PCT,
    DFS;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code random}, {@code pct} or {@code dfs}; null for anything else. */
    public static Strategy of(String text) {
      for (Strategy s : values())
        if (s.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) return s;
      return null;
    }
  }

  /**
   * @param schedules how many schedules at most (for dfs: fewer when the tree ends sooner)
   * @param depth PCT's depth
   * @param seed the first seed of random and pct
   * @param stopAtFirst stop at the first failing schedule
   */
  public record Options(
      Trace trace,
      Strategy strategy,
      int schedules,
      int depth,
      long seed,
      boolean stopAtFirst,
      UnaryOperator<SubsystemSettings> adjust,
      IntConsumer progress,
      boolean coverage) {

    public static Options of(Trace trace, Strategy strategy, int schedules) {
      return new Options(
          trace,
          strategy,
          schedules,
          Schedule.DEFAULT_DEPTH,
          1,
          true,
          UnaryOperator.identity(),
          done -> {},
          false);
    }

    public Options withDepth(int d) {
      return new Options(
          trace, strategy, schedules, d, seed, stopAtFirst, adjust, progress, coverage);
    }

    public Options withSeed(long s) {
      return new Options(
          trace, strategy, schedules, depth, s, stopAtFirst, adjust, progress, coverage);
    }

    public Options withAdjust(UnaryOperator<SubsystemSettings> a) {
      return new Options(
          trace, strategy, schedules, depth, seed, stopAtFirst, a, progress, coverage);
    }

    public Options withProgress(IntConsumer p) {
      return new Options(trace, strategy, schedules, depth, seed, stopAtFirst, adjust, p, coverage);
    }

    /** Counts the (actor, behaviour, message) transitions the schedules take. */
    public Options withCoverage(boolean on) {
      return new Options(
          trace, strategy, schedules, depth, seed, stopAtFirst, adjust, progress, on);
    }

    public Options withStopAtFirst(boolean stop) {
      return new Options(trace, strategy, schedules, depth, seed, stop, adjust, progress, coverage);
    }
  }

  /** One failing schedule: its number (from 0), the trace that reproduces it, and the report. */
  public record Failure(int index, Schedule schedule, Trace trace, ReplayReport report) {}

  /**
   * @param schedules how many schedules ran
   * @param exhausted for dfs: every order of the trace's choice tree ran
   * @param steps the tasks a FIFO run of the trace takes (PCT's span)
   * @param choicePoints the points with more than one ready task in the FIFO run
   */
  public record Outcome(
      Options options,
      int schedules,
      double seconds,
      List<Failure> failures,
      int violations,
      boolean exhausted,
      long steps,
      int choicePoints,
      Transitions coverage) {

    public Failure firstFailure() {
      return failures.isEmpty() ? null : failures.get(0);
    }

    public double schedulesPerSecond() {
      return schedules / Math.max(seconds, 1e-9);
    }
  }

  private Exploration() {}

  public static Outcome run(Options o) {
    if (o.schedules() < 1)
      throw new IllegalArgumentException("explore at least 1 schedule, not " + o.schedules());
    // Oldest first, but as a list of choices, so that it records them: dfs's first leaf.
    Trace trace = o.trace().withSchedule(Schedule.ofChoices());
    List<Failure> failures = new ArrayList<>();
    int violations = 0;
    int ran = 0;
    boolean exhausted = false;
    long start = System.nanoTime();
    Config config = VirtualTime.oneMessagePerTurn();
    if (o.coverage()) config = Coverage.on().withFallback(config);
    try (VirtualTimeSystem<Void> runtime =
        VirtualTime.create(Behaviors.empty(), "explore", config)) {
      // The oldest-first run first, one message per turn: PCT's span of steps, and dfs's first
      // leaf.
      long before = runtime.tasksRun();
      ReplayReport fifo = Replay.run(trace, runtime, o.adjust());
      long steps = Math.max(1, runtime.tasksRun() - before);
      Choices fifoChoices = runtime.choicesMade();
      int[] next = o.strategy() == Strategy.DFS ? new int[0] : null;
      for (int i = 0; i < o.schedules(); i++) {
        Schedule s;
        ReplayReport report;
        Choices made;
        if (o.strategy() == Strategy.DFS) {
          if (next == null) {
            exhausted = true;
            break;
          }
          s = Schedule.ofChoices(next);
          if (i == 0) {
            report = fifo;
            made = fifoChoices;
          } else {
            report = Replay.run(trace.withSchedule(s), runtime, o.adjust());
            made = runtime.choicesMade();
          }
          next = nextInDepthFirstOrder(made);
        } else {
          s =
              o.strategy() == Strategy.RANDOM
                  ? Schedule.random(o.seed() + i)
                  : Schedule.pct(o.seed() + i, o.depth(), (int) Math.min(Integer.MAX_VALUE, steps));
          report = Replay.run(trace.withSchedule(s), runtime, o.adjust());
        }
        ran++;
        o.progress().accept(ran);
        if (!report.passed()) {
          violations += report.violations().size() + report.unmet().size();
          failures.add(new Failure(i, s, o.trace().withSchedule(s), report));
          if (o.stopAtFirst()) break;
        }
      }
      if (o.strategy() == Strategy.DFS && next == null) exhausted = true;
      return new Outcome(
          o,
          ran,
          (System.nanoTime() - start) / 1e9,
          List.copyOf(failures),
          violations,
          exhausted,
          steps,
          fifoChoices.points(),
          Coverage.get(runtime.system()).snapshot());
    }
  }

  /**
   * The choices of the next leaf in depth-first order after the run that made {@code made}: the
   * last choice point with an option left takes its next one, and everything after it starts over
   * at the first. Null when none is left.
   */
  static int[] nextInDepthFirstOrder(Choices made) {
    int[] chosen = made.chosen();
    int[] options = made.options();
    for (int j = chosen.length - 1; j >= 0; j--) {
      if (chosen[j] + 1 < options[j]) {
        int[] next = Arrays.copyOf(chosen, j + 1);
        next[j]++;
        return next;
      }
    }
    return null;
  }
}
