package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** A minute of virtual time with 1 ms periodic ticks among a few actors completes. */
class LongRunTest {

  /** An actor ticking every millisecond; each tick is passed on to its neighbour. */
  private static Behavior<String> ticker(int id, List<ActorRef<String>> ring, long[] counts) {
    return Behaviors.withTimers(
        timers -> {
          timers.startTimerAtFixedRate("tick", "tick", Duration.ofMillis(1));
          return Behaviors.receiveMessage(
              m -> {
                counts[id]++;
                if (m.equals("tick")) {
                  ring.get((id + 1) % ring.size()).tell("pass");
                }
                return Behaviors.same();
              });
        });
  }

  @Test
  void oneMinuteOfMillisecondTicks() {
    int actors = 3;
    long[] counts = new long[actors];
    List<ActorRef<String>> ring = new ArrayList<>();
    Behavior<Void> guardian =
        Behaviors.setup(
            ctx -> {
              for (int i = 0; i < actors; i++) {
                ring.add(ctx.spawn(ticker(i, ring, counts), "ticker-" + i));
              }
              return Behaviors.empty();
            });
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(guardian, "minute")) {
      long wallStart = System.nanoTime();
      vts.runFor(Duration.ofSeconds(60));
      long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
      System.out.printf(
          "60 s virtual: %d timers, %d tasks, %d ms wall%n",
          vts.timersFired(), vts.tasksRun(), wallMillis);
      assertEquals(60_000_000_000L, vts.now());
      for (long c : counts) {
        assertEquals(2 * 60_000L, c); // 60,000 own ticks + 60,000 passed on
      }
    }
  }
}
