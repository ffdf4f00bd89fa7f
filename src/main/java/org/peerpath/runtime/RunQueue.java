package org.peerpath.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FIFO of runnable tasks of one virtual-time system: every dispatcher of the system appends
 * here, and exactly one thread at a time (the startup drainer, then the driver) takes tasks out
 * and runs them.
 *
 * <p>Appending is thread-safe because code outside the system may {@code tell} at any time. The
 * order in which tasks run is the order in which they were appended, which is what makes a run
 * reproducible: with a single running thread, that order depends only on the tasks themselves.
 */
final class RunQueue {

    private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** A thread parked in {@link #awaitWork} (only the startup drainer ever parks). */
    private volatile Thread parked;
    /** Written only by the one running thread; hand-overs (join, guard CAS) publish it. */
    private long tasksRun;

    void append(Runnable task) {
        tasks.add(task);
        Thread waiter = parked;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }


    /** Runs the oldest task, if any; returns false when the queue was empty. */
    boolean runNext() {
        Runnable task = tasks.poll();
        if (task == null) {
            return false;
        }
        tasksRun++;
        try {
            task.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            // A pool thread would hand this to its uncaught-exception handler and carry on.
            LOG.error("task {} failed", task, t);
        }
        return true;
    }

    /** Runs tasks until none is left (quiescence). */
    void drain() {
        while (runNext()) {
            // keep going
        }
    }

    long tasksRun() {
        return tasksRun;
    }

    /** Parks the calling thread until a task is appended or {@code stop} becomes true. */
    void awaitWork(BooleanSupplier stop) {
        parked = Thread.currentThread();
        try {
            while (tasks.isEmpty() && !stop.getAsBoolean()) {
                LockSupport.park(this);
            }
        } finally {
            parked = null;
        }
    }
}
