package org.peerpath.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peerpath.runtime.Schedule;

/**
 * Runs a test that takes a {@link VirtualTimeKit} once, under one schedule: the one an {@link
 * Explore} failure names. Put it in place of {@code @Explore} and the test fails the same way,
 * every time, in a debugger too.
 *
 * <pre>
 * &#64;ReplaySchedule(strategy = Schedule.Strategy.PCT, seed = 12, depth = 3, steps = 37)
 * &#64;ReplaySchedule(choices = {0, 1, 1, 0, 2})
 * </pre>
 *
 * <p>As under {@code @Explore}, the kit's mailboxes run one message per turn.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(VirtualTimeExtension.class)
public @interface ReplaySchedule {

  /** The strategy; {@code CHOICES} (the default) takes {@link #choices()}. */
  Schedule.Strategy strategy() default Schedule.Strategy.CHOICES;

  /** The seed of a {@code RANDOM} or {@code PCT} schedule. */
  long seed() default 0;

  /** PCT's depth. */
  int depth() default Schedule.DEFAULT_DEPTH;

  /** PCT's span of steps, as the failure names it. */
  int steps() default 0;

  /**
   * At each point where more than one task was ready, the index of the one to run (oldest first);
   * once used up, oldest first.
   */
  int[] choices() default {};
}
