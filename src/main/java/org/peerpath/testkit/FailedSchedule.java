package org.peerpath.testkit;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.peerpath.runtime.Choices;
import org.peerpath.runtime.Schedule;

/**
 * A schedule under which a test failed, with all it takes to run that order again: the schedule
 * itself (its strategy, seed and parameters) and the choices it made, either of which replays it.
 *
 * @param schedule the schedule the failing run was under
 * @param index which of the exploration's runs it was: 0 for the FIFO run, else 1 to {@code
 *     exploration.schedules()}
 * @param exploration the exploration it was part of; null for a run replayed on its own
 * @param choices what the schedule chose where more than one task was ready, up to the failure
 * @param failure what the test threw
 */
public record FailedSchedule(
    Schedule schedule, int index, Exploration exploration, Choices choices, Throwable failure) {

  /**
   * The schedule as a list of choices, which says the same order again whatever the strategy was.
   * Trailing zeros are left out: once the list is used up, the oldest ready task runs, which is
   * what a 0 chooses.
   */
  public Schedule replay() {
    return Schedule.ofChoices(trimmed(choices.chosen()));
  }

  /** The annotation that replays the failing run by its schedule's own parameters. */
  public String replayAnnotation() {
    return switch (schedule.strategy()) {
      case FIFO -> "@ReplaySchedule(strategy = Schedule.Strategy.FIFO)";
      case RANDOM ->
          "@ReplaySchedule(strategy = Schedule.Strategy.RANDOM, seed = " + schedule.seed() + ")";
      case PCT ->
          "@ReplaySchedule(strategy = Schedule.Strategy.PCT, seed = "
              + schedule.seed()
              + ", depth = "
              + schedule.depth()
              + ", steps = "
              + schedule.steps()
              + ")";
      case CHOICES -> annotationOf(trimmed(schedule.choices()));
    };
  }

  /** The annotation that replays the failing run choice by choice. */
  public String choicesAnnotation() {
    return annotationOf(trimmed(choices.chosen()));
  }

  private static String annotationOf(int[] choices) {
    return "@ReplaySchedule(choices = {"
        + Arrays.stream(choices).mapToObj(Integer::toString).collect(Collectors.joining(", "))
        + "})";
  }

  /**
   * What failed, under which schedule, and how to replay it: {@code failed under pct:3 (seed 12,
   * over 37 steps), schedule 12 of 200; replay it with @ReplaySchedule(strategy = PCT, ...)}.
   */
  public String describe() {
    StringBuilder s = new StringBuilder("failed under ").append(schedule.describe());
    if (exploration != null)
      s.append(
          index == 0
              ? ", the first run of the exploration"
              : exploration.depthFirst()
                  ? ", run "
                      + index
                      + " of a depth-first search of at most "
                      + exploration.schedules()
                  : ", schedule " + index + " of " + exploration.schedules());
    s.append(", after ").append(choices.points()).append(" choices; replay it with ");
    s.append(replayAnnotation());
    if (schedule.strategy() != Schedule.Strategy.CHOICES
        && schedule.strategy() != Schedule.Strategy.FIFO)
      s.append(" or, choice by choice, ").append(choicesAnnotation());
    return s.toString();
  }

  /**
   * The failure to report: {@link #describe()}, then what the test threw, which is its cause. An
   * opentest4j assertion keeps its expected and actual values, for an IDE's comparison; without
   * opentest4j on the class path, the failure is a plain {@link AssertionError}.
   */
  public AssertionError asError() {
    String message = describe() + "\n" + failure;
    if (isOpentest4jAssertion(failure)) return ExpectedAndActual.keeping(message, failure);
    return new AssertionError(message, failure);
  }

  /** True if {@code t} is an opentest4j assertion; told by name, so as not to load the class. */
  private static boolean isOpentest4jAssertion(Throwable t) {
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass())
      if (c.getName().equals("org.opentest4j.AssertionFailedError")) return true;
    return false;
  }

  /** {@code chosen} without its trailing zeros, which choose what FIFO would. */
  private static int[] trimmed(int[] chosen) {
    int n = chosen.length;
    while (n > 0 && chosen[n - 1] == 0) n--;
    return Arrays.copyOf(chosen, n);
  }
}
