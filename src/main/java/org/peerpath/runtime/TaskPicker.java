package org.peerpath.runtime;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.pekko.dispatch.Mailbox;

/**
 * Chooses which of the ready tasks runs next, for one run of a {@link Schedule}, and records every
 * choice it made where there was one to make, so that {@link Schedule#ofChoices} can say it again.
 * Only the driver calls it.
 */
abstract class TaskPicker {

  /** The index chosen at each choice point, and how many tasks were ready there. */
  private int[] chosen = new int[64];

  private int[] options = new int[64];
  private int points;

  /** Every task run so far under this picker, choice point or not. */
  private long steps;

  /**
   * The index, among the {@code n} ready tasks (oldest first), of the one to run; {@code n} is at
   * least 1.
   */
  final int pick(Runnable[] ready, int n) {
    steps++;
    if (n == 1) {
      single(ready[0], steps);
      return 0;
    }
    int i = choose(ready, n, steps);
    if (points == chosen.length) {
      chosen = Arrays.copyOf(chosen, points * 2);
      options = Arrays.copyOf(options, points * 2);
    }
    chosen[points] = i;
    options[points] = n;
    points++;
    return i;
  }

  /** The choice among {@code n ≥ 2} ready tasks at step {@code step} (counted from 1). */
  abstract int choose(Runnable[] ready, int n, long step);

  /** The only ready task runs, at step {@code step} (a strategy that tracks actors sees it). */
  void single(Runnable task, long step) {}

  /** Whether the run queue should tell {@link #ran} what each task touched. */
  boolean wantsFootprints() {
    return false;
  }

  /** The task last picked has run, and touched {@code footprint}. */
  void ran(Footprint footprint) {}

  Choices choicesMade() {
    return new Choices(Arrays.copyOf(chosen, points), Arrays.copyOf(options, points));
  }

  /**
   * The actor whose turn {@code task} is, or the task itself when it is no actor's (a callback, a
   * timer's task handed to a dispatcher): PCT ranks actors, not their single turns.
   */
  static Object chainOf(Runnable task) {
    if (task instanceof Mailbox m && m.actor() != null) return m.actor();
    return task;
  }

  /** Uniformly at random. */
  static final class Random extends TaskPicker {
    private final SplittableRandom random;

    Random(long seed) {
      random = new SplittableRandom(seed);
    }

    @Override
    int choose(Runnable[] ready, int n, long step) {
      return random.nextInt(n);
    }
  }

  /**
   * PCT: random priorities by actor, highest first, and {@code depth − 1} priority drops at random
   * steps among the first {@code span}.
   */
  static final class Pct extends TaskPicker {
    private final SplittableRandom random;

    /** Steps (from 1) at which the actor about to run drops, in order; index i drops it to i. */
    private final long[] changes;

    private final Map<Object, Long> priority = new IdentityHashMap<>();
    private final int depth;

    Pct(long seed, int depth, int span) {
      this.random = new SplittableRandom(seed);
      this.depth = depth;
      this.changes = new long[depth - 1];
      for (int i = 0; i < changes.length; i++) changes[i] = 1 + random.nextLong(span);
    }

    @Override
    void single(Runnable task, long step) {
      Object chain = chainOf(task);
      priorityOf(chain);
      for (int i = 0; i < changes.length; i++) if (changes[i] == step) priority.put(chain, i + 1L);
    }

    @Override
    int choose(Runnable[] ready, int n, long step) {
      int best = highest(ready, n);
      for (int i = 0; i < changes.length; i++) {
        if (changes[i] == step) {
          // Below every priority given at first sight (those are depth or more).
          priority.put(chainOf(ready[best]), (long) (i + 1));
          best = highest(ready, n);
        }
      }
      return best;
    }

    private int highest(Runnable[] ready, int n) {
      int best = 0;
      long top = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        long p = priorityOf(chainOf(ready[i]));
        if (p > top) {
          top = p;
          best = i;
        }
      }
      return best;
    }

    private long priorityOf(Object chain) {
      Long p = priority.get(chain);
      if (p == null) {
        p = depth + random.nextLong(Long.MAX_VALUE - depth);
        priority.put(chain, p);
      }
      return p;
    }
  }

  /** A list of choices said again, then oldest first. */
  static final class Listed extends TaskPicker {
    private final int[] choices;
    private int next;

    Listed(int[] choices) {
      this.choices = choices;
    }

    @Override
    int choose(Runnable[] ready, int n, long step) {
      int c = next < choices.length ? choices[next] : 0;
      next++;
      return Math.min(c, n - 1);
    }
  }
}
