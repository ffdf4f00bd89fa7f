package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Timers fire at exact virtual instants, in a defined order, and only when they should. */
class TimerPrecisionTest {

  private final List<String> log = new ArrayList<>();

  /** An actor that records "time label" for every message it gets. */
  private Behavior<String> recorder(String name) {
    return Behaviors.setup(
        ctx -> {
          ModelClock clock = ModelClock.of(ctx.getSystem());
          return Behaviors.receiveMessage(
              m -> {
                log.add(clock.nanos() + " " + name + ":" + m);
                return Behaviors.same();
              });
        });
  }

  /** An actor that starts 1 ms timers (key = message) in setup and records each tick it gets. */
  private Behavior<String> ticker(List<String> timers) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                t -> {
                  ModelClock clock = ModelClock.of(ctx.getSystem());
                  for (String name : timers) {
                    t.startSingleTimer(name, Duration.ofMillis(1));
                  }
                  return Behaviors.receiveMessage(
                      m -> {
                        log.add(clock.nanos() + " " + m);
                        return Behaviors.same();
                      });
                }));
  }

  @Test
  void timerOf250MicrosFiresAtExactly250000Nanos() {
    List<Long> fired = new ArrayList<>();
    Behavior<String> guardian =
        Behaviors.setup(
            ctx ->
                Behaviors.withTimers(
                    t -> {
                      ModelClock clock = ModelClock.of(ctx.getSystem());
                      t.startSingleTimer("tick", Duration.ofNanos(250_000));
                      return Behaviors.receiveMessage(
                          m -> {
                            fired.add(clock.nanos());
                            return Behaviors.same();
                          });
                    }));
    try (VirtualTimeSystem<String> vts = VirtualTime.create(guardian, "t250")) {
      vts.runFor(Duration.ofMillis(1));
      assertEquals(List.of(250_000L), fired);
      assertEquals(1_000_000L, vts.now());
    }
  }

  @Test
  void timersWithTheSameDeadlineFireInStartOrder() {
    try (VirtualTimeSystem<String> vts =
        VirtualTime.create(ticker(List.of("c", "a", "b")), "ties")) {
      vts.runFor(Duration.ofMillis(2));
      assertEquals(List.of("1000000 c", "1000000 a", "1000000 b"), log);
    }
  }

  @Test
  void reactionsToOneTimerCompleteBeforeTheNextTimerAtTheSameInstant() {
    Behavior<String> guardian =
        Behaviors.setup(
            ctx -> {
              ActorRef<String> peer = ctx.spawn(recorder("peer"), "peer");
              return Behaviors.withTimers(
                  t -> {
                    t.startSingleTimer("first", "first", Duration.ofMillis(1));
                    t.startSingleTimer("second", "second", Duration.ofMillis(1));
                    return Behaviors.receiveMessage(
                        m -> {
                          log.add("tick " + m);
                          peer.tell("after-" + m);
                          return Behaviors.same();
                        });
                  });
            });
    try (VirtualTimeSystem<String> vts = VirtualTime.create(guardian, "one-at-a-time")) {
      vts.runFor(Duration.ofMillis(1));
      assertEquals(
          List.of(
              "tick first", "1000000 peer:after-first", "tick second", "1000000 peer:after-second"),
          log);
    }
  }

  @Test
  void timerStartedByATimerLandsRelativeToItsFiringTime() {
    Behavior<String> guardian =
        Behaviors.setup(
            ctx ->
                Behaviors.withTimers(
                    t -> {
                      ModelClock clock = ModelClock.of(ctx.getSystem());
                      t.startSingleTimer("first", Duration.ofMillis(1));
                      return Behaviors.receiveMessage(
                          m -> {
                            log.add(clock.nanos() + " " + m);
                            if (m.equals("first")) {
                              t.startSingleTimer("second", Duration.ofNanos(250_000));
                            }
                            return Behaviors.same();
                          });
                    }));
    try (VirtualTimeSystem<String> vts = VirtualTime.create(guardian, "chained")) {
      vts.runFor(Duration.ofMillis(5));
      assertEquals(List.of("1000000 first", "1250000 second"), log);
    }
  }

  @Test
  void cancelledTimersNeverFire() {
    Behavior<String> guardian =
        Behaviors.setup(
            ctx ->
                Behaviors.withTimers(
                    t -> {
                      ModelClock clock = ModelClock.of(ctx.getSystem());
                      t.startSingleTimer("doomed", Duration.ofMillis(1));
                      t.startSingleTimer("canceller", Duration.ofNanos(500_000));
                      return Behaviors.receiveMessage(
                          m -> {
                            log.add(clock.nanos() + " " + m);
                            if (m.equals("canceller")) {
                              t.cancel("doomed");
                            }
                            return Behaviors.same();
                          });
                    }));
    try (VirtualTimeSystem<String> vts = VirtualTime.create(guardian, "cancel")) {
      List<String> plain = new ArrayList<>();
      var cancellable =
          vts.system()
              .scheduler()
              .scheduleOnce(
                  Duration.ofMillis(2), () -> plain.add("ran"), vts.system().executionContext());
      assertTrue(cancellable.cancel());
      assertTrue(cancellable.isCancelled());
      assertFalse(cancellable.cancel());

      vts.runFor(Duration.ofMillis(10));
      assertEquals(List.of("500000 canceller"), log);
      assertEquals(List.of(), plain);
    }
  }

  @Test
  void periodicTimersFireAtEveryMultipleOfTheirInterval() {
    Behavior<String> guardian =
        Behaviors.setup(
            ctx ->
                Behaviors.withTimers(
                    t -> {
                      ModelClock clock = ModelClock.of(ctx.getSystem());
                      t.startTimerAtFixedRate("rate", Duration.ofMillis(1));
                      t.startTimerWithFixedDelay("delay", Duration.ofMillis(1));
                      return Behaviors.receiveMessage(
                          m -> {
                            log.add(clock.nanos() + " " + m);
                            return Behaviors.same();
                          });
                    }));
    try (VirtualTimeSystem<String> vts = VirtualTime.create(guardian, "periodic")) {
      vts.runFor(Duration.ofNanos(3_500_000));
      assertEquals(
          List.of(
              "1000000 rate", "1000000 delay",
              "2000000 rate", "2000000 delay",
              "3000000 rate", "3000000 delay"),
          log);
      assertEquals(3_500_000L, vts.now());
    }
  }
}
