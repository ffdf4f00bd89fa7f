package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** The scheduler keeps Pekko's Scheduler contract on virtual time. */
class SchedulerContractTest {

  private final List<Long> fired = new ArrayList<>();

  @Test
  void fixedRateThroughTheSchedulerApiIsExactAndCancellable() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "rate")) {
      Cancellable c =
          vts.system()
              .scheduler()
              .scheduleAtFixedRate(
                  Duration.ofNanos(300),
                  Duration.ofNanos(1000),
                  () -> fired.add(vts.now()),
                  vts.system().executionContext());
      vts.runFor(Duration.ofNanos(3_500));
      assertEquals(List.of(300L, 1_300L, 2_300L, 3_300L), fired);
      assertTrue(c.cancel());
      vts.runFor(Duration.ofMillis(1));
      assertEquals(4, fired.size());
    }
  }

  @Test
  void aParasiticTimerTaskThatThrowsAnErrorIsReportedAndTheDriverGoesOn() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "throws")) {
      var parasitic = scala.concurrent.ExecutionContext.parasitic$.MODULE$;
      vts.system()
          .scheduler()
          .scheduleOnce(
              Duration.ofNanos(100),
              () -> {
                throw new AssertionError("a failing timer task");
              },
              parasitic);
      vts.system()
          .scheduler()
          .scheduleOnce(Duration.ofNanos(200), () -> fired.add(vts.now()), parasitic);
      vts.runFor(Duration.ofNanos(1_000));
      assertEquals(List.of(200L), fired);
      assertEquals(1_000L, vts.now());
    }
  }

  @Test
  void zeroDelayRunsAtOnceWithoutMovingTheClock() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "zero")) {
      vts.runFor(Duration.ofNanos(42));
      long timersBefore = vts.timersFired();
      Cancellable c =
          vts.system()
              .scheduler()
              .scheduleOnce(
                  Duration.ZERO, () -> fired.add(vts.now()), vts.system().executionContext());
      assertFalse(c.cancel()); // already handed over
      vts.runUntilQuiescent();
      assertEquals(List.of(42L), fired);
      assertEquals(timersBefore, vts.timersFired());
    }
  }

  @Test
  void periodicTimerWithZeroInitialDelayStartsNow() {
    Behavior<String> guardian =
        Behaviors.setup(
            ctx ->
                Behaviors.withTimers(
                    t -> {
                      ModelClock clock = ModelClock.of(ctx.getSystem());
                      t.startTimerAtFixedRate("k", "tick", Duration.ZERO, Duration.ofMillis(1));
                      return Behaviors.receiveMessage(
                          m -> {
                            fired.add(clock.nanos());
                            return Behaviors.same();
                          });
                    }));
    try (VirtualTimeSystem<String> vts = VirtualTime.create(guardian, "zero-initial")) {
      vts.runFor(Duration.ofMillis(2));
      assertEquals(List.of(0L, 1_000_000L, 2_000_000L), fired);
    }
  }

  @Test
  void nonPositivePeriodIsRejected() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "bad-period")) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              vts.system()
                  .scheduler()
                  .scheduleWithFixedDelay(
                      Duration.ofMillis(1),
                      Duration.ZERO,
                      () -> {},
                      vts.system().executionContext()));
    }
  }

  @Test
  void closeRunsTaskRunOnCloseAndThenRefusesToSchedule() {
    VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "closing");
    org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(vts.system());
    List<String> ran = new ArrayList<>();
    classic
        .scheduler()
        .scheduleOnce(
            Duration.ofHours(1),
            (Scheduler.TaskRunOnClose) () -> ran.add("on-close"),
            classic.dispatcher());
    classic
        .scheduler()
        .scheduleOnce(Duration.ofHours(1), () -> ran.add("plain"), classic.dispatcher());
    vts.close();
    assertEquals(List.of("on-close"), ran);
    assertThrows(
        IllegalStateException.class,
        () ->
            classic.scheduler().scheduleOnce(Duration.ofMillis(1), () -> {}, classic.dispatcher()));
  }

  @Test
  void modelClockOfAnOrdinarySystemIsRealTime() throws Exception {
    ActorSystem<Void> real = ActorSystem.create(Behaviors.<Void>empty(), "real-time");
    try {
      assertFalse(VirtualTimeSystem.isVirtual(real));
      assertThrows(IllegalArgumentException.class, () -> VirtualTimeSystem.of(real));
      ModelClock clock = ModelClock.of(real);
      long first = clock.nanos();
      assertTrue(first >= 0);
      assertTrue(clock.nanos() >= first);
      assertTrue(ModelClock.of(real) == clock, "one clock per system");
    } finally {
      real.terminate();
      real.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
