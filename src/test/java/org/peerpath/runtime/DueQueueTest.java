package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One timer serves every item: due in the order added, each at its own time, and items that stopped
 * waiting neither come due nor pile up.
 */
class DueQueueTest {
  final Set<Long> waiting = new HashSet<>();
  final DueQueue<Long> queue = new DueQueue<>(waiting::contains);

  boolean add(long item, long at) {
    waiting.add(item);
    return queue.add(item, at, waiting.size());
  }

  @Test
  void itemsFallDueInTheOrderAddedEachAtItsOwnTime() {
    assertTrue(add(1, 100), "the first added needs the timer set");
    assertFalse(add(2, 110), "the timer is already set for an earlier item");
    assertFalse(add(3, 110));
    assertEquals(100, queue.nextIn(0));
    List<Long> due = new ArrayList<>();
    queue.takeDue(99, due::add);
    assertEquals(List.of(), due, "nothing is due a nanosecond early");
    queue.takeDue(100, due::add);
    assertEquals(List.of(1L), due);
    assertEquals(10, queue.nextIn(100), "the next one falls due ten nanoseconds later");
    queue.takeDue(110, due::add);
    assertEquals(List.of(1L, 2L, 3L), due, "two due at one instant go in the order added");
    assertEquals(-1, queue.nextIn(110), "none is left");
    assertTrue(add(4, 600), "an empty queue needs the timer set again");
  }

  @Test
  void anItemAtTheEndOfTimeFallsDueThere() {
    add(1, Long.MAX_VALUE);
    List<Long> due = new ArrayList<>();
    queue.takeDue(Long.MAX_VALUE - 1, due::add);
    assertEquals(List.of(), due, "not due before the end of time");
    assertEquals(4, queue.nextIn(Long.MAX_VALUE - 4));
  }

  @Test
  void itemsThatStoppedWaitingAreNeverHandedOn() {
    add(1, 100);
    add(2, 100);
    waiting.remove(1L);
    assertTrue(!add(3, 150));
    assertEquals(100, queue.nextIn(0), "1 left from the front; 2 is the head, due at 100");
    waiting.remove(3L);
    List<Long> due = new ArrayList<>();
    queue.takeDue(150, due::add);
    assertEquals(List.of(2L), due, "3 stopped waiting at the back: it is passed over");
  }

  @Test
  void itemsThatStoppedWaitingBehindASlowOneAreSweptOut() {
    add(0, 1_000_000);
    for (long i = 1; i <= 10_000; i++) {
      add(i, 1_000_000 + i);
      waiting.remove(i); // answered at once
      // At most two wait when one is added: the slow one and the new one.
      assertTrue(
          queue.size() <= 2 * 2 + DueQueue.SLACK + 1,
          queue.size() + " items held after " + i + " stopped waiting");
    }
    List<Long> due = new ArrayList<>();
    queue.takeDue(Long.MAX_VALUE, due::add);
    assertEquals(List.of(0L), due, "the slow one is still there");
  }
}
