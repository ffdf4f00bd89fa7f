package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Times at the limits of a long: every sum of a time and a delay saturates at the end of virtual
 * time, a timer past it never fires (instead of firing early, or forever), and the driving methods
 * neither throw nor move the clock backwards however long they are asked to run.
 */
// A regression here loops forever on the driver: fail instead of waiting (the looping thread is
// left behind).
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EndOfTimeTest {
  private static final ExecutionContext PARASITIC = ExecutionContext.parasitic$.MODULE$;
  private final List<Long> fired = new ArrayList<>();

  /**
   * Records the time something fired, at most 100 times (a timer firing forever must not fill the
   * heap).
   */
  private void record(long t) {
    if (fired.size() < 100) fired.add(t);
  }

  @Test
  void aDelayPastTheEndOfVirtualTimeNeverFires() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "past-the-end")) {
      vts.runFor(Duration.ofNanos(5));
      vts.system()
          .scheduler()
          .scheduleOnce(Duration.ofNanos(Long.MAX_VALUE), () -> record(vts.now()), PARASITIC);
      vts.runFor(Duration.ofNanos(Long.MAX_VALUE));
      assertEquals(List.of(), fired);
      assertEquals(Long.MAX_VALUE, vts.now());
      assertEquals(1, vts.pendingTimers());
    }
  }

  @Test
  void aFixedRateTimerStopsAtTheEndOfVirtualTimeInsteadOfFiringThereForever() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "rate-at-the-end")) {
      vts.system()
          .scheduler()
          .scheduleAtFixedRate(
              Duration.ofNanos(Long.MAX_VALUE - 10),
              Duration.ofNanos(3),
              () -> record(Long.MAX_VALUE - vts.now()),
              PARASITIC);
      vts.runFor(Duration.ofNanos(Long.MAX_VALUE));
      assertEquals(List.of(10L, 7L, 4L, 1L), fired);
      assertEquals(Long.MAX_VALUE, vts.now());
    }
  }

  @Test
  void aFixedDelayTimerStopsAtTheEndOfVirtualTime() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "delay-at-the-end")) {
      vts.system()
          .scheduler()
          .scheduleWithFixedDelay(
              FiniteDuration.fromNanos(Long.MAX_VALUE - 5),
              FiniteDuration.fromNanos(Long.MAX_VALUE),
              () -> record(vts.now()),
              PARASITIC);
      vts.runFor(Duration.ofNanos(Long.MAX_VALUE));
      assertEquals(List.of(Long.MAX_VALUE - 5), fired);
    }
  }

  @Test
  void runForADurationBeyondALongOfNanosecondsEndsAtTheEndOfVirtualTime() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "run-for-ever")) {
      vts.system()
          .scheduler()
          .scheduleOnce(Duration.ofNanos(Long.MAX_VALUE - 1), () -> record(vts.now()), PARASITIC);
      vts.runFor(Duration.ofSeconds(Long.MAX_VALUE));
      assertEquals(List.of(Long.MAX_VALUE - 1), fired);
      assertEquals(Long.MAX_VALUE, vts.now());
      vts.runFor(Duration.ofDays(1)); // and from the end of time, nowhere further
      assertEquals(Long.MAX_VALUE, vts.now());
    }
  }

  @Test
  void runUntilWhoseLimitOverflowsEndsAtTheEndOfVirtualTime() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "until-the-end")) {
      vts.runFor(Duration.ofMillis(1));
      assertFalse(vts.runUntil(() -> false, Duration.ofNanos(Long.MAX_VALUE)));
      assertEquals(Long.MAX_VALUE, vts.now());
    }
  }

  @Test
  void drivingForANegativeDurationIsRefusedAndTheClockStays() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "negative")) {
      vts.runFor(Duration.ofMillis(3));
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> vts.runUntil(() -> false, Duration.ofNanos(-1)));
      assertTrue(e.getMessage().contains("negative duration"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> vts.runFor(Duration.ofNanos(Long.MIN_VALUE)));
      assertEquals(3_000_000L, vts.now());
      vts.runFor(Duration.ofMillis(1)); // and the system is still usable
      assertEquals(4_000_000L, vts.now());
    }
  }

  @Test
  void saturatedAddNeverWrapsAround() {
    assertEquals(Long.MAX_VALUE, VirtualTimeScheduler.saturatedAdd(Long.MAX_VALUE - 1, 2));
    assertEquals(Long.MAX_VALUE, VirtualTimeScheduler.saturatedAdd(Long.MAX_VALUE, Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE - 1, VirtualTimeScheduler.saturatedAdd(Long.MAX_VALUE - 3, 2));
  }
}
