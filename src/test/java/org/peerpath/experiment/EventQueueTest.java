package org.peerpath.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  @Test
  void eventsRunInTimeOrderAndTiesInTheOrderTheyWereScheduled() {
    EventQueue events = new EventQueue();
    List<String> ran = new ArrayList<>();
    events.after(30, () -> ran.add("c@" + events.now()));
    events.after(10, () -> ran.add("a@" + events.now()));
    events.after(30, () -> ran.add("d@" + events.now()));
    events.after(10, () -> ran.add("b@" + events.now()));
    events.runUntil(100);
    assertEquals(List.of("a@10", "b@10", "c@30", "d@30"), ran);
  }

  @Test
  void runUntilLeavesWhatIsDueAtTheEndForLaterAndStopsTheClockThere() {
    EventQueue events = new EventQueue();
    List<Long> ran = new ArrayList<>();
    events.after(5, () -> events.after(5, () -> ran.add(events.now())));
    events.after(20, () -> ran.add(events.now()));
    events.runUntil(20);
    assertEquals(List.of(10L), ran, "an event scheduled by an event runs in the same call");
    assertEquals(20, events.now());
    events.runUntil(21);
    assertEquals(List.of(10L, 20L), ran);
    assertEquals(2 + 1, events.ran());
  }

  @Test
  void manyEventsInRandomOrderComeOutSorted() {
    EventQueue events = new EventQueue();
    Random random = new Random(7);
    List<Long> ran = new ArrayList<>();
    for (int i = 0; i < 5000; i++) events.after(random.nextInt(1000), () -> ran.add(events.now()));
    events.runUntil(1000);
    assertEquals(5000, ran.size());
    for (int i = 1; i < ran.size(); i++)
      assertEquals(true, ran.get(i - 1) <= ran.get(i), "at " + i);
  }

  @Test
  void aNegativeDelayIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EventQueue().after(-1, () -> {}));
  }
}
