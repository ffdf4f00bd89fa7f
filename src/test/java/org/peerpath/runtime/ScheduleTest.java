package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * Schedules reorder the tasks ready at one instant, keep what Pekko guarantees (one sender's
 * messages to one receiver in order, timers at their time), and say the same order again.
 */
class ScheduleTest {

  private static final int SENDERS = 3;
  private static final int EACH = 4;

  /** A sender's step: it tells the collector {@code "name:i"}, then itself the next step. */
  private record Step(int i) {}

  /**
   * Three senders each send four numbered messages to one collector, one per turn, all at virtual
   * time 0; a timer message reaches the collector at 1 ms. Returns what the collector received, in
   * order, each with the virtual time it arrived at.
   */
  private static List<String> run(Schedule schedule, boolean finePerTurn) {
    return runRecording(schedule, finePerTurn, new Choices[1]);
  }

  /** An actor that adds each message it receives to {@code got}, with the virtual time it came. */
  private static Behavior<String> collector(ActorContext<?> ctx, List<String> got) {
    ModelClock clock = ModelClock.of(ctx.getSystem());
    return Behaviors.receiveMessage(
        m -> {
          got.add(m + "@" + clock.nanos());
          return Behaviors.same();
        });
  }

  /** As {@link #run}, and puts the choices the schedule made in {@code made[0]}. */
  private static List<String> runRecording(Schedule schedule, boolean finePerTurn, Choices[] made) {
    List<String> got = new ArrayList<>();
    Behavior<Void> guardian =
        Behaviors.setup(
            ctx -> {
              ActorRef<String> collector = ctx.spawn(collector(ctx, got), "collector");
              for (int s = 0; s < SENDERS; s++) {
                String name = "s" + s;
                ActorRef<Step> sender =
                    ctx.spawn(
                        Behaviors.<Step>receive(
                            (c, step) -> {
                              collector.tell(name + ":" + step.i());
                              if (step.i() + 1 < EACH) c.getSelf().tell(new Step(step.i() + 1));
                              return Behaviors.same();
                            }),
                        name);
                sender.tell(new Step(0));
              }
              ctx.scheduleOnce(Duration.ofMillis(1), collector, "timer");
              return Behaviors.empty();
            });
    var config = finePerTurn ? VirtualTime.oneMessagePerTurn() : ConfigFactory.empty();
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(guardian, "schedule", config)) {
      vts.schedule(schedule);
      vts.runFor(Duration.ofMillis(2));
      made[0] = vts.choicesMade();
    }
    return got;
  }

  private static void assertEachSendersOrderKept(List<String> got) {
    for (int s = 0; s < SENDERS; s++) {
      List<String> mine = new ArrayList<>();
      for (String m : got) if (m.startsWith("s" + s + ":")) mine.add(m);
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < EACH; i++) expected.add("s" + s + ":" + i + "@0");
      assertEquals(expected, mine, "sender s" + s + "'s messages in order, at 0, in " + got);
    }
    assertEquals("timer@1000000", got.get(got.size() - 1), "the timer at its time, last: " + got);
    assertEquals(SENDERS * EACH + 1, got.size(), got.toString());
  }

  @Test
  void fifoTakesTheOldestReadyTaskFirst() {
    List<String> got = run(Schedule.FIFO, true);
    assertEachSendersOrderKept(got);
    // Oldest first, one message a turn: the senders take turns.
    assertEquals(List.of("s0:0@0", "s1:0@0", "s2:0@0", "s0:1@0"), got.subList(0, 4));
  }

  @Test
  void randomSchedulesReorderTheSendersAndKeepEachSendersOrderAndTheTimersTime() {
    Set<List<String>> orders = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      List<String> got = run(Schedule.random(seed), true);
      assertEachSendersOrderKept(got);
      orders.add(got);
    }
    assertTrue(orders.size() >= 10, orders.size() + " distinct orders in 20 random schedules");
  }

  @Test
  void aScheduleSaysTheSameOrderAgainAndItsChoicesSayItToo() {
    Schedule pct = Schedule.pct(42, 3, 40);
    List<String> first = run(pct, true);
    assertEquals(first, run(pct, true));

    Choices[] made = new Choices[1];
    List<String> got = runRecording(Schedule.random(7), true, made);
    assertTrue(made[0].points() > 5, "choice points: " + made[0]);
    assertEquals(got, run(Schedule.ofChoices(made[0].chosen()), true));
    assertNotEquals(run(Schedule.FIFO, true), got, "seed 7 is not the FIFO order");
  }

  @Test
  void pctWithoutPriorityChangesRunsEachSenderToTheEndBeforeTheNext() {
    for (long seed = 1; seed <= 5; seed++) {
      List<String> got = run(Schedule.pct(seed, 1, 100), true);
      assertEachSendersOrderKept(got);
      for (int s = 0; s < SENDERS; s++) {
        int first = got.indexOf("s" + s + ":0@0");
        assertEquals(
            "s" + s + ":" + (EACH - 1) + "@0",
            got.get(first + EACH - 1),
            "sender s" + s + "'s messages back to back under pct:1, in " + got);
      }
    }
  }

  /**
   * Three timers due at one instant, each to an actor of its own that tells the collector its name
   * there: returns the order the collector heard them in.
   */
  private static List<String> timersAtOneInstant(Schedule schedule) {
    List<String> got = new ArrayList<>();
    Behavior<Void> guardian =
        Behaviors.setup(
            ctx -> {
              ActorRef<String> collector = ctx.spawn(collector(ctx, got), "collector");
              for (String name : List.of("a", "b", "c")) {
                ActorRef<String> relay =
                    ctx.spawn(
                        Behaviors.<String>receiveMessage(
                            m -> {
                              collector.tell(m);
                              return Behaviors.same();
                            }),
                        name);
                ctx.scheduleOnce(Duration.ofMillis(1), relay, name);
              }
              return Behaviors.empty();
            });
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(guardian, "timers", VirtualTime.oneMessagePerTurn())) {
      vts.schedule(schedule);
      vts.runFor(Duration.ofMillis(2));
    }
    return got;
  }

  @Test
  void timersDueAtOneInstantFireTogetherUnderASchedule() {
    assertEquals(List.of("a@1000000", "b@1000000", "c@1000000"), timersAtOneInstant(Schedule.FIFO));
    Set<List<String>> orders = new HashSet<>();
    for (long seed = 1; seed <= 12; seed++) {
      List<String> got = timersAtOneInstant(Schedule.random(seed));
      assertEquals(3, got.size(), got.toString());
      assertTrue(got.stream().allMatch(m -> m.endsWith("@1000000")), got.toString());
      orders.add(got);
    }
    assertTrue(orders.size() >= 3, "orders of three timers due at once: " + orders);
  }

  @Test
  void withManyMessagesPerTurnASchedulesOrdersWholeTurns() {
    for (long seed = 1; seed <= 5; seed++)
      assertEachSendersOrderKept(run(Schedule.random(seed), false));
  }

  @Test
  void theScheduleChangesOnlyBetweenDrivingCallsAndPctNeedsADepth() {
    assertThrows(IllegalArgumentException.class, () -> Schedule.pct(1, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> Schedule.parse("pct:x", 1, 10));
    assertThrows(IllegalArgumentException.class, () -> Schedule.parse("lifo", 1, 10));
    assertEquals(Schedule.pct(9, 2, 10), Schedule.parse("PCT:2", 9, 10));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            VirtualTime.create(
                Behaviors.empty(),
                "bad",
                ConfigFactory.parseString(VirtualTime.MESSAGES_PER_TURN + " = 0")));
    try (VirtualTimeSystem<Object> vts = VirtualTime.create(Behaviors.empty(), "guard")) {
      IllegalStateException[] thrown = new IllegalStateException[1];
      vts.inputAt(
          0,
          () -> {
            try {
              vts.schedule(Schedule.random(1));
            } catch (IllegalStateException e) {
              thrown[0] = e;
            }
          });
      vts.runFor(Duration.ZERO);
      assertTrue(thrown[0] != null, "refused while driving");
      assertEquals(Schedule.FIFO, vts.schedule());
    }
  }
}
