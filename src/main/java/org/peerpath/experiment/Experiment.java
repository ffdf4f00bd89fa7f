package org.peerpath.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The recovery-policy experiment (issue 17): the same workload and the same failure of adapter-1
 * under each {@link Policy}, each from a fresh subsystem and the same seed. A deterministic
 * discrete-event simulation of queues in nanoseconds of virtual time (see {@link Topology} for why
 * queues and not the actors): the same settings and seed give the same figures, and the same CSV
 * byte for byte, on every run and machine. The policies share nothing, so they run side by side on
 * the machine's cores; each is still a single-threaded simulation of its own.
 */
public final class Experiment {
  private final ExperimentSettings settings;
  private final long seed;

  public Experiment(ExperimentSettings settings, long seed) {
    this.settings = settings;
    this.seed = seed;
  }

  /** Time buckets each policy runs: the unit of {@link #run}'s progress. */
  public int bucketsPerPolicy() {
    return (int) ((settings.end() + settings.bucket() - 1) / settings.bucket());
  }

  /**
   * Runs every policy and gives their results in {@link Policy} order; {@code progress} hears the
   * buckets done so far over all of them (up to 3 x {@link #bucketsPerPolicy}), from the threads
   * that run them.
   */
  public List<PolicyResult> run(IntConsumer progress) throws InterruptedException {
    int threads = Math.min(Policy.values().length, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger done = new AtomicInteger();
      List<Future<PolicyResult>> runs = new ArrayList<>();
      for (Policy p : Policy.values()) {
        runs.add(
            pool.submit(
                () ->
                    new PolicyRun(settings, p, seed)
                        .run(bucket -> progress.accept(done.incrementAndGet()))));
      }
      List<PolicyResult> results = new ArrayList<>();
      for (Future<PolicyResult> run : runs) results.add(join(run));
      return List.copyOf(results);
    } finally {
      pool.shutdownNow();
    }
  }

  private static PolicyResult join(Future<PolicyResult> run) throws InterruptedException {
    try {
      return run.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
  }
}
