package org.peerpath.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The host's patience queue: sends run out in order, and answered ones do not pile up. */
class PatienceQueueTest {
  final PatienceQueue queue = new PatienceQueue();
  final Set<String> waiting = new HashSet<>();

  PatienceQueue.Send send(String id, long at) {
    waiting.add(id);
    return new PatienceQueue.Send(id, 1, 1, 0, at);
  }

  boolean add(PatienceQueue.Send s) {
    return queue.add(s, p -> waiting.contains(p.id()), waiting.size());
  }

  @Test
  void sendsRunOutInOrderAndTheTimerIsForTheHead() {
    assertTrue(add(send("a", 100)), "the first send sets the timer");
    assertTrue(!add(send("b", 150)), "a later one does not");
    assertEquals(100, queue.nextIn(0));
    List<String> due = new ArrayList<>();
    queue.takeDue(120, s -> due.add(s.id()));
    assertEquals(List.of("a"), due);
    assertEquals(30, queue.nextIn(120));
    queue.takeDue(150, s -> due.add(s.id()));
    assertEquals(List.of("a", "b"), due);
    assertEquals(-1, queue.nextIn(150));
  }

  @Test
  void answeredSendsBehindASlowOneAreSweptOut() {
    add(send("slow", 1_000_000));
    for (int i = 0; i < 10_000; i++) {
      String id = "c" + i;
      add(send(id, 1_000_000 + i));
      waiting.remove(id); // answered at once
      // At most two sends wait when one is added: the slow one and the new one.
      assertTrue(
          queue.size() <= 2 * 2 + PatienceQueue.SLACK + 1,
          queue.size() + " sends queued after " + (i + 1) + " answered");
    }
    List<String> due = new ArrayList<>();
    queue.takeDue(Long.MAX_VALUE, s -> due.add(s.id()));
    assertEquals("slow", due.get(0), "the slow send is still there, first");
  }
}
