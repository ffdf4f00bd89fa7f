package org.peerpath.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.VirtualTime;

/**
 * The kit and its probe: nothing arrives before the test drives, a probe that has nothing says so,
 * timers fire at their virtual time, and a kit that borrows an exploration's system stops its
 * actors and hands the system back as it found it.
 */
class VirtualTimeKitTest {

  /** Answers each text with itself, upper-cased, after {@code delay} of virtual time. */
  record Shout(String text, ActorRef<String> replyTo) {}

  static Behavior<Shout> echo(Duration delay) {
    return Behaviors.receive(
        (ctx, s) -> {
          if (delay.isZero()) s.replyTo().tell(s.text().toUpperCase());
          else ctx.scheduleOnce(delay, s.replyTo(), s.text().toUpperCase());
          return Behaviors.same();
        });
  }

  @VirtualTimeTest
  void aProbeHasWhatArrivedOnceTheKitIsDriven(VirtualTimeKit kit) {
    RecordingProbe<String> probe = kit.probe(String.class);
    ActorRef<Shout> echo = kit.spawn(echo(Duration.ZERO), "echo");
    echo.tell(new Shout("a", probe.ref()));
    echo.tell(new Shout("b", probe.ref()));

    AssertionError early = assertThrows(AssertionError.class, probe::expectNext);
    assertTrue(early.getMessage().contains("drive the system first"), early.getMessage());

    kit.runUntilQuiescent();
    assertEquals(List.of("A", "B"), probe.messages());
    probe.expectMessage("A");
    assertEquals("B", probe.expectMessageClass(String.class));
    probe.expectNoMessage();
    AssertionError late = assertThrows(AssertionError.class, probe::expectNext);
    assertTrue(late.getMessage().contains("no further String"), late.getMessage());
  }

  @VirtualTimeTest
  void timersFireAtTheirVirtualTimeAndNoSooner(VirtualTimeKit kit) {
    RecordingProbe<String> probe = kit.probe(String.class);
    kit.spawn(echo(Duration.ofHours(2)), "slow").tell(new Shout("late", probe.ref()));

    kit.runFor(Duration.ofHours(2).minusNanos(1));
    probe.expectNoMessage();
    kit.runFor(Duration.ofNanos(1));
    probe.expectMessage("LATE");
    assertEquals(Duration.ofHours(2), kit.now());
    assertEquals(1, kit.timersFired());
  }

  @VirtualTimeTest
  void runUntilStopsWhereTheConditionFirstHolds(VirtualTimeKit kit) {
    RecordingProbe<String> probe = kit.probe(String.class);
    ActorRef<Shout> echo = kit.spawn(echo(Duration.ofMillis(5)), "echo");
    echo.tell(new Shout("x", probe.ref()));
    assertTrue(kit.runUntil(() -> !probe.messages().isEmpty(), Duration.ofSeconds(1)));
    assertEquals(Duration.ofMillis(5), kit.now());
    assertFalse(kit.runUntil(() -> probe.messages().size() > 1, Duration.ofSeconds(1)));
    assertEquals(Duration.ofMillis(1005), kit.now());
  }

  @VirtualTimeTest
  void aPlainKitRunsOldestFirstWithTheRuntimesDefaults(VirtualTimeKit kit) {
    assertEquals(Schedule.FIFO, kit.schedule());
    assertTrue(kit.driver().messagesPerTurn() > 1, "many messages a turn by default");
    assertEquals(Duration.ZERO, kit.now());
  }

