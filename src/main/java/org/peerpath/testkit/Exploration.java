package org.peerpath.testkit;

import java.util.Objects;
import java.util.Optional;
import org.peerpath.runtime.Choices;
import org.peerpath.runtime.DepthFirstSearch;
import org.peerpath.runtime.Schedule;

/**
 * A search for an order of the ready tasks under which a test fails: the test first runs under
 * FIFO, which counts its steps, then under {@code schedules} schedules of one strategy, the i-th
 * (from 1) drawing from seed {@code seed + i - 1}, each with a {@link VirtualTimeKit} of its own
 * whose mailboxes run one message per turn. It stops at the first failure. A depth-first one
 * ({@link #depthFirst(int)}) runs every order instead, each once, and stops when it has. {@link
 * Explore} runs one from an annotation; {@link #run} runs one from code.
 *
 * <p>Creating an actor system costs far more than a run of a small test, so the runs share one
 * while that changes nothing: each run's actors are stopped after it, and a run that leaves a timer
 * behind, or a test whose FIFO run does not repeat itself exactly on the same system, gets new
 * systems from then on. A replay always runs on a new system, and takes the same course.
 *
 * @param strategy {@code PCT} or {@code RANDOM}
 * @param schedules how many schedules after the FIFO run (1 or more)
 * @param seed the first schedule's seed
 * @param depth PCT's bug depth (1 or more; ignored by {@code RANDOM})
 * @param steps PCT's span of steps; 0: as many as the FIFO run took
 * @param depthFirst instead of drawing schedules, run every order of the ready tasks, depth first
 *     ({@link DepthFirstSearch}), up to {@code schedules} runs: the strategy is then {@code
 *     CHOICES}, and seed, depth and steps are ignored
 */
