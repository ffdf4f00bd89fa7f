package org.peerpath.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs a system's tasks while its {@code ActorSystem} is being created.
 *
 * <p>Creating a Pekko system blocks the creating thread until system actors have run (the logger
 * actors must answer an {@code InitializeLogger} ask), and under virtual time nothing runs actors
 * unless someone drains the run queue. This thread does so until creation has returned; then {@link
 * #finish} makes it drain what is left and joins it, so that the driver takes over an empty queue
 * and never two threads run tasks at once. It never moves the clock.
 */
final class StartupDrainer implements Runnable {

  private final RunQueue queue;
  private final Thread thread;
  private volatile boolean finishing;

  StartupDrainer(RunQueue queue, String systemName) {
    this.queue = queue;
    this.thread = new Thread(this, "peerpath-virtual-time-startup-" + systemName);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public void run() {
    while (true) {
      if (!queue.runNext()) {
        if (finishing) {
          return;
        }
        queue.awaitWork(() -> finishing);
      }
    }
  }

  /** Lets the thread run the remaining tasks, then waits for it to end (hand-over point). */
  void finish() {
    finishing = true;
    // Unpark rather than append a wake-up task: such a task could be left for the driver to run.
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
