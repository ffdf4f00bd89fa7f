package org.peerpath.experiment;

import java.util.Arrays;

/**
 * Virtual time in nanoseconds and the events due in it: the clock of the recovery-policy
 * experiment's discrete-event simulation. Events run in the order of their time, and events due at
 * the same nanosecond in the order they were scheduled (a sequence number breaks the tie), never in
 * hash or heap order, so a run is a function of its settings and its seed alone. A binary heap on
 * primitive keys: a run schedules some millions of events.
 */
final class EventQueue {
  private long[] at = new long[256];
  private long[] sequence = new long[256];
  private Runnable[] action = new Runnable[256];
  private int size;
  private long now;
  private long next;
  private long ran;

  /** The virtual time, in nanoseconds since the run began. */
  long now() {
    return now;
  }

  /** Events run so far. */
  long ran() {
    return ran;
  }

  /** Runs {@code what} {@code delay} nanoseconds from now (0: after what is due now). */
  void after(long delay, Runnable what) {
    if (delay < 0) throw new IllegalArgumentException("a negative delay: " + delay);
    if (size == at.length) {
      at = Arrays.copyOf(at, size * 2);
      sequence = Arrays.copyOf(sequence, size * 2);
      action = Arrays.copyOf(action, size * 2);
    }
    int i = size++;
    long t = now + delay;
    long s = next++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(t, s, at[parent], sequence[parent])) break;
      move(parent, i);
      i = parent;
    }
    at[i] = t;
    sequence[i] = s;
    action[i] = what;
  }

  /**
   * Runs every event due before {@code end}, in order, including those they schedule; the clock
   * then stands at {@code end}.
   */
  void runUntil(long end) {
    while (size > 0 && at[0] < end) {
      now = at[0];
      Runnable first = action[0];
      removeFirst();
      ran++;
      first.run();
    }
    now = Math.max(now, end);
  }

  private void removeFirst() {
    int last = --size;
    long t = at[last];
    long s = sequence[last];
    Runnable a = action[last];
    action[last] = null;
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size
          && before(at[child + 1], sequence[child + 1], at[child], sequence[child])) child++;
      if (!before(at[child], sequence[child], t, s)) break;
      move(child, i);
      i = child;
    }
    if (size > 0) {
      at[i] = t;
      sequence[i] = s;
      action[i] = a;
    }
  }

  private void move(int from, int to) {
    at[to] = at[from];
    sequence[to] = sequence[from];
    action[to] = action[from];
  }

  private static boolean before(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }
}
