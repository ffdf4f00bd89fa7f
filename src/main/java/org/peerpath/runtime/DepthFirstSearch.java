package org.peerpath.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every order of one scenario's ready tasks, depth first, skipping the orders that only swap tasks
 * that commute: a stateless search with sleep sets (Godefroid, 1996), one run of the scenario per
 * schedule.
 *
 * <p>The first run takes the oldest ready task at every choice point. Each later run replays the
 * choices of the one before up to its deepest choice point with an option left, takes that option,
 * and goes on oldest first among the tasks it need not skip. At a choice point, the options already
 * run there fall asleep: none of them runs again until a task it depends on has run, since until
 * then running it leads where an earlier run already went. Two tasks depend on each other when
 * their {@link Footprint footprints} meet: they are turns of one actor, or they send to a common
 * actor (whose mailbox then holds their messages in the other order), or one sends to the other's
 * actor, or they set timers for one instant, or they touch a common {@link SharedState}; a task
 * that is no actor's turn depends on every other. When every ready task sleeps, the run has nothing
 * new to show, and goes on oldest first without choice points of its own.
 *
 * <p>Runs must repeat: the same choices on the same inputs must meet the same ready tasks, and name
 * actors alike (by path), which a virtual-time system does for a scenario that spawns the same
 * names each run. The search compares, at each choice point it replays, the paths of the actors
 * whose turns are ready with those of the run before; a run that does not repeat stops the search
 * ({@link #next} throws). Every dispatcher of the system must tell whom it sends to ({@link
 * VirtualTimeSystem#search} refuses a system with a balancing dispatcher, say).
 *
 * <pre>{@code
 * DepthFirstSearch search = new DepthFirstSearch();
 * runtime.search(search);
 * for (Schedule s = search.next(); s != null; s = search.next()) {
 *   // start the scenario, runtime.schedule(s), drive it, check it, runtime.stopChoosing()
 * }
 * }</pre>
 */
public final class DepthFirstSearch {

  /** One choice point on the path of the run in progress. */
  private static final class Point {
    final int options;
    int chosen;

    /** The options run here so far, the chosen one included. */
    final BitSet done = new BitSet();

    /** The options asleep when the run came here. */
    final BitSet asleep = new BitSet();

    /** What each option touched when it ran here (or before it fell asleep); null: unknown. */
    final Footprint[] footprints;

    /** The actors (paths) whose turns were ready here, oldest first; null without reduction. */
    final String[] actors;

    Point(int options, String[] actors) {
      this.options = options;
      this.footprints = new Footprint[options];
      this.actors = actors;
    }

    /** The oldest option neither run here nor asleep, or -1. */
    int nextOption() {
      for (int i = 0; i < options; i++) if (!done.get(i) && !asleep.get(i)) return i;
      return -1;
    }
  }

  private final boolean reduce;
  private UnaryOperator<String> paths = UnaryOperator.identity();
  private final List<Point> path = new ArrayList<>();
  private Schedule current;
  private Picker picker;
  private boolean started;
  private boolean finished;
  private int branch = -1;
  private int runs;
  private int blocked;
  private String diverged;

  /** With sleep sets. */
  public DepthFirstSearch() {
    this(true);
  }

  private DepthFirstSearch(boolean reduce) {
    this.reduce = reduce;
  }

  /** Every order, commuting or not: to measure what the sleep sets save. */
  public static DepthFirstSearch withoutReduction() {
    return new DepthFirstSearch(false);
  }

  /**
   * Knows an actor by {@code stable.apply(path)} instead of its path: for a scenario whose actors'
   * names carry something that changes from run to run (a count of spawns, say), a function that
   * maps each run's path to one that is the same in every run. Call it before the first {@link
   * #next}.
   */
  public DepthFirstSearch pathsAs(UnaryOperator<String> stable) {
    if (started) throw new IllegalStateException("the search has started: name paths before it");
    paths = java.util.Objects.requireNonNull(stable, "stable");
    return this;
  }

  /**
   * The schedule of the next run: its choices lead to the point where it differs from every run
   * before (the runtime, given this search, goes on from there by the search's rules). Null when
   * every order has been run.
   *
   * @throws IllegalStateException if the last run did not repeat the one before it up to there
   */
  public Schedule next() {
    if (diverged == null && picker != null && !picker.stuck && picker.point <= branch)
      diverged =
          "a run of the search made "
              + picker.point
              + " choices, where the run before it made at least "
              + (branch + 1)
              + " (the scenario must give the same tasks on the same choices)";
    if (diverged != null) throw new IllegalStateException(diverged);
    picker = null;
    if (!started) {
      started = true;
      runs++;
      return current = Schedule.ofChoices();
    }
    for (int j = path.size() - 1; j >= 0; j--) {
      Point p = path.get(j);
      int o = p.nextOption();
      if (o < 0) continue;
      path.subList(j + 1, path.size()).clear();
      p.chosen = o;
      p.done.set(o);
      branch = j;
      int[] prefix = new int[j + 1];
      for (int i = 0; i <= j; i++) prefix[i] = path.get(i).chosen;
      runs++;
      return current = Schedule.ofChoices(prefix);
    }
    finished = true;
    return current = null;
  }

  /** Whether every order has been run. */
  public boolean finished() {
    return finished;
  }

  /** The runs handed out so far. */
  public int runs() {
    return runs;
  }

  /**
   * The runs that came to a point where every ready task slept, and so had nothing new to show from
   * there on.
   */
  public int blockedRuns() {
    return blocked;
  }

  /** The schedule {@link #next} returned last. */
  Schedule current() {
    return current;
  }

  /** A picker for the run of {@link #current()}. */
  TaskPicker picker() {
    if (picker != null)
      throw new IllegalStateException("a run of the search's schedule is set once: call next()");
    return picker = new Picker();
  }

  private final class Picker extends TaskPicker {
    private int point;

    /** From the branch point on: tasks record footprints and wake sleepers. */
    private boolean searching = branch < 0;

    private boolean stuck;
    private final Map<Runnable, Footprint> sleeping = new IdentityHashMap<>();

    /** The point whose chosen task is running, whose footprint it records. */
    private Point running;

    @Override
    boolean wantsFootprints() {
      return reduce && searching && !stuck;
    }

    @Override
    int choose(Runnable[] ready, int n, long step) {
      int p = point++;
      running = null;
      if (stuck || diverged != null) return 0;
      String[] actors = reduce ? Footprint.actorsOf(ready, n, paths) : null;
      if (p <= branch) {
        Point q = path.get(p);
        if (q.options != n || !Arrays.equals(q.actors, actors)) {
          diverged =
              "a run of the search did not repeat the one before: at its choice point "
                  + (p + 1)
                  + ", "
                  + (q.options != n
                      ? n + " tasks were ready, not " + q.options
                      : "the turns ready were "
                          + Arrays.toString(actors)
                          + ", not "
                          + Arrays.toString(q.actors))
                  + " (the scenario must give the same tasks on the same choices, and name its"
                  + " actors alike in every run: the search knows them by their paths)";
          return 0;
        }
        if (p < branch) return q.chosen;
        searching = true;
        if (reduce) {
          for (int i = q.asleep.nextSetBit(0); i >= 0; i = q.asleep.nextSetBit(i + 1))
            sleep(ready[i], q.footprints[i]);
          for (int i = q.done.nextSetBit(0); i >= 0; i = q.done.nextSetBit(i + 1))
            if (i != q.chosen) sleep(ready[i], q.footprints[i]);
        }
        running = q;
        return q.chosen;
      }
      Point q = new Point(n, actors);
      int pick = -1;
      for (int i = 0; i < n; i++) {
        Footprint f = sleeping.get(ready[i]);
        if (f != null) {
          q.asleep.set(i);
          q.footprints[i] = f;
        } else if (pick < 0) {
          pick = i;
        }
      }
      if (pick < 0) {
        block();
        return 0;
      }
      q.chosen = pick;
      q.done.set(pick);
      path.add(q);
      running = q;
      return pick;
    }

    @Override
    void single(Runnable task, long step) {
      running = null;
      if (!stuck && sleeping.containsKey(task)) block();
    }

    @Override
    void ran(Footprint touched) {
      Footprint footprint = touched.withPaths(paths);
      if (running != null) {
        running.footprints[running.chosen] = footprint;
        running = null;
      }
      if (!sleeping.isEmpty()) sleeping.values().removeIf(f -> f.dependsOn(footprint));
    }

    private void sleep(Runnable task, Footprint f) {
      sleeping.put(task, f == null ? Footprint.EVERYTHING : f);
    }

    private void block() {
      stuck = true;
      sleeping.clear();
      blocked++;
    }
  }
}
