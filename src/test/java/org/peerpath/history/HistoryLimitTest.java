package org.peerpath.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A long real-time run keeps its history in bounds: beyond the limit the oldest events go, and are
 * counted; a limit of 0 keeps none.
 */
class HistoryLimitTest {

  @Test
  void beyondTheLimitTheOldestEventsAreDroppedAndCounted() {
    long[] clock = {0};
    var history = new History(() -> clock[0], 3);
    for (int i = 0; i < 5; i++) {
      clock[0] = i;
      history.record(history.event(HistoryEvent.Kind.SUBMITTED).id("c" + i));
    }
    assertEquals(
        List.of("c2", "c3", "c4"), history.events().stream().map(HistoryEvent::id).toList());
    assertEquals(2, history.dropped());
  }

  @Test
  void aLimitOfZeroKeepsNothing() {
    var history = new History(() -> 0L, 0);
    history.record(history.event(HistoryEvent.Kind.SUBMITTED).id("c0"));
    assertEquals(List.of(), history.events());
    assertEquals(0, history.dropped(), "nothing was kept, so nothing was dropped");
  }

  @Test
  void aHistoryNobodyKeepsOrHearsDoesNotEvenReadItsClock() {
    long[] reads = {0};
    var history =
        new History(
            () -> {
              reads[0]++;
              return 0L;
            },
            0);
    long atStart = reads[0];
    history.record(history.event(HistoryEvent.Kind.SUBMITTED).id("c0").attempt(1).offset(7));
    assertEquals(atStart, reads[0], "an event that goes nowhere needs no time stamp");
    assertEquals(false, history.recording());
  }

  @Test
  void aListenerAddedLaterHearsEveryFieldOfTheEventsAfterIt() {
    long[] clock = {0};
    var history = new History(() -> clock[0], 0);
    history.record(history.event(HistoryEvent.Kind.SUBMITTED).id("before"));
    List<HistoryEvent> heard = new java.util.ArrayList<>();
    history.listen(heard::add);
    clock[0] = 42;
    history.record(history.event(HistoryEvent.Kind.CSW).id("after").node("memory-1").offset(64));
    assertEquals(1, heard.size());
    HistoryEvent e = heard.get(0);
    assertEquals("after", e.id());
    assertEquals("memory-1", e.node());
    assertEquals(42L, e.atNanos());
    assertEquals(64L, e.offset());
  }
}
