package org.peerpath.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.peerpath.runtime.Schedule;

/**
 * What a user of {@code @Explore} sees, read from JUnit's own report of test classes run here
 * through the JUnit Platform: the FIFO run twice, then one run per schedule, up to the first that
 * fails, whose failure names its schedule and the choices that replay it.
 */
class ExploreTest {

  /** A word passed on to {@code to}, one per turn. */
  static Behavior<String> relay(ActorRef<String> to) {
    return Behaviors.receiveMessage(
        w -> {
          to.tell(w);
          return Behaviors.same();
        });
  }

  /**
   * Two relays each pass one word on to a probe; "a" was told first, but nothing makes it arrive
   * first: the two relays are ready at once, and FIFO is only one of the orders they may run in.
   */
  static void aIsHeardBeforeB(VirtualTimeKit kit) {
    RecordingProbe<String> heard = kit.probe(String.class, "heard");
    kit.spawn(relay(heard.ref()), "relay-a").tell("a");
    kit.spawn(relay(heard.ref()), "relay-b").tell("b");
    kit.runUntilQuiescent();
    assertEquals(List.of("a", "b"), heard.messages());
  }

  @Test
  void explorationStopsAtTheFirstFailingScheduleAndNamesItsReplay() {
    List<Finished> runs = launch(Race.class);
    Finished last = runs.get(runs.size() - 1);
    List<Finished> invocations = runs.subList(0, runs.size() - 1);
    assertEquals("aIsHeardBeforeB(VirtualTimeKit)", last.name(), "the template, last");
    assertEquals(TestExecutionResult.Status.SUCCESSFUL, last.status(), "its runs failed, not it");

    Finished failed = invocations.get(invocations.size() - 1);
    assertEquals(TestExecutionResult.Status.FAILED, failed.status(), runs.toString());
    assertTrue(
        invocations.subList(0, invocations.size() - 1).stream()
            .allMatch(r -> r.status() == TestExecutionResult.Status.SUCCESSFUL),
        "the runs before the failing one passed: " + runs);
    assertEquals("fifo", invocations.get(0).name());
    assertEquals("fifo again, on the same actor system", invocations.get(1).name());
    int schedule = invocations.size() - 2;
    assertEquals(
        Exploration.pct(50).run("race", ExploreTest::aIsHeardBeforeB).orElseThrow().index(),
        schedule,
        "the first failing schedule, as Exploration.run finds it");
    assertTrue(
        failed.name().startsWith("schedule " + schedule + " of 50: pct:3 (seed " + schedule + ","),
        failed.name());

    String message = failed.failure().getMessage();
    assertTrue(
        message.matches(
            "(?s)failed under pct:3 \\(seed "
                + schedule
                + ", over \\d+ steps\\), schedule "
                + schedule
                + " of 50, after \\d+ choices; .*"),
        message);
    assertTrue(message.contains("replay it with @ReplaySchedule(strategy = Schedule.Strategy.PCT"));
    String cause = failed.failure().getCause().getMessage();
    assertTrue(cause.startsWith("expected: <[a, b]> but was: <[b, a]>"), cause);

    // The choices the message names fail the same way.
    Matcher choices =
        Pattern.compile("@ReplaySchedule\\(choices = \\{([0-9, ]*)}\\)").matcher(message);
    assertTrue(choices.find(), message);
    int[] chosen =
        Arrays.stream(choices.group(1).split(", ")).mapToInt(Integer::parseInt).toArray();
    FailedSchedule replayed =
        Exploration.replay("replay", Schedule.ofChoices(chosen), ExploreTest::aIsHeardBeforeB)
            .orElseThrow(() -> new AssertionError("the replay passed: " + message));
    assertEquals(cause, replayed.failure().getMessage());
  }

  @Test
  void aTestThatPassesUnderEveryScheduleRunsThemAll() {
    List<Finished> runs = launch(InOrder.class);
    assertEquals(1 + 2 + 5, runs.size(), runs.toString());
    assertTrue(runs.stream().allMatch(r -> r.status() == TestExecutionResult.Status.SUCCESSFUL));
    assertEquals("schedule 5 of 5: random (seed 9)", runs.get(6).name());
  }

  @Test
  void anExploredTestWithoutAKitIsRefused() {
    List<Finished> runs = launch(NoKit.class);
    assertEquals(1, runs.size(), runs.toString());
    assertInstanceOf(ExtensionConfigurationException.class, runs.get(0).failure());
    assertTrue(runs.get(0).failure().getMessage().contains("takes a VirtualTimeKit parameter"));
  }

