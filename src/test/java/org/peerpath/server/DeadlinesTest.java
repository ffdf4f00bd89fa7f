package org.peerpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One timer serves every command's deadline: due in the order admitted, each at its own time. */
class DeadlinesTest {
  static final java.util.function.LongPredicate ALL_WAITING = tag -> true;

  @Test
  void deadlinesFallDueInTheOrderAdmittedEachAtItsOwnTime() {
    Deadlines d = new Deadlines(100);
    assertTrue(d.admit(1, 0, ALL_WAITING), "the first admitted needs the timer set");
    assertFalse(d.admit(2, 10, ALL_WAITING), "the timer is already set for an earlier deadline");
    assertFalse(d.admit(3, 10, ALL_WAITING));
    assertEquals(100, d.nextIn(0));
    List<Long> passed = new ArrayList<>();
    d.passDue(99, passed::add);
    assertEquals(List.of(), passed, "nothing is due a nanosecond early");
    d.passDue(100, passed::add);
    assertEquals(List.of(1L), passed);
    assertEquals(10, d.nextIn(100), "the next one falls due ten nanoseconds later");
    d.passDue(110, passed::add);
    assertEquals(List.of(1L, 2L, 3L), passed, "two due at one instant go in the order admitted");
    assertEquals(-1, d.nextIn(110), "none is left waiting");
    assertTrue(d.admit(4, 500, ALL_WAITING), "an empty queue needs the timer set again");
  }

  @Test
  void aDeadlineAtTheEndOfTimeDoesNotWrapAround() {
    Deadlines d = new Deadlines(Long.MAX_VALUE / 2);
    d.admit(1, Long.MAX_VALUE - 5, ALL_WAITING);
    List<Long> passed = new ArrayList<>();
    d.passDue(Long.MAX_VALUE - 1, passed::add);
    assertEquals(List.of(), passed, "a saturated deadline is not due before the end of time");
    assertEquals(4, d.nextIn(Long.MAX_VALUE - 4), "it falls due at the end of time");
  }

  @Test
  void commandsThatAnsweredLeaveFromTheFrontWhenTheNextIsAdmitted() {
    Deadlines d = new Deadlines(100);
    d.admit(1, 0, ALL_WAITING);
    d.admit(2, 0, ALL_WAITING);
    d.admit(3, 50, tag -> tag != 1);
    assertEquals(100, d.nextIn(0), "2 is the head now, due at 100");
    List<Long> passed = new ArrayList<>();
    d.passDue(150, passed::add);
    assertEquals(List.of(2L, 3L), passed, "1 answered and was dropped; it is never passed on");
  }
}
