package org.peerpath.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.peerpath.runtime.Choices;
import org.peerpath.runtime.Schedule;

/**
 * Exploration from code: which schedules it draws, what a failure reports, and that runs sharing
 * one actor system choose exactly as runs on new systems, which is what makes a report replayable.
 */
class ExplorationTest {

  @Test
  void schedulesComeFromConsecutiveSeedsAndPctSpansTheFifoRunsSteps() {
    Exploration pct = Exploration.pct(5).withSeed(10);
    assertEquals(Schedule.pct(10, 3, 40), pct.schedule(1, 40));
    assertEquals(Schedule.pct(14, 2, 40), pct.withDepth(2).schedule(5, 40));
    assertEquals(Schedule.pct(11, 3, 7), pct.withSteps(7).schedule(2, 40));
    assertEquals(Schedule.random(3), Exploration.random(5).withSeed(3).schedule(1, 40));
    assertThrows(IllegalArgumentException.class, () -> pct.schedule(6, 40));
  }

  @Test
  void anExplorationThatCouldNotRunIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new Exploration(Schedule.Strategy.FIFO, 10, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Exploration.pct(0));
    assertThrows(IllegalArgumentException.class, () -> Exploration.pct(5).withDepth(0));
    assertThrows(IllegalArgumentException.class, () -> Exploration.pct(5).withSteps(-1));
  }

  @Test
  void aTestThatFailsUnderFifoFailsInTheFirstRun() {
    FailedSchedule f = Exploration.pct(5).run("fifo", kit -> fail("always")).orElseThrow();
    assertEquals(0, f.index());
    assertEquals(Schedule.FIFO, f.schedule());
    assertEquals(
        "failed under fifo, the first run of the exploration, after 0 choices; replay it with"
            + " @ReplaySchedule(strategy = Schedule.Strategy.FIFO)",
        f.describe());
  }

  @Test
  void theReportedFailureKeepsTheExpectedAndActualValues() {
    var cause = new AssertionFailedError("differs", "a", "b");
    AssertionError reported =
        new FailedSchedule(
                Schedule.random(4),
                2,
                Exploration.random(9),
                new Choices(new int[] {1, 0, 2, 0, 0}, new int[] {2, 2, 3, 2, 2}),
                cause)
            .asError();
    assertTrue(
        reported
            .getMessage()
            .startsWith(
                "failed under random (seed 4), schedule 2 of 9, after 5 choices; replay it with @ReplaySchedule(strategy = Schedule.Strategy.RANDOM, seed = 4) or, choice by choice, @ReplaySchedule(choices = {1, 0, 2})\n"),
        reported.getMessage());
    var a = (AssertionFailedError) reported;
    assertEquals("a", a.getExpected().getValue());
    assertEquals("b", a.getActual().getValue());
    assertSame(cause, a.getCause());
  }

  @Test
  void aPassingExplorationRunsFifoTwiceThenEverySchedule() {
    List<Schedule> seen = new ArrayList<>();
    assertTrue(Exploration.random(4).run("count", kit -> seen.add(kit.schedule())).isEmpty());
    assertEquals(
        List.of(
            Schedule.FIFO,
            Schedule.FIFO,
            Schedule.random(1),
            Schedule.random(2),
            Schedule.random(3),
            Schedule.random(4)),
        seen);
  }

  @Test
  void aDepthFirstSearchFindsTheRaceAndNamesEveryChoiceItMade() {
    FailedSchedule f =
        Exploration.depthFirst(50).run("dfs", ExploreTest::aIsHeardBeforeB).orElseThrow();
    assertEquals(Schedule.Strategy.CHOICES, f.schedule().strategy());
    assertTrue(f.index() >= 1, f.describe());
    assertTrue(
        f.describe().contains(", run " + f.index() + " of a depth-first search of at most 50"),
        f.describe());
    assertEquals(f.choices().chosen().length, f.schedule().choices().length, "every choice");
    FailedSchedule again =
        Exploration.replay("again", f.replay(), ExploreTest::aIsHeardBeforeB).orElseThrow();
    assertEquals(f.failure().getMessage(), again.failure().getMessage());
  }

  @Test
  void aDepthFirstSearchRunsEveryOrderAndStops() {
    List<List<String>> heard = new ArrayList<>();
    Exploration dfs = Exploration.depthFirst(50);
    assertTrue(
        dfs.run(
                "dfs",
                kit -> {
                  RecordingProbe<String> probe = kit.probe(String.class, "heard");
                  kit.spawn(ExploreTest.relay(probe.ref()), "relay-a").tell("a");
                  kit.spawn(ExploreTest.relay(probe.ref()), "relay-b").tell("b");
                  kit.runUntilQuiescent();
                  heard.add(probe.messages());
                })
            .isEmpty());
    List<List<String>> searched = heard.subList(2, heard.size()); // after the two FIFO runs
    assertTrue(searched.size() < 50, "it stopped before its bound: " + searched.size() + " runs");
    assertEquals(
        Set.of(List.of("a", "b"), List.of("b", "a")),
        new HashSet<>(searched),
        "both orders the probe can hear");
    assertThrows(IllegalStateException.class, () -> dfs.schedule(1, 10));
  }

  /** A hop of the ring: pass the count on, one less, until it is 0. */
  record Hop(int left) {}

  static Behavior<Hop> node(String name, List<ActorRef<Hop>> ring, RecordingProbe<String> log) {
    return Behaviors.setup(
        ctx ->
            Behaviors.receiveMessage(
                h -> {
                  log.ref().tell(name + ":" + h.left());
                  if (h.left() > 0) {
                    ActorRef<Hop> next = ring.get((ring.indexOf(ctx.getSelf()) + 1) % ring.size());
                    if (h.left() % 3 == 0)
                      ctx.scheduleOnce(Duration.ofMillis(1), next, new Hop(h.left() - 1));
                    else next.tell(new Hop(h.left() - 1));
                  }
                  return Behaviors.same();
                }));
  }

  /** Three rings of three nodes, each passing a count of 6 round, some hops after a timer. */
  static void rings(VirtualTimeKit kit) {
    RecordingProbe<String> log = kit.probe(String.class, "log");
    for (int r = 0; r < 3; r++) {
      List<ActorRef<Hop>> ring = new ArrayList<>();
      for (int n = 0; n < 3; n++)
        ring.add(kit.spawn(node("r" + r + "n" + n, ring, log), "r" + r + "n" + n));
      ring.get(0).tell(new Hop(6));
    }
    kit.runFor(Duration.ofMillis(10));
  }

  @Test
  void runsOnASharedSystemChooseAsRunsOnNewSystems() {
    try (SharedSystem shared = new SharedSystem("shared")) {
      ActorSystem<Void> system = null;
      for (long seed = 1; seed <= 8; seed++) {
        Schedule s = seed % 2 == 0 ? Schedule.random(seed) : Schedule.pct(seed, 3, 40);
        Choices onShared;
        try (VirtualTimeKit kit = shared.kit(s)) {
          if (system == null) system = kit.system();
          assertSame(system, kit.system(), "every run on the one shared system: " + s);
          rings(kit);
          onShared = kit.choicesMade();
        }
        Choices onNew;
        try (VirtualTimeKit kit = VirtualTimeKit.create("new", s)) {
          rings(kit);
          onNew = kit.choicesMade();
        }
        assertTrue(onShared.points() > 10, onShared.toString());
        assertEquals(onNew, onShared, s.describe());
      }
    }
  }
}
