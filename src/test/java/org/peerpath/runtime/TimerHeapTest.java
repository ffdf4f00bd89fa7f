package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The timer heap gives entries back in (deadline, sequence) order, checked against the JDK's
 * PriorityQueue.
 */
class TimerHeapTest {
  static final Comparator<TimerEntry> ORDER =
      Comparator.<TimerEntry>comparingLong(e -> e.deadline).thenComparingLong(e -> e.seq);

  static TimerEntry entry(long deadline, long seq) {
    TimerEntry e = new TimerEntry(null, () -> {}, null, TimerEntry.Repeat.ONCE, 0);
    e.deadline = deadline;
    e.seq = seq;
    return e;
  }

  @Test
  void pollsInDeadlineThenSequenceOrderUnderRandomAddsAndPolls() {
    Random r = new Random(42);
    for (int round = 0; round < 200; round++) {
      TimerHeap heap = new TimerHeap();
      PriorityQueue<TimerEntry> oracle = new PriorityQueue<>(ORDER);
      long seq = 0;
      for (int op = 0; op < 500; op++) {
        if (r.nextInt(3) > 0) {
          // Few distinct deadlines, so ties are common and the sequence number decides.
          TimerEntry e = entry(r.nextInt(20), seq++);
          heap.add(e);
          oracle.add(e);
        } else {
          assertEquals(oracle.poll(), heap.poll());
        }
        assertEquals(oracle.size(), heap.size());
        assertEquals(oracle.peek(), heap.peek());
      }
      while (!oracle.isEmpty()) assertEquals(oracle.poll(), heap.poll());
      assertNull(heap.poll());
    }
  }

  @Test
  void removeIfKeepsTheRestInOrder() {
    TimerHeap heap = new TimerHeap();
    List<TimerEntry> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      TimerEntry e = entry((i * 7919L) % 101, i);
      all.add(e);
      heap.add(e);
    }
    Set<TimerEntry> gone = Set.copyOf(all.subList(0, 150));
    heap.removeIf(gone::contains);
    List<TimerEntry> expected = new ArrayList<>(all.subList(150, 300));
    expected.sort(ORDER);
    List<TimerEntry> polled = new ArrayList<>();
    for (TimerEntry e = heap.poll(); e != null; e = heap.poll()) polled.add(e);
    assertEquals(expected, polled);
  }
}