  @Test
  void aTestThatDoesNotRepeatItselfGetsANewSystemForEachSchedule() {
    Unrepeatable.systems.clear();
    List<Finished> runs = launch(Unrepeatable.class);
    assertTrue(runs.stream().allMatch(r -> r.status() == TestExecutionResult.Status.SUCCESSFUL));
    // The FIFO run spawned one actor: two steps, its start and its first turn.
    assertEquals(
        "schedule 1 of 3: pct:3 (seed 1, over 2 steps), on a new actor system", runs.get(2).name());
    List<ActorSystem<Void>> systems = Unrepeatable.systems;
    assertSame(systems.get(0), systems.get(1), "the FIFO run's repeat shares its system");
    Set<ActorSystem<Void>> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(systems);
    assertEquals(1 + 3, distinct.size(), "then each schedule has its own");
  }

  @Test
  void theKitIsClosedAfterTheTest() {
    Closing.system = null;
    List<Finished> runs = launch(Closing.class);
    assertEquals(TestExecutionResult.Status.SUCCESSFUL, runs.get(0).status(), runs.toString());
    assertTrue(Closing.system.whenTerminated().isCompleted(), "terminated");
  }

  @Test
  void aReplayedTestsFailureNamesItsSchedule() {
    List<Finished> runs = launch(FailsWhenReplayed.class);
    Throwable failure = runs.get(0).failure();
    assertEquals(
        "failed under choices [1, 1], after 0 choices; replay it with"
            + " @ReplaySchedule(choices = {1, 1})\norg.opentest4j.AssertionFailedError: planted",
        failure.getMessage());
    assertEquals("planted", failure.getCause().getMessage());
  }

  @Test
  void aBeforeEachGetsTheKitOfTheTestItRunsBefore() {
    SetUp.kits.clear();
    List<Finished> runs = launch(SetUp.class);
    assertEquals(1 + 2 + 2 + 1, runs.size(), runs.toString());
    assertTrue(
        runs.stream().allMatch(r -> r.status() == TestExecutionResult.Status.SUCCESSFUL),
        runs.stream().map(r -> r + " " + r.failure()).toList().toString());
    assertEquals(5, SetUp.kits.size(), "four explored runs and one plain test");
  }

  @Test
  void aBeforeAllThatAsksForAKitIsToldWhyItCannotHaveOne() {
    List<Finished> runs = launch(KitBeforeAll.class, true);
    Throwable failure = runs.get(runs.size() - 1).failure();
    assertInstanceOf(ParameterResolutionException.class, failure, runs.toString());
    assertTrue(failure.getMessage().contains("a kit belongs to one test"), failure.getMessage());
  }

  @Test
  void aReplayThatCannotRunIsRefusedBeforeItRuns() {
    List<Finished> runs = launch(BadReplays.class);
    assertEquals(3, runs.size(), runs.toString());
    for (Finished r : runs)
      assertInstanceOf(ExtensionConfigurationException.class, r.failure(), r.toString());
    assertEquals(
        List.of(
            "negativeChoice: a choice is an index, 0 or more, not -1",
            "noKit is replayed under a schedule of its actors' tasks: it takes a VirtualTimeKit"
                + " parameter, and runs its actors on it",
            "pctWithoutItsSpan: a replayed PCT schedule names its span of steps, as the failure"
                + " gave it (steps = ...)"),
        runs.stream().map(r -> r.failure().getMessage()).sorted().toList());
  }

  @Test
  void anAfterEachFailureNamesTheScheduleToo() {
    assertTheFirstRunFailedNamingFifo(FailsAfterEach.class, "checked after");
  }

  @Test
  void aBeforeEachFailureAfterItTookTheKitNamesTheScheduleToo() {
    assertTheFirstRunFailedNamingFifo(FailsBeforeEach.class, "checked before");
  }

  /** The first run of {@code test}, under fifo, failed with {@code cause}, naming its schedule. */
  private static void assertTheFirstRunFailedNamingFifo(Class<?> test, String cause) {
    List<Finished> runs = launch(test);
    Throwable failure = runs.get(0).failure();
    assertEquals("fifo", runs.get(0).name(), runs.toString());
    assertTrue(
        failure.getMessage().startsWith("failed under fifo, the first run of the exploration"),
        failure.getMessage());
    assertEquals(cause, failure.getCause().getMessage());
  }

