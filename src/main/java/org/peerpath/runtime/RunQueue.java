package org.peerpath.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of runnable tasks of one virtual-time system: every dispatcher of the system appends
 * here, and exactly one thread at a time (the startup drainer, then the driver) takes tasks out and
 * runs them.
 *
 * <p>Appending is thread-safe because code outside the system may {@code tell} at any time. The
 * order in which tasks run is the order in which they were appended (or, under a {@link Schedule},
 * the order its seeded picker chooses among them), which is what makes a run reproducible: with a
 * single running thread, that order depends only on the tasks themselves.
 *
 * <p>Nearly every task is appended by the driver itself, while it runs another task; those go to a
 * plain deque that only the running thread touches (no node to allocate, no compare-and-set). Other
 * threads append to a concurrent queue, whose tasks move to the end of that deque whenever the
 * driver appends or takes a task, or starts driving; so tasks run in the order they were appended,
 * as with one queue (when two threads append at the same moment, either may go first).
 */
final class RunQueue {

  private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);

  /**
   * Tasks to run, in order; only the running thread (startup drainer, then driver) touches this.
   */
  private final ArrayDeque<Runnable> local = new ArrayDeque<>();

  /** Tasks appended by any other thread (or by the driver between its driving calls). */
  private final ConcurrentLinkedQueue<Runnable> foreign = new ConcurrentLinkedQueue<>();

  /**
   * The thread inside a driving call, or null (set by {@link VirtualTimeSystem} on entry and exit).
   */
  private volatile Thread driving;

  /** A thread parked in {@link #awaitWork} (only the startup drainer ever parks). */
  private volatile Thread parked;

  /** Written only by the one running thread; hand-overs (join, guard CAS) publish it. */
  private long tasksRun;

  /**
   * Chooses among the ready tasks when a non-FIFO {@link Schedule} is in force; null: oldest first.
   * Set by the driver between driving calls.
   */
  private TaskPicker picker;

  /** The ready tasks, oldest first, handed to the picker. */
  private Runnable[] ready = new Runnable[16];

  void append(Runnable task) {
    if (Thread.currentThread() == driving) {
      takeForeign(); // what another thread appended before this goes first
      local.addLast(task);
      return;
    }
    foreign.add(task);
    Thread waiter = parked;
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
  }

  /**
   * The calling thread starts ({@code true}) or ends a driving call; only the driver calls this.
   * What other threads appended before goes first, ahead of anything the driver now appends.
   */
  void driving(boolean entering) {
    if (entering) {
      takeForeign();
    }
    driving = entering ? Thread.currentThread() : null;
  }

  /**
   * Runs the oldest task, or the one the schedule's picker chooses, if any; returns false when the
   * queue was empty.
   */
  boolean runNext() {
    takeForeign();
    Runnable task = picker == null ? local.pollFirst() : picked();
    if (task == null) {
      return false;
    }
    tasksRun++;
    if (picker != null && picker.wantsFootprints()) {
      Footprint.start();
      try {
        runTask(task);
      } finally {
        picker.ran(Footprint.stop(task));
      }
    } else {
      runTask(task);
    }
    return true;
  }

  private void runTask(Runnable task) {
    try {
      task.run();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable t) {
      if (t instanceof InterruptedException) {
        // A mailbox that sees the thread interrupted clears the flag and throws this.
        interrupted = true;
        return;
      }
      // A pool thread would hand this to its uncaught-exception handler and carry on.
      LOG.error("task {} failed", task, t);
    }
  }

  /** Takes out the task the picker chooses among those ready (null if none is). */
  private Runnable picked() {
    int n = local.size();
    if (n == 0) return null;
    if (ready.length < n) ready = new Runnable[Math.max(n, 2 * ready.length)];
    local.toArray(ready);
    int i = picker.pick(ready, n);
    Runnable task = ready[i];
    java.util.Arrays.fill(ready, 0, n, null);
    if (i == 0) return local.pollFirst();
    var it = local.iterator();
    for (int k = 0; k <= i; k++) it.next();
    it.remove();
    return task;
  }

  /** Puts {@code p} in charge of the order from the next task on (null: oldest first). */
  void picker(TaskPicker p) {
    picker = p;
  }

  TaskPicker picker() {
    return picker;
  }

  private void takeForeign() {
    if (!foreign.isEmpty()) {
      for (Runnable t = foreign.poll(); t != null; t = foreign.poll()) {
        local.addLast(t);
      }
    }
  }

  /**
   * Runs tasks until none is left (quiescence). It fails once it has run more tasks than the limit
   * ({@link #limitTasksPerInstant}): an actor that keeps telling itself would otherwise never let
   * the clock move, and the driving call would never return. After a task that a Pekko mailbox
   * ended because the thread was interrupted (a test's timeout, say), and every 4096 tasks, it
   * looks whether the thread was interrupted.
   *
   * @throws IllegalStateException naming the actors ready then, when either happens
   */
  void drain() {
    long ran = 0;
    while (runNext()) {
      ran++;
      if (tasksPerInstant > 0 && ran > tasksPerInstant) throw runaway(ran);
      if (!interrupted && (ran & 4095) != 0) continue;
      if (interrupted || Thread.currentThread().isInterrupted()) {
        interrupted = false;
        Thread.currentThread().interrupt(); // for whoever catches what follows
        throw new IllegalStateException(
            "the driving thread was interrupted after "
                + ran
                + " tasks at one instant; ready then: "
                + readyActors());
      }
    }
  }

  private IllegalStateException runaway(long ran) {
    return new IllegalStateException(
        ran
            + " tasks ran at one instant of virtual time without the run queue emptying (limit "
            + VirtualTime.MAX_TASKS_PER_INSTANT
            + " = "
            + tasksPerInstant
            + "): an actor that keeps telling itself, or actors that keep answering each other at"
            + " once, never let the clock move. Ready then: "
            + readyActors());
  }

  /** Most tasks one instant may run before {@link #drain} gives up (0: no limit). */
  void limitTasksPerInstant(long limit) {
    tasksPerInstant = limit;
  }

  private long tasksPerInstant;

  /** A task ended in an {@link InterruptedException}: the thread was interrupted. */
  private volatile boolean interrupted;

  /** The paths of the actors whose turns are ready, the first few. */
  private String readyActors() {
    StringBuilder b = new StringBuilder();
    int shown = 0;
    for (Runnable t : local) {
      if (shown == 5) return b.append(", ... (").append(local.size()).append(" ready)").toString();
      if (shown++ > 0) b.append(", ");
      String actor = Footprint.actorOf(t);
      b.append(actor == null ? t.toString() : actor);
    }
    return shown == 0 ? "none" : b.toString();
  }

  long tasksRun() {
    return tasksRun;
  }

  /** Parks the calling thread until a task is appended or {@code stop} becomes true. */
  void awaitWork(BooleanSupplier stop) {
    parked = Thread.currentThread();
    try {
      while (foreign.isEmpty() && !stop.getAsBoolean()) {
        LockSupport.park(this);
      }
    } finally {
      parked = null;
    }
  }
}
