package org.peerpath.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.TestAbortedException;
import org.peerpath.runtime.DepthFirstSearch;
import org.peerpath.runtime.Schedule;

/**
 * One invocation of an {@link Explore} test, as {@link Exploration#run} makes its runs: the FIFO
 * run (number 0), the FIFO run again on the same system (number 1, which tells whether the runs may
 * share it), then schedule {@code number - 1}, or under a depth-first search its run {@code number
 * - 1} (none: the search has run every order, and this run, skipped, says so). It gives the test a
 * kit under its schedule, and turns a failure into one that names the schedule and how to replay
 * it.
 */
final class ExploredRun
    implements TestTemplateInvocationContext,
        ParameterResolver,
        RunFailures,
        AfterTestExecutionCallback,
        AfterEachCallback {

  /** What the runs of one explored test share: their system, the FIFO run, whether one failed. */
  static final class Progress implements ExtensionContext.Store.CloseableResource {
    private final Exploration exploration;
    private final SharedSystem shared;
    private long fifoSteps;
    private long fifoTimers;
    private boolean failed;
    private DepthFirstSearch search;
    private boolean exhausted;

    /** A depth-first run was aborted: the search cannot go on from it. */
    private boolean aborted;

    Progress(Exploration exploration, String name) {
      this.exploration = exploration;
      this.shared = new SharedSystem(name);
    }

    /**
     * Whether a run failed, a depth-first search has run every order, or a depth-first run was
     * aborted: no run follows.
     */
    boolean done() {
      return failed || exhausted || aborted;
    }

    /**
     * Run {@code number}: made once the run before it has finished, so the FIFO run is known, and a
     * depth-first search knows where to branch off. Null schedule: the search has run every order,
     * and this run only says so.
     */
    ExploredRun invocation(int number) {
      if (number <= 1) return new ExploredRun(this, number, Schedule.FIFO);
      if (!exploration.depthFirst())
        return new ExploredRun(this, number, exploration.schedule(number - 1, fifoSteps));
      if (search == null) {
        search = new DepthFirstSearch();
        shared.search(search);
      }
      Schedule next = search.next();
      if (next == null) exhausted = true;
      return new ExploredRun(this, number, next);
    }

    @Override
    public void close() {
      shared.close();
    }
  }

  private final Progress progress;
  private final int number;
  private final Schedule schedule;

  private ExploredRun(Progress progress, int number, Schedule schedule) {
    this.progress = progress;
    this.number = number;
    this.schedule = schedule;
  }

  @Override
  public String getDisplayName(int invocationIndex) {
    if (number > 1 && progress.exploration.depthFirst())
      return schedule == null
          ? "depth-first search exhausted: every order ran, in " + progress.search.runs() + " runs"
          : numbered("depth-first run", "of at most");
    return switch (number) {
      case 0 -> "fifo";
      case 1 -> "fifo again, on the same actor system";
      default -> numbered("schedule", "of");
    };
  }

  /** "{@code run} N {@code of} M: the schedule", and whether it runs on a new actor system. */
  private String numbered(String run, String of) {
    return run
        + " "
        + (number - 1)
        + " "
        + of
        + " "
        + progress.exploration.schedules()
        + ": "
        + schedule
        + (progress.shared.isFreshEachRun() ? ", on a new actor system" : "");
  }

  @Override
  public List<Extension> getAdditionalExtensions() {
    if (schedule == null)
      return List.of(
          (ExecutionCondition)
              context ->
                  ConditionEvaluationResult.disabled(
                      "the depth-first search has run every order of the test's tasks"));
    return List.of(this);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == VirtualTimeKit.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return VirtualTimeExtension.kit(context, () -> progress.shared.kit(schedule));
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    var kit = VirtualTimeExtension.openKit(context);
    if (failure instanceof TestAbortedException || kit.isEmpty()) throw failure;
    if (number == 1) {
      progress.shared.freshEachRun();
      throw new TestAbortedException(
          "passed on a new actor system and failed when run again on the same one, so each"
              + " schedule runs on a new one: "
              + failure,
          failure);
    }
    int index = Math.max(0, number - 1);
    throw new FailedSchedule(
            Exploration.reported(progress.exploration, index, schedule, kit.get().choicesMade()),
            index,
            progress.exploration,
            kit.get().choicesMade(),
            failure)
        .asError();
  }

  /** Keeps the FIFO run's steps and timers; a repeat that differs ends the sharing of a system. */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    var kit = VirtualTimeExtension.openKit(context);
    if (kit.isEmpty() || number > 1) return;
    long steps = kit.get().steps();
    long timers = kit.get().timersFired();
    if (number == 0) {
      progress.fifoSteps = steps;
      progress.fifoTimers = timers;
    } else if (steps != progress.fifoSteps || timers != progress.fifoTimers) {
      progress.shared.freshEachRun();
    }
  }

  /**
   * Any failure, of the test or of its set-up, ends the exploration; so does a depth-first run that
   * an assumption aborted, which made no choices for the search to go on from.
   */
  @Override
  public void afterEach(ExtensionContext context) {
    var thrown = context.getExecutionException();
    if (thrown.filter(e -> !(e instanceof TestAbortedException)).isPresent())
      progress.failed = true;
    else if (thrown.isPresent() && number > 1 && progress.exploration.depthFirst())
      progress.aborted = true;
  }
}
