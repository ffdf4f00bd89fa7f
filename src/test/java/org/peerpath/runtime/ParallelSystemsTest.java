package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Two virtual-time systems driven at once on two threads do not interfere. */
class ParallelSystemsTest {

  @Test
  void twoSystemsOnTwoThreads() throws Exception {
    List<String> referenceA = Chatter.run("ref-a", 3, Duration.ofMillis(40));
    List<String> referenceB = Chatter.run("ref-b", 5, Duration.ofMillis(70));

    List<String> logA = new ArrayList<>();
    List<String> logB = new ArrayList<>();
    // Created on this thread, driven on two others: a hand-over between calls is allowed.
    VirtualTimeSystem<Chatter.Msg> a = VirtualTime.create(Chatter.hub(3, logA), "par-a");
    VirtualTimeSystem<Chatter.Msg> b = VirtualTime.create(Chatter.hub(5, logB), "par-b");
    CyclicBarrier start = new CyclicBarrier(2);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread ta = driver(a, Duration.ofMillis(40), logA, start, failure);
    Thread tb = driver(b, Duration.ofMillis(70), logB, start, failure);
    ta.start();
    tb.start();
    ta.join();
    tb.join();

    assertNull(failure.get());
    assertEquals(referenceA, logA);
    assertEquals(referenceB, logB);
  }

  private static Thread driver(
      VirtualTimeSystem<Chatter.Msg> vts,
      Duration d,
      List<String> log,
      CyclicBarrier start,
      AtomicReference<Throwable> failure) {
    return new Thread(
        () -> {
          try {
            start.await();
            vts.runFor(d);
            log.add(Chatter.endLine(vts));
            vts.close();
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        },
        "driver-" + vts.system().name());
  }
}
