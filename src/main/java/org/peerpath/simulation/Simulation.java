package org.peerpath.simulation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.coverage.Coverage;
import org.peerpath.coverage.Transitions;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.ReplayReport;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceWriter;

/**
 * Seeded fault simulation, in the manner of FoundationDB's simulator and TigerBeetle's VOPR: each
 * seed draws a scenario ({@link TraceGenerator}), runs it on a fresh subsystem under virtual time
 * and checks every invariant; a sample of seeds runs twice and must give the same history; a
 * failing seed is shrunk to a small trace that {@code replay} reproduces. One worker per core (at
 * most two by default), each with one ActorSystem and one driver for all its seeds.
 */
public final class Simulation {

  /**
   * @param determinismEvery every how many seeds one runs twice (1: all)
   * @param shrinkLimit how many failing seeds to shrink and write
   * @param adjust changes the settings of every run (a planted bug, in tests)
   */
  public record Options(
      long firstSeed,
      int seeds,
      int commands,
      int threads,
      int determinismEvery,
      int shrinkLimit,
      Path failureDir,
      UnaryOperator<SubsystemSettings> adjust,
      IntConsumer progress,
      Schedule schedule,
      boolean coverage) {

    public static Options of(long firstSeed, int seeds, int commands) {
      return new Options(
          firstSeed,
          seeds,
          commands,
          Math.min(2, Runtime.getRuntime().availableProcessors()),
          10,
          1,
          null,
          UnaryOperator.identity(),
          done -> {},
          Schedule.FIFO,
          false);
    }

    public Options withAdjust(UnaryOperator<SubsystemSettings> a) {
      return new Options(
          firstSeed,
          seeds,
          commands,
          threads,
          determinismEvery,
          shrinkLimit,
          failureDir,
          a,
          progress,
          schedule,
          coverage);
    }

    public Options withFailureDir(Path dir) {
      return new Options(
          firstSeed,
          seeds,
          commands,
          threads,
          determinismEvery,
          shrinkLimit,
          dir,
          adjust,
          progress,
          schedule,
          coverage);
    }

    public Options withProgress(IntConsumer p) {
      return new Options(
          firstSeed,
          seeds,
          commands,
          threads,
          determinismEvery,
          shrinkLimit,
          failureDir,
          adjust,
          p,
          schedule,
          coverage);
    }

    public Options withDeterminismEvery(int every) {
      if (every < 1)
        throw new IllegalArgumentException(
            "determinism check interval must be at least 1, not " + every);
      return new Options(
          firstSeed,
          seeds,
          commands,
          threads,
          every,
          shrinkLimit,
          failureDir,
          adjust,
          progress,
          schedule,
          coverage);
    }

    /**
     * Every seed runs under {@code s}'s strategy, reseeded with the seed (FIFO: whole turns, oldest
     * first, as without one).
     */
    public Options withSchedule(Schedule s) {
      return new Options(
          firstSeed,
          seeds,
          commands,
          threads,
          determinismEvery,
          shrinkLimit,
          failureDir,
          adjust,
          progress,
          java.util.Objects.requireNonNull(s, "schedule"),
          coverage);
    }

    /** Counts the (actor, behaviour, message) transitions the seeds take ({@link Coverage}). */
    public Options withCoverage(boolean on) {
      return new Options(
          firstSeed,
          seeds,
          commands,
          threads,
          determinismEvery,
          shrinkLimit,
          failureDir,
          adjust,
          progress,
          schedule,
          on);
    }

    /** The schedule seed {@code seed} runs under: none under FIFO. */
    Schedule scheduleOf(long seed) {
      if (schedule.isFifo()) return null;
      return schedule
          .withSeed(seed)
          .withSteps((int) Math.min(Integer.MAX_VALUE, (long) STEPS_PER_COMMAND * commands));
    }

    /** A fresh runtime for this simulation's seeds: one message per turn under a schedule. */
    VirtualTimeSystem<Void> runtime(String name) {
      Config config = schedule.isFifo() ? ConfigFactory.empty() : VirtualTime.oneMessagePerTurn();
      if (coverage) config = Coverage.on().withFallback(config);
      return VirtualTime.create(Behaviors.empty(), name, config);
    }

    public Options withThreads(int t) {
      return new Options(
          firstSeed,
          seeds,
          commands,
          t,
          determinismEvery,
          shrinkLimit,
          failureDir,
          adjust,
          progress,
          schedule,
          coverage);
    }
  }

