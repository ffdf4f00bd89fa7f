package org.peerpath.runtime;

import java.util.Comparator;
import java.util.List;

/**
 * The pending timers of one system, ordered by (deadline, sequence number): equal deadlines fire in
 * the order they were scheduled, except that inputs from outside the model ({@link #addInput}) fire
 * before every other timer due at the same instant.
 *
 * <p>Thread-safe (synchronized), because timers may be scheduled or cancelled from any thread.
 * Cancelled entries are dropped lazily when they reach the head, and the heap is compacted when
 * they pile up (actors that keep restarting a timeout cancel a timer per message).
 *
 * <p>A timer at {@link #NEVER} stays pending and never fires: its deadline is past the clock's
 * range.
 */
final class TimerQueue {

  /** The deadline of a timer whose delay reaches past the end of virtual time (a saturated sum). */
  static final long NEVER = Long.MAX_VALUE;

  private static final Comparator<TimerEntry> ORDER =
      (a, b) ->
          a.deadline != b.deadline
              ? Long.compare(a.deadline, b.deadline)
              : Long.compare(a.seq, b.seq);

  private final TimerHeap heap = new TimerHeap();
  private long nextSeq;

  /**
   * Inputs are numbered below every other timer, so that at one instant they fire first, in their
   * order.
   */
  private long nextInputSeq = Long.MIN_VALUE;

  private int cancelledSinceCompaction;
  private boolean closed;

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("virtual-time scheduler is closed");
    }
  }

  /** Gives a timer that is due at once its deadline without queueing it (it fires right away). */
  synchronized void stampDue(TimerEntry entry, long now) {
    checkOpen();
    entry.deadline = now;
    entry.seq = nextSeq++;
  }

  synchronized void add(TimerEntry entry, long deadline) {
    checkOpen();
    entry.deadline = deadline;
    entry.seq = nextSeq++;
    heap.add(entry);
  }

  /**
   * Adds an input from outside the model: at its deadline it fires before the other timers due
   * then.
   */
  synchronized void addInput(TimerEntry entry, long deadline) {
    checkOpen();
    entry.deadline = deadline;
    entry.seq = nextInputSeq++;
    heap.add(entry);
  }

  /**
   * Schedules the next run of a repeating timer that has just run: a fixed rate counts from the
   * previous deadline, a fixed delay from now. Returns false once the queue is closed.
   */
  synchronized boolean rearm(TimerEntry entry, long now) {
    if (closed) {
      return false;
    }
    long from = entry.repeat == TimerEntry.Repeat.FIXED_RATE ? entry.deadline : now;
    add(entry, VirtualTimeScheduler.saturatedAdd(from, entry.periodNanos));
    return true;
  }

  /**
   * Removes and returns the earliest live timer if its deadline is at most {@code limit} (and not
   * {@link #NEVER}).
   */
  synchronized TimerEntry pollDue(long limit) {
    TimerEntry head = heap.peek();
    while (head != null && head.isCancelled()) {
      heap.poll();
      head = heap.peek();
    }
    return head != null && head.deadline <= limit && head.deadline != NEVER ? heap.poll() : null;
  }

  /** Whether {@code entry} came from {@link #addInput} (inputs are numbered below the others). */
  static boolean isInput(TimerEntry entry) {
    return entry.seq < 0;
  }

  synchronized void noteCancelled() {
    cancelledSinceCompaction++;
    if (cancelledSinceCompaction > 64 && cancelledSinceCompaction > heap.size() / 2) {
      heap.removeIf(TimerEntry::isCancelled);
      cancelledSinceCompaction = 0;
    }
  }

  synchronized int live() {
    int n = 0;
    for (TimerEntry e : heap.entries()) {
      if (!e.isCancelled()) {
        n++;
      }
    }
    return n;
  }

  /** Refuses further timers and returns the pending ones in firing order. */
  synchronized List<TimerEntry> close() {
    closed = true;
    List<TimerEntry> pending = heap.entries();
    pending.sort(ORDER);
    heap.clear();
    return pending;
  }
}
