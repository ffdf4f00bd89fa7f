package org.peerpath.runtime;

import com.typesafe.config.Config;
import java.io.Closeable;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko {@link Scheduler} on virtual time, installed with {@code pekko.scheduler.implementation}.
 *
 * <p>It owns no thread and never sleeps: it only keeps deadlines (exact nanoseconds, no tick
 * rounding) in a {@link TimerQueue}; the driver ({@link VirtualTimeSystem}) moves the clock to the
 * earliest deadline when the system is quiescent and fires that one timer. Tasks go to the executor
 * they were scheduled with, as with Pekko's own scheduler (a dispatcher appends to the run queue;
 * Pekko's internal "parasitic" executor runs them at once on the driver).
 *
 * <p>Deadlines saturate: a delay that would take the clock past {@code Long.MAX_VALUE} nanoseconds
 * (about 292 years) gives the deadline {@link TimerQueue#NEVER}, which no driver ever reaches, so
 * the timer never fires (firing it early, at the end of the clock's range, would be a wrong answer,
 * and a repeating one would fire there forever).
 *
 * <p>Pekko closes the scheduler (it is {@link Closeable}) from a termination callback, after the
 * last actor stopped; as the {@link Scheduler} contract requires, pending {@link
 * Scheduler.TaskRunOnClose} tasks (dispatcher shutdowns) then run, and scheduling fails afterwards
 * with an {@link IllegalStateException}.
 */
@SuppressWarnings("deprecation") // schedule(...) is the abstract, deprecated fixed-rate entry point
public final class VirtualTimeScheduler implements Scheduler, Closeable {

  private final VirtualWorld world;
  private final LoggingAdapter log;
  private final TimerQueue timers = new TimerQueue();

  /** Reflective constructor Pekko calls; the thread factory is unused. */
  public VirtualTimeScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
    this.world = VirtualWorlds.require(config);
    this.log = log;
    world.attach(this);
  }

  @Override
  public Cancellable scheduleOnce(
      FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
    return arm(
        new TimerEntry(this, runnable, executor, TimerEntry.Repeat.ONCE, 0), delay.toNanos());
  }

  /**
   * Fixed rate (what {@code scheduleAtFixedRate} delegates to): deadlines are start + k * interval.
   */
  @Override
  public Cancellable schedule(
      FiniteDuration initialDelay,
      FiniteDuration interval,
      Runnable runnable,
      ExecutionContext executor) {
    long period = positive(interval);
    return arm(
        new TimerEntry(this, runnable, executor, TimerEntry.Repeat.FIXED_RATE, period),
        initialDelay.toNanos());
  }

  /**
   * Fixed delay: next deadline = end of the previous run + delay (the same instant in virtual
   * time).
   */
  @Override
  public Cancellable scheduleWithFixedDelay(
      FiniteDuration initialDelay,
      FiniteDuration delay,
      Runnable runnable,
      ExecutionContext executor) {
    long period = positive(delay);
    return arm(
        new TimerEntry(this, runnable, executor, TimerEntry.Repeat.FIXED_DELAY, period),
        initialDelay.toNanos());
  }

  /** One tick per nanosecond. */
  @Override
  public double maxFrequency() {
    return 1.0e9;
  }

  @Override
  public void close() {
    for (TimerEntry entry : timers.close()) {
      if (entry.task instanceof Scheduler.TaskRunOnClose && entry.claim()) {
        try {
          entry.task.run();
        } catch (VirtualMachineError fatal) {
          throw fatal;
        } catch (Throwable t) {
          log.error(t, "exception while running timer task on close");
        }
      }
    }
  }

  /**
   * An input from outside the model at the absolute virtual time {@code deadline}: a one-shot
   * timer, queued even when it is due already, so it fires only once the run queue is empty (unlike
   * Pekko's zero delay, which hands a task over at once). At its instant it fires before the
   * model's own timers due then, and after the inputs given before it.
   *
   * @throws IllegalArgumentException if {@code deadline} has passed
   */
  Cancellable scheduleAt(long deadline, Runnable runnable, ExecutionContext executor) {
    long now = world.clock().nanos();
    if (deadline < now) {
      throw new IllegalArgumentException(
          "virtual time " + deadline + " ns has already passed (the clock reads " + now + " ns)");
    }
    TimerEntry entry = new TimerEntry(this, runnable, executor, TimerEntry.Repeat.ONCE, 0);
    timers.addInput(entry, deadline);
    return entry;
  }

  // ---- driver side ----

  /**
   * Fires the earliest pending timer if its deadline is at most {@code limit}: moves the clock to
   * its deadline and hands its task to its executor. Only the driver calls this, at quiescence.
   */
  boolean fireNext(long limit) {
    return fireNext(limit, false) > 0;
  }

  /**
   * As {@link #fireNext(long)}; and with {@code together}, when that timer is the model's own (no
   * input), every other timer due at the same instant fires with it, so that their tasks are ready
   * at once and a {@link Schedule} can order them. Returns how many fired.
   */
  int fireNext(long limit, boolean together) {
    TimerEntry entry = timers.pollDue(limit);
    if (entry == null) {
      return 0;
    }
    world.clock().advanceTo(entry.deadline);
    entry.fire();
    int fired = 1;
    if (together && !TimerQueue.isInput(entry)) {
      for (TimerEntry same = timers.pollDue(entry.deadline);
          same != null;
          same = timers.pollDue(entry.deadline)) {
        same.fire();
        fired++;
      }
    }
    return fired;
  }

  /** Number of pending, not cancelled timers. */
  int pendingTimers() {
    return timers.live();
  }

  // ---- entry side ----

  boolean rearm(TimerEntry entry) {
    return timers.rearm(entry, world.clock().nanos());
  }

  void noteCancelled() {
    timers.noteCancelled();
  }

  private Cancellable arm(TimerEntry entry, long delayNanos) {
    Footprint.timerIn(delayNanos);
    if (delayNanos <= 0) {
      // Like Pekko's own scheduler: no delay means the task is handed over right away.
      timers.stampDue(entry, world.clock().nanos());
      entry.fire();
      return entry;
    }
    timers.add(entry, saturatedAdd(world.clock().nanos(), delayNanos));
    return entry;
  }

  private static long positive(FiniteDuration d) {
    long nanos = d.toNanos();
    if (nanos <= 0) {
      throw new IllegalArgumentException(
          "Task scheduled with ["
              + d
              + "] period, which means creating an infinite loop. "
              + "The expected period must be greater than 0.");
    }
    return nanos;
  }

  /**
   * {@code a + b} for non-negative times, or {@link TimerQueue#NEVER} where the sum would overflow.
   */
  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? TimerQueue.NEVER : r;
  }
}