  @Test
  void aKitThatBorrowsASystemStopsItsActorsAndLeavesTheSystemAsItFoundIt() {
    try (SharedSystem shared = new SharedSystem("borrow")) {
      RecordingProbe<String> first;
      try (VirtualTimeKit kit = shared.kit(Schedule.random(3))) {
        first = kit.probe(String.class, "probe");
        kit.spawn(echo(Duration.ofMillis(1)), "echo").tell(new Shout("a", first.ref()));
        kit.runFor(Duration.ofMillis(2));
        first.expectMessage("A");
      }
      try (VirtualTimeKit kit = shared.kit(Schedule.FIFO)) {
        // The same names again: the first kit's actors have stopped.
        RecordingProbe<String> probe = kit.probe(String.class, "probe");
        kit.spawn(echo(Duration.ofMillis(1)), "echo").tell(new Shout("b", probe.ref()));
        assertEquals(Duration.ZERO, kit.now(), "a kit's time starts at its making");
        kit.runFor(Duration.ofMillis(2));
        probe.expectMessage("B");
        assertEquals(first.ref().path(), probe.ref().path(), "the name the first probe had");
        assertNotEquals(first.ref(), probe.ref(), "a new actor under it (another uid)");
        assertEquals(List.of("A"), first.messages(), "the first probe heard nothing more");
      }
    }
  }

  @Test
  void aSystemThatARunLeftATimerInIsNotReused() {
    try (SharedSystem shared = new SharedSystem("leak")) {
      Object first;
      try (VirtualTimeKit kit = shared.kit(Schedule.FIFO)) {
        first = kit.system();
        // A timer of the system's scheduler, not an actor's: stopping the actors leaves it.
        kit.system()
            .scheduler()
            .scheduleOnce(Duration.ofHours(1), () -> {}, kit.system().executionContext());
      }
      Object second;
      try (VirtualTimeKit kit = shared.kit(Schedule.FIFO)) {
        second = kit.system();
      }
      assertNotSame(first, second);
      try (VirtualTimeKit kit = shared.kit(Schedule.FIFO)) {
        assertSame(second, kit.system(), "a run that left nothing behind hands its system on");
      }
    }
  }

  /** Tells itself a message for each it gets: it never lets the clock move. */
  static Behavior<String> restless() {
    return Behaviors.receive(
        (ctx, m) -> {
          ctx.getSelf().tell(m);
          return Behaviors.same();
        });
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // unbounded, it would hang
  void anActorThatKeepsTellingItselfFailsTheDrivingCallInsteadOfHanging() {
    try (VirtualTimeKit kit = VirtualTimeKit.create("restless", Schedule.FIFO)) {
      assertEquals(
          VirtualTimeKit.MAX_TASKS_PER_INSTANT,
          kit.system().settings().config().getLong(VirtualTime.MAX_TASKS_PER_INSTANT));
      kit.spawn(restless(), "restless").tell("again");
      IllegalStateException runaway =
          assertThrows(IllegalStateException.class, kit::runUntilQuiescent);
      assertTrue(
          runaway.getMessage().contains("tasks ran at one instant of virtual time"),
          runaway.getMessage());
      assertTrue(runaway.getMessage().contains("restless"), runaway.getMessage());
    }
    try (VirtualTimeKit kit = VirtualTimeKit.create("bounded")) {
      assertEquals(
          VirtualTimeKit.MAX_TASKS_PER_INSTANT,
          kit.system().settings().config().getLong(VirtualTime.MAX_TASKS_PER_INSTANT),
          "a plain kit is bounded too");
    }
  }

  @VirtualTimeTest
  void aProbeOfATypeWhoseNameNoActorCanHaveIsNamedAfterItAnyway(VirtualTimeKit kit) {
    RecordingProbe<byte[]> bytes = kit.probe(byte[].class);
    RecordingProbe<String[]> strings = kit.probe(String[].class);
    assertEquals("probe-1-byte--", bytes.ref().path().name());
    assertEquals("probe-2-String--", strings.ref().path().name());
    bytes.ref().tell(new byte[] {7});
    kit.runUntilQuiescent();
    assertEquals(7, bytes.expectNext()[0]);
  }

  @Test
  void aSystemNameIsMadeOfWhatPekkoAccepts() {
    assertEquals("run-3-x", VirtualTimeKit.systemName("run 3.x"));
    assertEquals("kit-_a", VirtualTimeKit.systemName("_a"));
    assertEquals("kit-", VirtualTimeKit.systemName(""));
    assertEquals("3a", VirtualTimeKit.systemName("3a"));
  }
}
