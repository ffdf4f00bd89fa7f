package org.peerpath.simulation;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.coverage.Coverage;
import org.peerpath.coverage.Transitions;
import org.peerpath.runtime.Choices;
import org.peerpath.runtime.DepthFirstSearch;
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
 *   <li>{@code dfs} walks the tree of choices depth first ({@link DepthFirstSearch}): first the
 *       FIFO run, then each last choice point's next option, backtracking, until the tree is done
 *       or the budget is spent, and skipping the orders that only swap tasks that commute (sleep
 *       sets; {@link Options#withReduction} turns that off). Small scenarios are covered
 *       exhaustively; large ones only near the FIFO order.
 * </ul>
 *
 * Every run is on one runtime with one message per turn, from time 0 until the run is checked (the
 * subsystem starts and stops oldest first, so that every choice dfs varies is one that can change a
 * verdict), and a failing schedule is returned as the trace with its schedule line, which {@code
 * replay} runs into the same failure.
 */
public final class TraceExploration {

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
      boolean coverage,
      boolean reduce) {

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
          false,
          true);
    }

    public Options withDepth(int d) {
      return new Options(
          trace, strategy, schedules, d, seed, stopAtFirst, adjust, progress, coverage, reduce);
    }

    public Options withSeed(long s) {
      return new Options(
          trace, strategy, schedules, depth, s, stopAtFirst, adjust, progress, coverage, reduce);
    }

    public Options withAdjust(UnaryOperator<SubsystemSettings> a) {
      return new Options(
          trace, strategy, schedules, depth, seed, stopAtFirst, a, progress, coverage, reduce);
    }

    public Options withProgress(IntConsumer p) {
      return new Options(
          trace, strategy, schedules, depth, seed, stopAtFirst, adjust, p, coverage, reduce);
    }

    /** Counts the (actor, behaviour, message) transitions the schedules take. */
    public Options withCoverage(boolean on) {
      return new Options(
          trace, strategy, schedules, depth, seed, stopAtFirst, adjust, progress, on, reduce);
    }

    /**
     * For dfs: skip the orders that only swap commuting tasks (the default), or run them all, to
     * measure what that saves.
     */
    public Options withReduction(boolean on) {
      return new Options(
          trace, strategy, schedules, depth, seed, stopAtFirst, adjust, progress, coverage, on);
    }

    public Options withStopAtFirst(boolean stop) {
      return new Options(
          trace, strategy, schedules, depth, seed, stop, adjust, progress, coverage, reduce);
    }
  }

  /** One failing schedule: its number (from 0), the trace that reproduces it, and the report. */
  public record Failure(int index, Schedule schedule, Trace trace, ReplayReport report) {}

  /**
   * @param schedules how many schedules ran
   * @param exhausted for dfs: every order of the trace's choice tree ran
   * @param steps the tasks a FIFO run of the trace takes (PCT's span)
   * @param choicePoints the points with more than one ready task in the FIFO run
   * @param sleepBlocked for dfs: the runs that came to a point where every ready task had been
   *     covered by an earlier run, and showed nothing new from there
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
      int sleepBlocked,
      Transitions coverage) {

    public Failure firstFailure() {
      return failures.isEmpty() ? null : failures.get(0);
    }

    public double schedulesPerSecond() {
      return schedules / Math.max(seconds, 1e-9);
    }
  }

  private TraceExploration() {}

  public static Outcome run(Options o) {
    if (o.schedules() < 1)
      throw new IllegalArgumentException("explore at least 1 schedule, not " + o.schedules());
    Config config = VirtualTime.oneMessagePerTurn();
    if (o.coverage()) config = Coverage.on().withFallback(config);
    try (VirtualTimeSystem<Void> runtime =
        VirtualTime.create(Behaviors.empty(), "explore", config)) {
      return o.strategy() == Strategy.DFS ? depthFirst(o, runtime) : drawn(o, runtime);
    }
  }

  /** Random or PCT: schedule i from seed {@code seed + i}. */
  private static Outcome drawn(Options o, VirtualTimeSystem<Void> runtime) {
    long start = System.nanoTime();
    // Oldest first, as a list of choices so that it records them: PCT's span of steps.
    Trace trace = o.trace().withSchedule(Schedule.ofChoices());
    long before = runtime.tasksRun();
    Replay.run(trace, runtime, o.adjust());
    long steps = Math.max(1, runtime.tasksRun() - before);
    int points = runtime.choicesMade().points();
    Runs runs = new Runs(o);
    for (int i = 0; i < o.schedules(); i++) {
      Schedule s =
          o.strategy() == Strategy.RANDOM
              ? Schedule.random(o.seed() + i)
              : Schedule.pct(o.seed() + i, o.depth(), (int) Math.min(Integer.MAX_VALUE, steps));
      if (!runs.add(i, s, Replay.run(trace.withSchedule(s), runtime, o.adjust()))) break;
    }
    return runs.outcome(start, false, steps, points, 0, runtime);
  }

  /** The name of every dfs run's subsystem. */
  static final String RUN_NAME = "explore";

  private static final java.util.regex.Pattern NTH_SPAWN =
      java.util.regex.Pattern.compile("^/system/" + RUN_NAME + "-\\d+-");

  /**
   * An actor's path as it is in every dfs run: a subsystem spawned again under its name prefixes
   * its actors' names with a count of spawns ({@code explore-7-server-1}), so that none clashes
   * with a name Pekko still holds for the last run's actors; the search, which knows actors by
   * their paths, drops the count.
   */
  static String samePathEveryRun(String path) {
    return NTH_SPAWN.matcher(path).replaceFirst("/system/" + RUN_NAME + "-");
  }

  /**
   * Dfs: the runtime's depth-first search hands out the schedules, the first oldest first. Every
   * run's subsystem has one name, and its actors' paths the same in every run ({@link
   * #samePathEveryRun}): the search knows actors by their paths.
   */
  private static Outcome depthFirst(Options o, VirtualTimeSystem<Void> runtime) {
    long start = System.nanoTime();
    DepthFirstSearch search =
        (o.reduce() ? new DepthFirstSearch() : DepthFirstSearch.withoutReduction())
            .pathsAs(TraceExploration::samePathEveryRun);
    runtime.search(search);
    UnaryOperator<SubsystemSettings> adjust = s -> o.adjust().apply(s).withName(RUN_NAME);
    Runs runs = new Runs(o);
    long steps = 1;
    int points = 0;
    boolean exhausted = false;
    for (int i = 0; ; i++) {
      Schedule s = search.next();
      if (s == null) {
        exhausted = true;
        break;
      }
      if (i == o.schedules()) break;
      long before = runtime.tasksRun();
      ReplayReport report = Replay.run(o.trace().withSchedule(s), runtime, adjust);
      Choices made = runtime.choicesMade();
      if (i == 0) {
        steps = Math.max(1, runtime.tasksRun() - before);
        points = made.points();
      }
      // The search went on past s's choices by its own rules: the choices it made say it all.
      if (!runs.add(i, Schedule.ofChoices(made.chosen()), report)) break;
    }
    return runs.outcome(start, exhausted, steps, points, search.blockedRuns(), runtime);
  }

  /** The runs so far, and their failures. */
  private static final class Runs {
    private final Options o;
    private final List<Failure> failures = new ArrayList<>();
    private int violations;
    private int ran;

    Runs(Options o) {
      this.o = o;
    }

    /** Counts run {@code i}; false when the exploration stops here (its first failure). */
    boolean add(int i, Schedule s, ReplayReport report) {
      ran++;
      o.progress().accept(ran);
      if (report.passed()) return true;
      violations += report.violations().size() + report.unmet().size();
      failures.add(new Failure(i, s, o.trace().withSchedule(s), report));
      return !o.stopAtFirst();
    }

    Outcome outcome(
        long start,
        boolean exhausted,
        long steps,
        int points,
        int blocked,
        VirtualTimeSystem<Void> runtime) {
      return new Outcome(
          o,
          ran,
          (System.nanoTime() - start) / 1e9,
          List.copyOf(failures),
          violations,
          exhausted,
          steps,
          points,
          blocked,
          Coverage.get(runtime.system()).snapshot());
    }
  }
}
