package org.peerpath.bench;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;
import org.apache.pekko.dispatch.ForkJoinExecutorConfigurator;

/**
 * Pekko's default executor (its fork-join pool, configured by the dispatcher's own {@code
 * fork-join-executor} section), counting every task handed to it. A dispatcher hands its executor
 * one task each time it schedules a mailbox to run (the mailbox then processes up to the
 * dispatcher's {@code throughput} messages and, if more are waiting, is scheduled again: another
 * task), and one for anything else it is asked to execute. Made the default dispatcher's executor
 * of the bench's counting ActorSystem only, it counts the run-queue tasks the model costs; the
 * timed runs use the plain pool.
 *
 * <p>Pekko instantiates it reflectively with the dispatcher's config section (the {@code executor =
 * "<this class>"} key).
 */
public final class CountingExecutor extends ExecutorServiceConfigurator {
  private static final LongAdder EXECUTED = new LongAdder();

  private final ForkJoinExecutorConfigurator pool;

  public CountingExecutor(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.pool =
        new ForkJoinExecutorConfigurator(config.getConfig("fork-join-executor"), prerequisites);
  }

  /** Tasks handed to any counting executor so far, in this JVM. */
  static long executed() {
    return EXECUTED.sum();
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threads) {
    ExecutorServiceFactory inner = pool.createExecutorServiceFactory(id, threads);
    return () -> new Counting(inner.createExecutorService());
  }

  /** The pool, counting what it is given to run. */
  private static final class Counting extends AbstractExecutorService {
    private final ExecutorService pool;

    Counting(ExecutorService pool) {
      this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
      EXECUTED.increment();
      pool.execute(task);
    }

    @Override
    public void shutdown() {
      pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return pool.awaitTermination(timeout, unit);
    }
  }
}
