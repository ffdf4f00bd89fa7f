package org.peerpath.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A binary min-heap of timers ordered by (deadline, sequence number), with both keys kept in arrays
 * of their own: a sift compares longs side by side instead of following a reference to each entry
 * and calling a comparator, which made {@code java.util.PriorityQueue} the largest single cost of a
 * simulated seed. Not thread-safe; {@link TimerQueue} guards it.
 */
final class TimerHeap {
  private TimerEntry[] entries = new TimerEntry[64];
  private long[] deadlines = new long[64];
  private long[] seqs = new long[64];
  private int size;

  int size() {
    return size;
  }

  /** The earliest entry, or null. */
  TimerEntry peek() {
    return size == 0 ? null : entries[0];
  }

  void add(TimerEntry e) {
    if (size == entries.length) {
      int n = size * 2;
      entries = Arrays.copyOf(entries, n);
      deadlines = Arrays.copyOf(deadlines, n);
      seqs = Arrays.copyOf(seqs, n);
    }
    siftUp(size++, e, e.deadline, e.seq);
  }

  /** Removes and returns the earliest entry, or null. */
  TimerEntry poll() {
    if (size == 0) return null;
    TimerEntry first = entries[0];
    int last = --size;
    TimerEntry moved = entries[last];
    long d = deadlines[last];
    long s = seqs[last];
    entries[last] = null;
    if (last > 0) siftDown(0, moved, d, s);
    return first;
  }

  /** Drops every entry {@code gone} accepts and restores the heap order. */
  void removeIf(Predicate<TimerEntry> gone) {
    List<TimerEntry> kept = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      if (!gone.test(entries[i])) kept.add(entries[i]);
    }
    clear();
    for (TimerEntry e : kept) add(e);
  }

  /** Every entry, in no particular order. */
  List<TimerEntry> entries() {
    return new ArrayList<>(Arrays.asList(entries).subList(0, size));
  }

  void clear() {
    Arrays.fill(entries, 0, size, null);
    size = 0;
  }

  private static boolean before(long d1, long s1, long d2, long s2) {
    return d1 != d2 ? d1 < d2 : s1 < s2;
  }

  private void siftUp(int at, TimerEntry e, long d, long s) {
    int i = at;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(d, s, deadlines[parent], seqs[parent])) break;
      place(i, entries[parent], deadlines[parent], seqs[parent]);
      i = parent;
    }
    place(i, e, d, s);
  }

  private void siftDown(int at, TimerEntry e, long d, long s) {
    int i = at;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(deadlines[right], seqs[right], deadlines[child], seqs[child]))
        child = right;
      if (!before(deadlines[child], seqs[child], d, s)) break;
      place(i, entries[child], deadlines[child], seqs[child]);
      i = child;
    }
    place(i, e, d, s);
  }

  private void place(int i, TimerEntry e, long d, long s) {
    entries[i] = e;
    deadlines[i] = d;
    seqs[i] = s;
  }
}
