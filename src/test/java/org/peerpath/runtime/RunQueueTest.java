package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run queue keeps the order tasks were appended in, whichever thread appended them. */
class RunQueueTest {

  private final RunQueue queue = new RunQueue();
  private final List<String> ran = new ArrayList<>();

  @Test
  void aTaskAppendedBeforeDrivingRunsBeforeWhatTheDriverAppendsOnEntering() {
    queue.append(() -> ran.add("appended before"));
    queue.driving(true);
    queue.append(() -> ran.add("appended while driving"));
    queue.drain();
    queue.driving(false);
    assertEquals(List.of("appended before", "appended while driving"), ran);
  }

  @Test
  void tasksOfAnotherThreadRunAfterTheDriversEarlierOnesAndBeforeItsLaterOnes()
      throws InterruptedException {
    queue.driving(true);
    queue.append(
        () -> {
          ran.add("first");
          Thread other = new Thread(() -> queue.append(() -> ran.add("from another thread")));
          other.start();
          join(other);
          queue.append(() -> ran.add("appended by the driver after that"));
        });
    queue.drain();
    queue.driving(false);
    assertEquals(List.of("first", "from another thread", "appended by the driver after that"), ran);
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
