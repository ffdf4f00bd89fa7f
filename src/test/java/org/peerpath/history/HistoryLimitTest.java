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
}