  @Test
  void aDepthFirstSearchFindsTheRaceAndReportsEveryChoice() {
    List<Finished> runs = launch(RaceDepthFirst.class);
    Finished failed = runs.get(runs.size() - 2);
    assertEquals(TestExecutionResult.Status.FAILED, failed.status(), runs.toString());
    int run = runs.size() - 3;
    assertTrue(
        failed.name().startsWith("depth-first run " + run + " of at most 50: choices ["),
        failed.name());
    String message = failed.failure().getMessage();
    assertTrue(
        message.matches(
            "(?s)failed under choices \\[[0-9, ]+], run "
                + run
                + " of a depth-first search of at most 50, after \\d+ choices; replay it with"
                + " @ReplaySchedule\\(choices = \\{[0-9, ]+}\\)\n.*"),
        message);
    Matcher choices =
        Pattern.compile("@ReplaySchedule\\(choices = \\{([0-9, ]*)}\\)").matcher(message);
    assertTrue(choices.find(), message);
    int[] chosen =
        Arrays.stream(choices.group(1).split(", ")).mapToInt(Integer::parseInt).toArray();
    FailedSchedule replayed =
        Exploration.replay("replay", Schedule.ofChoices(chosen), ExploreTest::aIsHeardBeforeB)
            .orElseThrow(() -> new AssertionError("the replay passed: " + message));
    assertEquals(failed.failure().getCause().getMessage(), replayed.failure().getMessage());
  }

  @Test
  void aDepthFirstSearchThatHasRunEveryOrderSaysSoAndStops() {
    List<Finished> runs = launch(InOrderDepthFirst.class);
    Finished exhausted = runs.get(runs.size() - 2);
    assertTrue(runs.size() < 50, runs.toString());
    assertEquals(null, exhausted.status(), "skipped: " + runs);
    assertEquals(
        "depth-first search exhausted: every order ran, in " + (runs.size() - 4) + " runs",
        exhausted.name());
    assertTrue(
        runs.subList(0, runs.size() - 2).stream()
            .allMatch(r -> r.status() == TestExecutionResult.Status.SUCCESSFUL),
        runs.toString());
  }

  @Test
  void aDepthFirstRunThatAnAssumptionAbortsEndsTheSearchWithoutAFailure() {
    List<Finished> runs = launch(AbortedDepthFirst.class);
    assertTrue(
        runs.stream().noneMatch(r -> r.status() == TestExecutionResult.Status.FAILED),
        runs.toString());
    assertEquals(TestExecutionResult.Status.ABORTED, runs.get(runs.size() - 2).status(), "" + runs);
  }

  // ---- the test classes run above; they run only when launched from here ----

  @ExtendWith(LaunchedFromExploreTest.class)
  static class AbortedDepthFirst {
    private static final AtomicInteger runs = new AtomicInteger();

