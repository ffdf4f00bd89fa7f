package org.peerpath.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.peerpath.runtime.Schedule;

/**
 * Runs a test that takes a {@link VirtualTimeKit} under many orders of its actors' ready tasks, and
 * stops at the first order under which it fails, naming the schedule to replay it with ({@link
 * ReplaySchedule}).
 *
 * <p>The test runs first under FIFO, which also counts its steps (the tasks it runs), then again
 * under FIFO, then once per schedule: schedule {@code i} (from 1) draws from seed {@code seed + i -
 * 1}. The runs share one virtual-time system whose mailboxes run one message per turn: after each
 * run, the actors its kit spawned are stopped, and the next run finds the system as the first did;
 * a run that leaves a timer behind, or a FIFO run that does not repeat itself exactly, gets the
 * runs after it new systems (see {@link Exploration}). Each run is one invocation in the report,
 * named after its schedule. See docs/testkit.md for what orders are explored.
 *
 * <pre>
 * &#64;Explore(strategy = Schedule.Strategy.PCT, schedules = 200)
 * void readsSeeEveryAcknowledgedWrite(VirtualTimeKit kit) { ... }
 * </pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(VirtualTimeExtension.class)
@Execution(ExecutionMode.SAME_THREAD) // each run is made once the one before has finished
public @interface Explore {

  /** {@code PCT} (the default) or {@code RANDOM}. */
  Schedule.Strategy strategy() default Schedule.Strategy.PCT;

  /** How many schedules to run after the FIFO run. */
  int schedules() default Exploration.DEFAULT_SCHEDULES;

  /** The first schedule's seed; the i-th draws from {@code seed + i - 1}. */
  long seed() default 1;

  /** PCT's bug depth: how many orderings in a row a bug may need (1 or more). */
  int depth() default Schedule.DEFAULT_DEPTH;

  /**
   * The span of steps over which PCT drops priorities {@code depth - 1} times; 0 (the default): the
   * number of steps the FIFO run took.
   */
  int steps() default 0;

  /**
   * Instead of drawing schedules, run every order of the ready tasks, depth first, in at most
   * {@link #schedules()} runs, skipping orders that only swap tasks that commute; stops early once
   * every order has run (the report's last entry, skipped, says so). The strategy, seed, depth and
   * steps are then ignored. Each run must spawn the same actors, under the same names, as the run
   * before; a failure is replayed by its choices.
   */
  boolean depthFirst() default false;
}