  /**
   * A failing seed after shrinking: the trace, its text as written, and where it was written (null
   * if nowhere).
   */
  public record Shrunk(long seed, String signature, Trace trace, String text, Path file) {
    /** How many lines the shrunk trace has, its comment included. */
    public int lines() {
      return text.split("\n").length;
    }
  }

  /**
   * @param startupSeconds from the start until every worker's actor system was up
   * @param seedSeconds from then until the last seed was checked (shrinking not included)
   * @param work what the workers' runtimes ran for the seeds (shrinking not included)
   */
  public record Outcome(
      Options options,
      List<SeedResult> results,
      double startupSeconds,
      double seedSeconds,
      List<Shrunk> shrunk,
      Transitions coverage,
      Work work) {
    public List<SeedResult> failures() {
      return results.stream().filter(r -> !r.passed()).toList();
    }

    public int seedsRunTwice() {
      return ranTwice(results);
    }

    public int determinismMismatches() {
      return (int) results.stream().filter(r -> !r.replayedIdentically()).count();
    }

    /**
     * Seeds run and checked per second, once the workers are up: creating an actor system is a
     * fixed cost that many seeds share ({@link #startupSeconds}), not a cost per seed.
     */
    public double seedsPerSecond() {
      return results.size() / Math.max(seedSeconds, 1e-9);
    }
  }

  /**
   * What the virtual-time runtimes ran for the seeds: run-queue tasks (an actor's mailbox run, a
   * trace input, a driver task) and timers fired (a path's latency, an actor's timer), with each
   * seed's subsystem started and stopped; over its {@code runs}, every seed and every determinism
   * rerun.
   */
  public record Work(int runs, long tasks, long timers) {
    /** Tasks per seed run; 0 if none ran. */
    public double tasksPerRun() {
      return runs == 0 ? 0 : (double) tasks / runs;
    }

    /** Timers per seed run; 0 if none ran. */
    public double timersPerRun() {
      return runs == 0 ? 0 : (double) timers / runs;
    }
  }

  /**
   * PCT's span of steps per command of a seed: about the run-queue tasks a command takes with one
   * message per turn.
   */
  static final int STEPS_PER_COMMAND = 30;

  private Simulation() {}

  public static Outcome run(Options o) throws Exception {
    SeedResult[] results = new SeedResult[o.seeds()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> crash = new AtomicReference<>();
    long start = System.nanoTime();
    int threads = Math.max(1, o.threads());
    // The seeds start once every worker's actor system is up, so the two phases can be told apart.
    CountDownLatch up = new CountDownLatch(threads);
    AtomicLong seedsStart = new AtomicLong();
    AtomicReference<Transitions> coverage = new AtomicReference<>(Transitions.NONE);
    AtomicLong tasks = new AtomicLong();
    AtomicLong timers = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      Thread t =
          new Thread(
              () -> {
                try (VirtualTimeSystem<Void> runtime = o.runtime("simulate")) {
                  up.countDown();
                  up.await();
                  seedsStart.compareAndSet(0, System.nanoTime());
                  long tasksBefore = runtime.tasksRun();
                  long timersBefore = runtime.timersFired();
                  for (int i = next.getAndIncrement();
                      i < o.seeds() && crash.get() == null;
                      i = next.getAndIncrement()) {
                    long seed = o.firstSeed() + i;
                    try {
                      results[i] = runSeed(seed, o, runtime, i % o.determinismEvery() == 0);
                    } catch (RuntimeException | Error e) {
                      throw new SeedCrashed(seed, e);
                    }
                    o.progress().accept(done.incrementAndGet());
                  }
                  tasks.addAndGet(runtime.tasksRun() - tasksBefore);
                  timers.addAndGet(runtime.timersFired() - timersBefore);
                  coverage.accumulateAndGet(
                      Coverage.get(runtime.system()).snapshot(), Transitions::merge);
                } catch (Throwable e) {
                  crash.compareAndSet(null, e);
                  up.countDown();
                }
              },
              "simulate-" + w);
      workers.add(t);
      t.start();
    }
    for (Thread t : workers) t.join();
    if (crash.get() instanceof SeedCrashed seedCrashed) throw seedCrashed;
    if (crash.get() != null)
      throw new IllegalStateException("a simulation worker failed", crash.get());
    long end = System.nanoTime();
    long ready = seedsStart.get() == 0 ? end : seedsStart.get();
    List<SeedResult> all = List.of(results);
    return new Outcome(
        o,
        all,
        (ready - start) / 1e9,
        (end - ready) / 1e9,
        shrinkFailures(o, all),
        coverage.get(),
        new Work(all.size() + ranTwice(all), tasks.get(), timers.get()));
  }

