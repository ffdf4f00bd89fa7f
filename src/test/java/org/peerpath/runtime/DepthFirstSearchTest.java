package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * Depth-first search with sleep sets reaches every outcome that the search without them reaches, in
 * fewer runs, and only skips orders of tasks that commute.
 */
class DepthFirstSearchTest {

  /** What one scenario's actors append to, in the order they do; only the driver writes it. */
  private record Scenario(Function<List<String>, Behavior<Void>> build) {}

  /** The outcomes of every run the search hands out, and how many runs it took. */
  /**
   * @param outcomes of the runs that went to their end without every ready task asleep
   * @param blocked the other runs: what they showed, a run before had shown
   */
  private record Explored(Set<String> outcomes, int runs, int blocked, boolean finished) {}

  private static Explored explore(DepthFirstSearch search, Scenario scenario) {
    return explore(search, scenario, run -> "scenario");
  }

  /** As above, the scenario's root actor named {@code name.apply(run)} in run {@code run}. */
  private static Explored explore(
      DepthFirstSearch search, Scenario scenario, java.util.function.IntFunction<String> name) {
    Set<String> outcomes = new TreeSet<>();
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.empty(), "dfs", VirtualTime.oneMessagePerTurn())) {
      vts.runUntilQuiescent(); // the system's own start, which no later run repeats
      vts.search(search);
      int runs = 0;
      for (Schedule s = search.next(); s != null; s = search.next()) {
        assertTrue(++runs < 200_000, "the search ends");
        int blockedBefore = search.blockedRuns();
        List<String> got = new ArrayList<>();
        vts.schedule(s);
        ActorRef<Void> root = vts.spawn(scenario.build().apply(got), name.apply(runs));
        vts.runUntilQuiescent();
        vts.stopChoosing();
        Adapter.toClassic(vts.system()).stop(Adapter.toClassic(root));
        vts.runUntilQuiescent();
        if (search.blockedRuns() == blockedBefore) outcomes.add(String.join(",", got));
      }
      System.out.println(runs + " runs, " + search.blockedRuns() + " blocked");
      return new Explored(outcomes, runs, search.blockedRuns(), search.finished());
    }
  }

  /** An actor that appends what it receives. */
  private static Behavior<String> log(List<String> got) {
    return Behaviors.receiveMessage(
        m -> {
          got.add(m);
          return Behaviors.same();
        });
  }

  /**
   * An actor that, told to go, sends {@code name + 1} .. {@code name + count} to {@code to}, one a
   * turn.
   */
  private static Behavior<Integer> writer(String name, int count, ActorRef<String> to) {
    return Behaviors.receive(
        (ctx, i) -> {
          to.tell(name + i);
          if (i < count) ctx.getSelf().tell(i + 1);
          return Behaviors.same();
        });
  }

  /**
   * Writer a sends two lines and b one to one log; writer c sends one to a log of its own, which
   * nobody reads: its turns commute with everything a and b do.
   */
  private static final Scenario TWO_WRITERS_AND_A_BYSTANDER =
      new Scenario(
          got ->
              Behaviors.setup(
                  ctx -> {
                    ActorRef<String> shared = ctx.spawn(log(got), "log");
                    ActorRef<String> own = ctx.spawn(log(new ArrayList<>()), "own-log");
                    ctx.spawn(writer("a", 2, shared), "a").tell(1);
                    ctx.spawn(writer("b", 1, shared), "b").tell(1);
                    ctx.spawn(writer("c", 1, own), "c").tell(1);
                    return Behaviors.empty();
                  }));

  @Test
  void withSleepSetsEveryOutcomeIsReachedInFewerRuns() {
    Explored all = explore(DepthFirstSearch.withoutReduction(), TWO_WRITERS_AND_A_BYSTANDER);
    Explored reduced = explore(new DepthFirstSearch(), TWO_WRITERS_AND_A_BYSTANDER);
    // The log sees b's line anywhere among a's two, which keep their order.
    Set<String> interleavings = Set.of("a1,a2,b1", "a1,b1,a2", "b1,a1,a2");
    assertEquals(interleavings, all.outcomes());
    assertEquals(interleavings, reduced.outcomes());
    assertTrue(all.finished() && reduced.finished());
    assertTrue(
        reduced.runs() * 10 < all.runs(),
        "sleep sets: " + reduced.runs() + " runs, without: " + all.runs());
    assertTrue(reduced.blocked() > 0, "some runs end where every ready task sleeps");
    assertEquals(0, all.blocked());
  }

  /** Two actors that each append their name to one list shared outside any message. */
  private static Scenario sharedList(boolean declared) {
    return new Scenario(
        got ->
            Behaviors.setup(
                ctx -> {
                  for (String name : List.of("x", "y"))
                    ctx.spawn(
                            Behaviors.<String>receiveMessage(
                                m -> {
                                  if (declared) SharedState.touched("list");
                                  got.add(name);
                                  return Behaviors.same();
                                }),
                            name)
                        .tell("go");
                  return Behaviors.empty();
                }));
  }

  @Test
  void stateSharedOutsideMessagesIsOrderedBothWaysOnlyWhenDeclared() {
    assertEquals(
        Set.of("x,y", "y,x"), explore(new DepthFirstSearch(), sharedList(true)).outcomes());
    // Undeclared, the two turns look independent (no common receiver): one order stands for both.
    assertEquals(1, explore(new DepthFirstSearch(), sharedList(false)).outcomes().size());
  }

  @Test
  void aRunThatDoesNotRepeatStopsTheSearch() {
    int[] run = {0};
    Scenario changing =
        new Scenario(
            got ->
                Behaviors.setup(
                    ctx -> {
                      // One more writer on every run: the choice points of one run are not the
                      // last one's.
                      ActorRef<String> shared = ctx.spawn(log(got), "log");
                      for (int w = 0; w <= run[0]; w++)
                        ctx.spawn(writer("w" + w, 1, shared), "w" + w).tell(1);
                      run[0]++;
                      return Behaviors.empty();
                    }));
    var e =
        assertThrows(IllegalStateException.class, () -> explore(new DepthFirstSearch(), changing));
    assertTrue(e.getMessage().contains("did not repeat"), e.getMessage());
  }

  @Test
  void aScenarioWhoseActorsAreNamedAnewEachRunStopsTheSearch() {
    // The search knows actors by their paths: with another name each run, an option put to sleep
    // in one run would never be woken in the next, and orders would be lost without a word.
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> explore(new DepthFirstSearch(), TWO_WRITERS_AND_A_BYSTANDER, run -> "s-" + run));
    assertTrue(e.getMessage().contains("name its actors alike"), e.getMessage());

    // Told how the names change, it reaches every outcome as with one name.
    Explored renamed =
        explore(
            new DepthFirstSearch().pathsAs(p -> p.replaceFirst("^/system/s-\\d+", "/system/s")),
            TWO_WRITERS_AND_A_BYSTANDER,
            run -> "s-" + run);
    assertEquals(explore(new DepthFirstSearch(), TWO_WRITERS_AND_A_BYSTANDER), renamed);
  }

  /**
   * A writer that, as it starts, subscribes to the event stream: Pekko then watches it from an
   * actor it numbers across all systems of the JVM ({@code eventStreamUnsubscriber-N}).
   */
  private static final Scenario A_SUBSCRIBER_AND_TWO_WRITERS =
      new Scenario(
          got ->
              Behaviors.setup(
                  ctx -> {
                    ActorRef<String> shared = ctx.spawn(log(got), "log");
                    ctx.getSystem()
                        .eventStream()
                        .tell(
                            new org.apache.pekko.actor.typed.eventstream.EventStream.Subscribe<>(
                                String.class, shared));
                    ctx.spawn(writer("a", 1, shared), "a").tell(1);
                    ctx.spawn(writer("b", 1, shared), "b").tell(1);
                    return Behaviors.empty();
                  }));

  /**
   * As {@link #explore}, each run on a system of its own, closed without a word to the search: its
   * stop must not count as choices, and Pekko's own numbered actors must not look like others.
   */
  private static Explored exploreOnNewSystems(DepthFirstSearch search, Scenario scenario) {
    Set<String> outcomes = new TreeSet<>();
    int runs = 0;
    for (Schedule s = search.next(); s != null; s = search.next()) {
      assertTrue(++runs < 10_000, "the search ends");
      int blockedBefore = search.blockedRuns();
      List<String> got = new ArrayList<>();
      try (VirtualTimeSystem<Void> vts =
          VirtualTime.create(Behaviors.empty(), "fresh", VirtualTime.oneMessagePerTurn())) {
        vts.runUntilQuiescent();
        vts.search(search);
        vts.schedule(s);
        vts.spawn(scenario.build().apply(got), "scenario");
        vts.runUntilQuiescent();
      }
      if (search.blockedRuns() == blockedBefore) outcomes.add(String.join(",", got));
    }
    return new Explored(outcomes, runs, search.blockedRuns(), search.finished());
  }

  @Test
  void aSearchRunsEachRunOnANewSystemToo() {
    Explored all =
        exploreOnNewSystems(DepthFirstSearch.withoutReduction(), A_SUBSCRIBER_AND_TWO_WRITERS);
    Explored reduced = exploreOnNewSystems(new DepthFirstSearch(), A_SUBSCRIBER_AND_TWO_WRITERS);
    assertEquals(Set.of("a1,b1", "b1,a1"), all.outcomes());
    assertEquals(all.outcomes(), reduced.outcomes());
    assertTrue(reduced.runs() < all.runs(), reduced.runs() + " runs against " + all.runs());
  }

  @Test
  void aRunWithFewerChoicesThanTheOneBeforeStopsTheSearch() {
    int[] run = {0};
    Scenario shrinking =
        new Scenario(
            got ->
                Behaviors.setup(
                    ctx -> {
                      ActorRef<String> shared = ctx.spawn(log(got), "log");
                      if (run[0]++ == 0)
                        for (int w = 0; w < 3; w++)
                          ctx.spawn(writer("w" + w, 1, shared), "w" + w).tell(1);
                      return Behaviors.empty();
                    }));
    var e =
        assertThrows(IllegalStateException.class, () -> explore(new DepthFirstSearch(), shrinking));
    assertTrue(e.getMessage().contains("choices, where the run before"), e.getMessage());
  }

  @Test
  void aSystemWithADispatcherThatDoesNotTellWhomItDeliversToIsRefused() {
    var config =
        com.typesafe.config.ConfigFactory.parseString(
                "pooled { type = BalancingDispatcher, executor = thread-pool-executor }")
            .withFallback(VirtualTime.oneMessagePerTurn());
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.empty(), "dfs", config)) {
      var e = assertThrows(IllegalStateException.class, () -> vts.search(new DepthFirstSearch()));
      assertTrue(e.getMessage().contains("pooled (type BalancingDispatcher)"), e.getMessage());
    }
  }

  @Test
  void theFirstScheduleIsOldestFirstAndAFinishedSearchHasNoMore() {
    DepthFirstSearch search = new DepthFirstSearch();
    assertEquals(Schedule.ofChoices(), search.next());
    // A run with no choice point at all: nothing to vary.
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.empty(), "dfs", VirtualTime.oneMessagePerTurn())) {
      vts.runUntilQuiescent();
      vts.search(search);
      vts.schedule(search.current());
      vts.runUntilQuiescent();
      vts.stopChoosing();
    }
    assertNull(search.next());
    assertTrue(search.finished());
    assertEquals(1, search.runs());
  }
}
