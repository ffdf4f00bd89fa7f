package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * Inputs from outside the model ({@link VirtualTimeSystem#inputAt}) run at quiescence, one at a
 * time in the order given, also when they are due at once: what one sets off at its instant is done
 * before the next one runs, at time 0 as at any other time; and at one instant they come before the
 * model's own timers, however early those were scheduled.
 */
class InputAtTest {
  private final List<String> log = new ArrayList<>();

  /**
   * Logs each message, and passes it on {@code hops} more times through its own mailbox (zero
   * latency).
   */
  private Behavior<String> relay() {
    return Behaviors.receive(
        (ctx, m) -> {
          log.add(m);
          int hops = m.length() - m.replace("'", "").length();
          if (hops < 3) ctx.getSelf().tell(m + "'");
          return Behaviors.same();
        });
  }

  @Test
  void inputsDueNowRunOneAtATimeEachAfterWhatTheOneBeforeSetOff() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "inputs-now")) {
      ActorRef<String> relay = vts.spawn(relay(), "relay");
      vts.inputAt(0, () -> relay.tell("a"));
      vts.inputAt(0, () -> relay.tell("b"));
      vts.runUntilQuiescent();
      assertEquals(List.of(), log, "an input waits for the driver to reach its time");
      vts.runFor(Duration.ZERO);
      assertEquals(List.of("a", "a'", "a''", "a'''", "b", "b'", "b''", "b'''"), log);
      assertEquals(0, vts.now());
    }
  }

  @Test
  void inputsAtALaterInstantRunInTheOrderGivenBeforeTheTimersDueThen() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "inputs-later")) {
      ActorRef<String> relay = vts.spawn(relay(), "relay");
      vts.system()
          .scheduler()
          .scheduleOnce(
              Duration.ofMillis(2), () -> relay.tell("t"), vts.system().executionContext());
      vts.inputAt(2_000_000, () -> relay.tell("a"));
      vts.inputAt(1_000_000, () -> relay.tell("z"));
      vts.inputAt(2_000_000, () -> relay.tell("b"));
      vts.runFor(Duration.ofMillis(3));
      assertEquals(
          List.of(
              "z", "z'", "z''", "z'''", "a", "a'", "a''", "a'''", "b", "b'", "b''", "b'''", "t",
              "t'", "t''", "t'''"),
          log);
    }
  }

  @Test
  void anInputRunsOnlyAfterTheWorkAlreadyQueuedIsDone() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "inputs-after-startup")) {
      ActorRef<String> relay = vts.spawn(relay(), "relay");
      relay.tell("startup");
      vts.inputAt(0, () -> relay.tell("a"));
      vts.runFor(Duration.ZERO);
      assertEquals(
          List.of("startup", "startup'", "startup''", "startup'''", "a", "a'", "a''", "a'''"), log);
    }
  }

  @Test
  void anInputAtATimeThatHasPassedIsRefused() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "inputs-past")) {
      vts.runFor(Duration.ofMillis(1));
      var e =
          assertThrows(
              IllegalArgumentException.class, () -> vts.inputAt(999_999, () -> log.add("late")));
      assertEquals(
          "virtual time 999999 ns has already passed (the clock reads 1000000 ns)", e.getMessage());
      vts.inputAt(1_000_000, () -> log.add("now"));
      vts.runFor(Duration.ZERO);
      assertEquals(List.of("now"), log);
    }
  }
}