public record Exploration(
    Schedule.Strategy strategy,
    int schedules,
    long seed,
    int depth,
    int steps,
    boolean depthFirst) {

  /**
   * A test body to explore: it runs its actors on the kit it is given, and fails by throwing (an
   * {@link AssertionError}, or anything else).
   */
  @FunctionalInterface
  public interface Body {
    void run(VirtualTimeKit kit) throws Throwable;
  }

  /** How many schedules {@link Explore} runs unless told. */
  public static final int DEFAULT_SCHEDULES = 100;

  public Exploration {
    if (depthFirst) strategy = Schedule.Strategy.CHOICES; // what the search hands out
    Objects.requireNonNull(strategy, "strategy");
    if (!depthFirst && strategy != Schedule.Strategy.PCT && strategy != Schedule.Strategy.RANDOM)
      throw new IllegalArgumentException(
          "an exploration draws PCT or RANDOM schedules, not "
              + strategy
              + " (FIFO is its first run anyway; a list of choices is replayed with"
              + " @ReplaySchedule)");
    if (schedules < 1)
      throw new IllegalArgumentException("explore 1 schedule or more, not " + schedules);
    if (!depthFirst && strategy == Schedule.Strategy.PCT && depth < 1)
      throw new IllegalArgumentException("PCT's depth is 1 or more, not " + depth);
    if (steps < 0)
      throw new IllegalArgumentException(
          "PCT's span is 1 step or more, or 0 for the FIFO run's count, not " + steps);
  }

  /** An exploration that draws its schedules: {@code strategy} PCT or RANDOM. */
  public Exploration(Schedule.Strategy strategy, int schedules, long seed, int depth, int steps) {
    this(strategy, schedules, seed, depth, steps, false);
  }

  /**
   * Every order of the ready tasks, depth first, skipping orders that only swap tasks that commute,
   * in at most {@code runs} runs after the FIFO ones ({@link DepthFirstSearch}). The runs must
   * repeat: the same choices must meet the same ready tasks, under the same actor names.
   */
  public static Exploration depthFirst(int runs) {
    return new Exploration(Schedule.Strategy.CHOICES, runs, 0, 0, 0, true);
  }

  /** {@code schedules} PCT schedules of depth 3 from seed 1, over the FIFO run's steps. */
  public static Exploration pct(int schedules) {
    return new Exploration(Schedule.Strategy.PCT, schedules, 1, Schedule.DEFAULT_DEPTH, 0);
  }

  /** {@code schedules} random schedules from seed 1. */
  public static Exploration random(int schedules) {
    return new Exploration(Schedule.Strategy.RANDOM, schedules, 1, 0, 0);
  }

  /** The exploration an {@link Explore} annotation asks for. */
  public static Exploration of(Explore e) {
    return new Exploration(
        e.strategy(), e.schedules(), e.seed(), e.depth(), e.steps(), e.depthFirst());
  }

  public Exploration withSeed(long s) {
    return new Exploration(strategy, schedules, s, depth, steps, depthFirst);
  }

  public Exploration withDepth(int d) {
    return new Exploration(strategy, schedules, seed, d, steps, depthFirst);
  }

  public Exploration withSteps(int s) {
    return new Exploration(strategy, schedules, seed, depth, s, depthFirst);
  }

  /** The {@code i}-th schedule (from 1), for a test whose FIFO run took {@code fifoSteps} steps. */
  public Schedule schedule(int i, long fifoSteps) {
    if (depthFirst)
      throw new IllegalStateException(
          "a depth-first exploration's schedules come from its search, one run after another");
    if (i < 1 || i > schedules)
      throw new IllegalArgumentException("schedule " + i + " of 1 to " + schedules);
    long s = seed + i - 1;
    if (strategy == Schedule.Strategy.RANDOM) return Schedule.random(s);
    int span = steps > 0 ? steps : (int) Math.max(1, Math.min(Integer.MAX_VALUE, fifoSteps));
    return Schedule.pct(s, depth, span);
  }

  /**
   * Runs {@code body} under FIFO, then under each schedule in turn; returns the first run that
   * failed, or empty if none did. The runs share one actor system while that repeats them exactly:
   * the FIFO run is made twice, on a new system and again on the same one, and if the two differ
   * (in steps, timers fired, or outcome) every later run gets a new system ({@link SharedSystem}).
   *
   * @param name the actor systems' name
   *     <p>Needs no JUnit on the class path; if JUnit is there, a run aborted by a failed
   *     assumption ({@code org.opentest4j.TestAbortedException}) aborts the exploration, rethrown
   *     as it was.
   */
  public Optional<FailedSchedule> run(String name, Body body) {
    try (SharedSystem shared = new SharedSystem(name)) {
      Run fifo = Run.of(shared.kit(Schedule.FIFO), body);
      if (fifo.failure() != null) return Optional.of(fifo.failed(0, this));
      if (!fifo.repeats(Run.of(shared.kit(Schedule.FIFO), body))) shared.freshEachRun();
      if (depthFirst) return search(shared, body);
      for (int i = 1; i <= schedules; i++) {
        Run r = Run.of(shared.kit(schedule(i, fifo.steps())), body);
        if (r.failure() != null) return Optional.of(r.failed(i, this));
      }
      return Optional.empty();
    }
  }

  /** The depth-first runs: each schedule from the search, until it has run every order. */
  private Optional<FailedSchedule> search(SharedSystem shared, Body body) {
    DepthFirstSearch search = new DepthFirstSearch();
    shared.search(search);
    for (int i = 1; i <= schedules; i++) {
      Schedule s = search.next();
      if (s == null) return Optional.empty();
      Run r = Run.of(shared.kit(s), body);
      if (r.failure() != null) return Optional.of(r.failed(i, this));
    }
    return Optional.empty();
  }

  /**
   * Runs {@code body} once under {@code schedule}, on a fresh kit whose mailboxes run one message
   * per turn; returns its failure, if it failed. With a {@link FailedSchedule#schedule()} or {@link
   * FailedSchedule#replay()}, it fails the same way again.
   */
  public static Optional<FailedSchedule> replay(String name, Schedule schedule, Body body) {
    Run r = Run.of(VirtualTimeKit.create(name, schedule), body);
    return r.failure() == null ? Optional.empty() : Optional.of(r.failed(0, null));
  }

  /**
   * The schedule a failed run reports: its own, or under a depth-first search (whose schedule names
   * only the choices that lead to where the run branched off), every choice it made.
   */
  static Schedule reported(Exploration of, int index, Schedule schedule, Choices made) {
    return of != null && of.depthFirst() && index > 0
        ? Schedule.ofChoices(made.chosen())
        : schedule;
  }

  /** One run of a body: how many steps and timers it took, what it chose, how it failed. */
  private record Run(
      Schedule schedule, long steps, long timers, Choices choices, Throwable failure) {

    /** Runs {@code body} on {@code kit}, then closes the kit. */
    static Run of(VirtualTimeKit kit, Body body) {
      try (kit) {
        Throwable failure = null;
        try {
          body.run(kit);
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable t) {
          if (isAborted(t)) throw Run.<RuntimeException>rethrow(t);
          failure = t;
        }
        return new Run(kit.schedule(), kit.steps(), kit.timersFired(), kit.choicesMade(), failure);
      }
    }

    /** True if {@code t} is opentest4j's abort, told by name so as not to need the class. */
    static boolean isAborted(Throwable t) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass())
        if (c.getName().equals("org.opentest4j.TestAbortedException")) return true;
      return false;
    }

    /** Throws {@code t} as it is, checked or not. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
      throw (T) t;
    }

    /** True if {@code again}, the same schedule run again, took the same course. */
    boolean repeats(Run again) {
      return steps == again.steps
          && timers == again.timers
          && (failure == null) == (again.failure == null);
    }

    FailedSchedule failed(int index, Exploration of) {
      return new FailedSchedule(
          reported(of, index, schedule, choices), index, of, choices, failure);
    }
  }
}
