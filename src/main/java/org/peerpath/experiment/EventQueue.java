package org.peerpath.experiment;

import java.util.Arrays;

/**
 * Virtual time in nanoseconds and the events due in it: the clock of the recovery-policy
 * experiment's discrete-event simulation. Events run in the order of their time, and events due at
 * the same nanosecond in the order they were scheduled (a sequence number breaks the tie), never in
 * hash or heap order, so a run is a function of its settings and its seed alone.
 *
 * <p>A run schedules millions of events, so the heap holds primitive keys only: each event's action
 * stays in one slot from scheduling to running, and the heap moves the slot's number. Moving the
 * actions themselves cost a garbage collector's write barrier at every level of every sift.
 */
final class EventQueue {
  private long[] at = new long[256];
  private long[] sequence = new long[256];
  private int[] slot = new int[256];
  private Runnable[] actions = new Runnable[256];
  private int[] freeSlots = new int[256];
  private int free;
  private int size;
  private long now;
  private long next;
  private long ran;

  EventQueue() {
    for (int i = 0; i < freeSlots.length; i++) freeSlots[free++] = freeSlots.length - 1 - i;
  }

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
    if (size == at.length) grow();
    int s = freeSlots[--free];
    actions[s] = what;
    long t = now + delay;
    long q = next++;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(t, q, at[parent], sequence[parent])) break;
      move(parent, i);
      i = parent;
    }
    at[i] = t;
    sequence[i] = q;
    slot[i] = s;
  }

  /**
   * Runs every event due before {@code end}, in order, including those they schedule; the clock
   * then stands at {@code end}.
   */
  void runUntil(long end) {
    while (size > 0 && at[0] < end) {
      now = at[0];
      int s = slot[0];
      Runnable first = actions[s];
      actions[s] = null;
      freeSlots[free++] = s;
      removeFirst();
      ran++;
      first.run();
    }
    now = Math.max(now, end);
  }

  private void removeFirst() {
    int last = --size;
    long t = at[last];
    long q = sequence[last];
    int s = slot[last];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size
          && before(at[child + 1], sequence[child + 1], at[child], sequence[child])) child++;
      if (!before(at[child], sequence[child], t, q)) break;
      move(child, i);
      i = child;
    }
    if (size > 0) {
      at[i] = t;
      sequence[i] = q;
      slot[i] = s;
    }
  }

  private void grow() {
    int n = at.length;
    at = Arrays.copyOf(at, 2 * n);
    sequence = Arrays.copyOf(sequence, 2 * n);
    slot = Arrays.copyOf(slot, 2 * n);
    actions = Arrays.copyOf(actions, 2 * n);
    freeSlots = Arrays.copyOf(freeSlots, 2 * n);
    for (int s = 2 * n - 1; s >= n; s--) freeSlots[free++] = s;
  }

  private void move(int from, int to) {
    at[to] = at[from];
    sequence[to] = sequence[from];
    slot[to] = slot[from];
  }

  private static boolean before(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }
}