  /** How many of {@code results} were run twice, for the determinism check. */
  private static int ranTwice(List<SeedResult> results) {
    return (int) results.stream().filter(SeedResult::ranTwice).count();
  }

  static SeedResult runSeed(long seed, Options o, VirtualTimeSystem<?> runtime, boolean twice) {
    TraceGenerator.Scenario s = TraceGenerator.generate(seed, o.commands());
    Trace trace = s.trace().withSchedule(o.scheduleOf(seed));
    ReplayReport report = Replay.run(trace, runtime, o.adjust());
    long digest = twice ? SeedResult.digest(report.history()) : 0;
    boolean same =
        !twice || SeedResult.digest(Replay.run(trace, runtime, o.adjust()).history()) == digest;
    return new SeedResult(
        seed,
        s.knobs(),
        trace.commands().size(),
        report.passed(),
        report.passed() ? "" : report.summary(),
        signature(report),
        report.violations().size() + report.unmet().size(),
        digest,
        twice,
        same,
        SeedResult.faults(trace));
  }

  /** What kind of failure a report shows: its first broken invariant, or "expectation". */
  static String signature(ReplayReport r) {
    if (!r.violations().isEmpty()) return r.violations().get(0).invariant();
    return r.unmet().isEmpty() ? "" : "expectation";
  }

  private static List<Shrunk> shrinkFailures(Options o, List<SeedResult> results) throws Exception {
    List<Shrunk> out = new ArrayList<>();
    List<SeedResult> failing =
        results.stream().filter(r -> !r.passed()).limit(o.shrinkLimit()).toList();
    if (failing.isEmpty()) return out;
    try (VirtualTimeSystem<Void> runtime = o.runtime("shrink")) {
      for (SeedResult f : failing) {
        try {
          out.add(shrink(f, o, runtime));
        } catch (RuntimeException | Error e) {
          throw new SeedCrashed(f.seed(), e);
        }
      }
    }
    return out;
  }

  /**
   * Shrinks failing seed {@code f} to a small trace with the same signature, and writes it if there
   * is a directory.
   */
  private static Shrunk shrink(SeedResult f, Options o, VirtualTimeSystem<?> runtime)
      throws java.io.IOException {
    Trace original =
        TraceGenerator.generate(f.seed(), o.commands())
            .trace()
            .withSchedule(o.scheduleOf(f.seed()));
    Trace small =
        Shrinker.shrink(
            original,
            t -> f.signature().equals(signature(Replay.run(t, runtime, o.adjust()))),
            3000);
    small = small.withName("seed-" + f.seed() + "-shrunk.jsonl");
    String comment =
        "seed "
            + f.seed()
            + " of simulate --commands "
            + o.commands()
            + ", shrunk: fails "
            + f.signature();
    Path file = null;
    if (o.failureDir() != null) {
      Files.createDirectories(o.failureDir());
      file = o.failureDir().resolve(small.name());
    }
    String text = TraceWriter.toText(small, comment);
    if (file != null) Files.writeString(file, text);
    return new Shrunk(f.seed(), f.signature(), small, text, file);
  }
}
