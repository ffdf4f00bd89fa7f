package org.peerpath.runtime;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The ExecutorService a dispatcher of a virtual-time system runs on: it owns no thread and only
 * appends tasks to the system's {@link RunQueue}.
 *
 * <p>Pekko shuts a dispatcher's executor down when the dispatcher has had no actors for its {@code
 * shutdown-timeout}, and creates a fresh one when it is used again. Tasks already appended stay in
 * the shared queue and still run, so termination is reported as soon as shutdown is requested and
 * {@link #awaitTermination} never blocks.
 */
final class RunQueueExecutorService extends AbstractExecutorService {

  private final RunQueue queue;
  private final String dispatcherId;
  private volatile boolean shutdown;

  RunQueueExecutorService(RunQueue queue, String dispatcherId) {
    this.queue = queue;
    this.dispatcherId = dispatcherId;
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException(
          "dispatcher [" + dispatcherId + "] executor is shut down");
    }
    queue.append(task);
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }

  @Override
  public String toString() {
    return "RunQueueExecutorService(" + dispatcherId + ")";
  }
}
