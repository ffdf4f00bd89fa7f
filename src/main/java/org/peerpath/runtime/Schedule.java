package org.peerpath.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How the driver of a virtual-time system orders the tasks that are ready at one instant: oldest
 * first ({@link #FIFO}, the default), at random, by PCT, or by a list of recorded choices.
 *
 * <p>Every order keeps what Pekko guarantees and nothing more. A task is one actor's turn at its
 * mailbox, so the messages from one sender to one receiver still arrive in the order they were
 * sent; a timer still fires at its virtual time and only once nothing else is ready; only tasks
 * ready at the same instant change places. Each such order is one that a real run, with its
 * threads, could have produced. With the same schedule and the same inputs a run is as reproducible
 * as under FIFO: a schedule draws its choices from its own seed.
 *
 * <ul>
 *   <li>{@code random}: each time more than one task is ready, one of them, uniformly.
 *   <li>{@code pct}: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi and
 *       Nagarakatte, ASPLOS 2010). Each actor gets a random priority when its first task appears;
 *       the ready task of the highest priority runs; at {@code depth − 1} steps drawn at random
 *       from the first {@code steps}, the actor that would run drops below every other. A bug that
 *       needs {@code d} orderings in a row is found by one run with probability at least {@code
 *       1/(n·k^(d−1))}, for {@code n} actors and {@code k} steps.
 *   <li>{@code choices}: at the i-th point where more than one task was ready, the task at index
 *       {@code choices[i]} among them (oldest first; an index past the end takes the last), then
 *       oldest first once the list is used up. Any schedule can be written this way ({@link
 *       VirtualTimeSystem#choicesMade()}); systematic exploration and the shrinker work on it.
 * </ul>
 *
 * <p>A finer grain helps exploration: a system created with {@link VirtualTime#oneMessagePerTurn()}
 * gives each actor's turn one message, so other actors can run between two messages of one mailbox,
 * as they can on a real dispatcher.
 *
 * @param seed where {@code random} and {@code pct} draw from
 * @param depth PCT's bug depth {@code d} (1 or more); 0 for the other strategies
 * @param steps over how many steps PCT spreads its {@code d − 1} priority changes
 */
public record Schedule(Strategy strategy, long seed, int depth, int steps, int[] choices) {

  /** The strategies a schedule can follow. */
  public enum Strategy {
    FIFO,
    RANDOM,
    PCT,
    CHOICES;

    /** The name on the command line and in traces: {@code fifo}, {@code random}, ... */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** PCT's default depth: three orderings in a row. */
  public static final int DEFAULT_DEPTH = 3;

  /** PCT's default span of steps when nothing better is known. */
  public static final int DEFAULT_STEPS = 10_000;

  /** Oldest ready task first: the order of every run that names no schedule. */
  public static final Schedule FIFO = new Schedule(Strategy.FIFO, 0, 0, 0, new int[0]);

  public Schedule {
    Objects.requireNonNull(strategy, "strategy");
    choices = choices == null ? new int[0] : choices.clone();
    if (strategy == Strategy.PCT && (depth < 1 || steps < 1))
      throw new IllegalArgumentException(
          "a PCT schedule needs a depth and a span of steps of at least 1, not depth "
              + depth
              + " over "
              + steps
              + " steps");
    for (int c : choices)
      if (c < 0) throw new IllegalArgumentException("a choice is an index, 0 or more, not " + c);
  }

  public static Schedule random(long seed) {
    return new Schedule(Strategy.RANDOM, seed, 0, 0, null);
  }

  public static Schedule pct(long seed, int depth, int steps) {
    return new Schedule(Strategy.PCT, seed, depth, steps, null);
  }

  public static Schedule ofChoices(int... choices) {
    return new Schedule(Strategy.CHOICES, 0, 0, 0, choices);
  }

  /**
   * The same strategy and parameters with another seed (FIFO and choices have none, and are
   * returned as they are).
   */
  public Schedule withSeed(long s) {
    return strategy == Strategy.RANDOM || strategy == Strategy.PCT
        ? new Schedule(strategy, s, depth, steps, choices)
        : this;
  }

  /** PCT over another span of steps (other strategies are returned as they are). */
  public Schedule withSteps(int s) {
    return strategy == Strategy.PCT ? pct(seed, depth, s) : this;
  }

  /** True for the default order, oldest first. */
  public boolean isFifo() {
    return strategy == Strategy.FIFO;
  }

  /**
   * Reads {@code fifo}, {@code random}, {@code pct} or {@code pct:DEPTH} (the command line's {@code
   * --schedule}); the seed and PCT's span come from the caller.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Schedule parse(String text, long seed, int steps) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("fifo")) return FIFO;
    if (t.equals("random")) return random(seed);
    if (t.equals("pct")) return pct(seed, DEFAULT_DEPTH, steps);
    if (t.startsWith("pct:")) {
      String d = t.substring(4);
      int depth;
      try {
        depth = Integer.parseInt(d);
      } catch (NumberFormatException e) {
        depth = 0;
      }
      if (depth < 1 || depth > 100)
        throw new IllegalArgumentException(
            "pct's depth is a whole number from 1 to 100, not '" + d + "' (e.g. pct:3)");
      return pct(seed, depth, steps);
    }
    throw new IllegalArgumentException(
        "unknown schedule '" + text + "': use fifo, random, pct or pct:DEPTH");
  }

  /** What a person reads: {@code fifo}, {@code random (seed 7)}, {@code pct:3 (seed 7)}, ... */
  public String describe() {
    return switch (strategy) {
      case FIFO -> "fifo";
      case RANDOM -> "random (seed " + seed + ")";
      case PCT -> "pct:" + depth + " (seed " + seed + ", over " + steps + " steps)";
      case CHOICES -> "choices " + Arrays.toString(choices);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schedule s
        && strategy == s.strategy
        && seed == s.seed
        && depth == s.depth
        && steps == s.steps
        && Arrays.equals(choices, s.choices);
  }

  @Override
  public int hashCode() {
    return Objects.hash(strategy, seed, depth, steps, Arrays.hashCode(choices));
  }

  @Override
  public String toString() {
    return describe();
  }

  @Override
  public int[] choices() {
    return choices.clone();
  }

  /** A fresh picker for one run of this schedule (null for FIFO: the queue's own order). */
  TaskPicker picker() {
    return switch (strategy) {
      case FIFO -> null;
      case RANDOM -> new TaskPicker.Random(seed);
      case PCT -> new TaskPicker.Pct(seed, depth, steps);
      case CHOICES -> new TaskPicker.Listed(choices);
    };
  }
}
