package org.peerpath.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Cancellable;
import scala.concurrent.ExecutionContext;

/**
 * One scheduled task of a {@link VirtualTimeScheduler}, and the {@link Cancellable} handed back for
 * it.
 *
 * <p>A repeating task is one entry re-armed after each run (with a fresh sequence number), so a
 * single cancel stops it for good even while a run is queued on a dispatcher. The deadline and
 * sequence number are guarded by the {@link TimerQueue}'s lock.
 */
final class TimerEntry implements Cancellable {

  enum Repeat {
    ONCE,
    FIXED_RATE,
    FIXED_DELAY
  }

  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int DONE = 2;

  final Runnable task;
  final Repeat repeat;
  final long periodNanos;
  private final ExecutionContext executor;
  private final VirtualTimeScheduler scheduler;
  private final AtomicInteger state = new AtomicInteger(PENDING);

  long deadline;
  long seq;

  TimerEntry(
      VirtualTimeScheduler scheduler,
      Runnable task,
      ExecutionContext executor,
      Repeat repeat,
      long periodNanos) {
    this.scheduler = scheduler;
    this.task = task;
    this.executor = executor;
    this.repeat = repeat;
    this.periodNanos = periodNanos;
  }

  /** Hands the task to its executor; called by the driver with the clock at the deadline. */
  void fire() {
    if (repeat == Repeat.ONCE) {
      if (state.compareAndSet(PENDING, DONE)) {
        submit(task);
      }
    } else if (state.get() == PENDING) {
      submit(this::runAndRearm);
    }
  }

  /** Claims a one-shot task for running outside the executor (scheduler close). */
  boolean claim() {
    return state.compareAndSet(PENDING, DONE);
  }

  private void runAndRearm() {
    if (state.get() != PENDING) {
      return;
    }
    boolean completed = false;
    try {
      task.run();
      completed = true;
    } finally {
      // As in Pekko, a repeating task that throws is not run again.
      if (!completed) {
        state.compareAndSet(PENDING, DONE);
      }
    }
    if (state.get() == PENDING && !scheduler.rearm(this)) {
      state.compareAndSet(PENDING, DONE);
    }
  }

  private void submit(Runnable r) {
    try {
      // The parasitic executor would run it right here anyway, after a thread-local lookup.
      if (executor == ExecutionContext.parasitic$.MODULE$) {
        r.run();
      } else {
        executor.execute(r);
      }
    } catch (VirtualMachineError | LinkageError fatal) {
      throw fatal;
    } catch (Throwable e) {
      // As Scala's parasitic executor does: any other (non-fatal) failure of the task is
      // reported, not thrown through the driver (which would end a whole simulation worker).
      executor.reportFailure(e);
    }
  }

  @Override
  public boolean cancel() {
    if (!state.compareAndSet(PENDING, CANCELLED)) {
      return false;
    }
    // Pekko 1.2+ would also notify a SchedulerTask here; that trait is not in Akka 2.6, and
    // nothing in Pekko itself relies on the notification, so it is left out.
    scheduler.noteCancelled();
    return true;
  }

  @Override
  public boolean isCancelled() {
    return state.get() == CANCELLED;
  }

  @Override
  public String toString() {
    return "TimerEntry(" + repeat + ", deadline=" + deadline + ", seq=" + seq + ", " + task + ")";
  }
}
