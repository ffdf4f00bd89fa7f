package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** runUntil stops when its condition holds, and at its virtual limit despite periodic timers. */
class RunUntilTest {

  private static Behavior<String> periodic(AtomicInteger ticks) {
    return Behaviors.withTimers(
        timers -> {
          timers.startTimerWithFixedDelay("tick", "tick", Duration.ofMillis(1));
          return Behaviors.receiveMessage(
              m -> {
                ticks.incrementAndGet();
                return Behaviors.same();
              });
        });
  }

  @Test
  void returnsFalseWhenTheLimitPassesWithPeriodicTimersActive() {
    AtomicInteger ticks = new AtomicInteger();
    try (VirtualTimeSystem<String> vts = VirtualTime.create(periodic(ticks), "until-false")) {
      assertFalse(vts.runUntil(() -> false, Duration.ofNanos(10_500_000)));
      assertEquals(10_500_000L, vts.now());
      assertEquals(10, ticks.get());
    }
  }

  @Test
  void returnsTrueAtTheInstantTheConditionHolds() {
    AtomicInteger ticks = new AtomicInteger();
    try (VirtualTimeSystem<String> vts = VirtualTime.create(periodic(ticks), "until-true")) {
      assertTrue(vts.runUntil(() -> ticks.get() >= 3, Duration.ofSeconds(1)));
      assertEquals(3_000_000L, vts.now());
    }
  }

  @Test
  void returnsFalseAtTheLimitWhenNothingIsScheduled() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "until-idle")) {
      assertFalse(vts.runUntil(() -> false, Duration.ofMillis(7)));
      assertEquals(7_000_000L, vts.now());
    }
  }
}