    /** The two fifo runs and the search's first pass; its second is aborted. */
    @Explore(depthFirst = true, schedules = 50)
    void abortedOnItsFourthRun(VirtualTimeKit kit) {
      org.junit.jupiter.api.Assumptions.assumeTrue(runs.incrementAndGet() != 4, "not this time");
      new InOrder().oneRelayKeepsTheOrder(kit);
    }
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class Race {
    @Explore(schedules = 50)
    void aIsHeardBeforeB(VirtualTimeKit kit) {
      ExploreTest.aIsHeardBeforeB(kit);
    }
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class InOrder {
    @Explore(strategy = Schedule.Strategy.RANDOM, schedules = 5, seed = 5)
    void oneRelayKeepsTheOrder(VirtualTimeKit kit) {
      RecordingProbe<String> heard = kit.probe(String.class);
      ActorRef<String> relay = kit.spawn(relay(heard.ref()), "relay");
      relay.tell("a");
      relay.tell("b");
      kit.runUntilQuiescent();
      assertEquals(List.of("a", "b"), heard.messages());
    }
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class SetUp {
    static final List<VirtualTimeKit> kits = new ArrayList<>();
    private VirtualTimeKit set;

    @BeforeEach
    void setUp(VirtualTimeKit kit) {
      set = kit;
      kits.add(kit);
    }

    @Explore(schedules = 2)
    void explored(VirtualTimeKit kit) {
      assertSame(set, kit, "the kit the @BeforeEach got");
    }

    @VirtualTimeTest
    void plain(VirtualTimeKit kit) {
      assertSame(set, kit, "the kit the @BeforeEach got");
    }
  }

  @ExtendWith({LaunchedFromExploreTest.class, VirtualTimeExtension.class})
  static class KitBeforeAll {
    @BeforeAll
    static void setUpAll(VirtualTimeKit kit) {}

    @Test
    void nothing() {}
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class BadReplays {
    @ReplaySchedule(strategy = Schedule.Strategy.PCT, seed = 3)
    void pctWithoutItsSpan() {}

    @ReplaySchedule(choices = {-1})
    void negativeChoice(VirtualTimeKit kit) {}

    @ReplaySchedule(choices = {1})
    void noKit() {}
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class FailsAfterEach {
    @AfterEach
    void check(VirtualTimeKit kit) {
      fail("checked after");
    }

    @Explore(schedules = 2)
    void passes(VirtualTimeKit kit) {}
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class FailsBeforeEach {
    @BeforeEach
    void check(VirtualTimeKit kit) {
      fail("checked before");
    }

    @Explore(schedules = 2)
    void passes(VirtualTimeKit kit) {}
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class RaceDepthFirst {
    @Explore(depthFirst = true, schedules = 50)
    void aIsHeardBeforeB(VirtualTimeKit kit) {
      ExploreTest.aIsHeardBeforeB(kit);
    }
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class InOrderDepthFirst {
    @Explore(depthFirst = true, schedules = 50)
    void oneRelayKeepsTheOrder(VirtualTimeKit kit) {
      new InOrder().oneRelayKeepsTheOrder(kit);
    }
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class NoKit {
    @Explore
    void explored() {}
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class Unrepeatable {
    static final List<ActorSystem<Void>> systems = new ArrayList<>();
    private static final AtomicInteger runs = new AtomicInteger();

    /** Each run spawns one actor more than the run before. */
    @Explore(schedules = 3)
    void spawnsMoreEachTime(VirtualTimeKit kit) {
      systems.add(kit.system());
      int actors = runs.incrementAndGet();
      for (int i = 0; i < actors; i++) kit.spawn(Behaviors.empty(), "idle-" + i);
      kit.runUntilQuiescent();
    }
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class Closing {
    static ActorSystem<Void> system;

    @VirtualTimeTest
    void keepsItsSystem(VirtualTimeKit kit) {
      system = kit.system();
    }
  }

  @ExtendWith(LaunchedFromExploreTest.class)
  static class FailsWhenReplayed {
    @ReplaySchedule(choices = {1, 1})
    void planted(VirtualTimeKit kit) {
      fail("planted");
    }
  }

  /** Runs the test classes above only when a test here launches them. */
  static final class LaunchedFromExploreTest implements ExecutionCondition {
    static final String KEY = "peerpath.testkit.launched-from-explore-test";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(KEY).isPresent()
          ? ConditionEvaluationResult.enabled("launched from ExploreTest")
          : ConditionEvaluationResult.disabled("run by ExploreTest, which checks how it fails");
    }
  }

  /** A test or test template that finished (status null: skipped), by its display name. */
  record Finished(String name, TestExecutionResult.Status status, Throwable failure) {
    @Override
    public String toString() {
      return name + ": " + status;
    }
  }

  /**
   * Runs the tests of {@code testClass}; returns the tests and templates that finished, in order.
   */
  static List<Finished> launch(Class<?> testClass) {
    return launch(testClass, false);
  }

  /** As {@link #launch(Class)}, with the test classes too if {@code classes}. */
  static List<Finished> launch(Class<?> testClass, boolean classes) {
    List<Finished> finished = new ArrayList<>();
    var request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(testClass))
            .configurationParameter(LaunchedFromExploreTest.KEY, "yes")
            .build();
    LauncherFactory.create()
        .execute(
            request,
            new TestExecutionListener() {
              @Override
              public void executionSkipped(TestIdentifier id, String reason) {
                if (id.getSource().isPresent() && id.getSource().get() instanceof MethodSource)
                  finished.add(new Finished(id.getDisplayName(), null, null));
              }

              @Override
              public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.getSource().isPresent()
                    && (id.getSource().get() instanceof MethodSource
                        || classes && id.getSource().get() instanceof ClassSource))
                  finished.add(
                      new Finished(
                          id.getDisplayName(),
                          result.getStatus(),
                          result.getThrowable().orElse(null)));
              }
            });
    return finished;
  }
}
