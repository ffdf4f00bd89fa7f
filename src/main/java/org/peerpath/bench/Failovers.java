package org.peerpath.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.subsystem.Subsystem;

/**
 * Failover over many failures, under load: a closed loop keeps {@code outstanding} writes in flight
 * to server-1 while adapter-1 crashes and is repaired again, {@code failures} times. For each
 * crash, the time from the fault to the first reply served by the peer path; for each repair, the
 * time from the repair to the first reply served directly again ({@link FailoverWatch}). Adapter-2
 * works throughout, so every command must end GOOD (the patent's point): one that does not is a
 * fault of the model, counted.
 *
 * <p>Bounded: each wait for a failover or failback is given up after {@link #PATIENCE} (counted as
 * stalled), and no new failure starts after {@link #LIMIT}.
 */
final class Failovers {

  /** What the failures showed; millisecond lists in the order they happened. */
  record Result(
      List<Double> failoverMillis, List<Double> failbackMillis, long failedCommands, int stalled) {

    Map<String, Number> failoverFigures() {
      return figures(failoverMillis, "failures");
    }

    Map<String, Number> failbackFigures() {
      return figures(failbackMillis, "repairs");
    }

    private static Map<String, Number> figures(List<Double> millis, String count) {
      List<Double> sorted = millis.stream().sorted().toList();
      Map<String, Number> f = new LinkedHashMap<>();
      f.put("p50", Bench.round(percentile(sorted, 50), 2));
      f.put("p99", Bench.round(percentile(sorted, 99), 2));
      f.put("max", Bench.round(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), 2));
      f.put(count, sorted.size());
      return f;
    }

    /** Nearest rank: the smallest value with at least {@code p} percent of them at or below it. */
    private static double percentile(List<Double> sorted, double p) {
      if (sorted.isEmpty()) return 0;
      int rank = (int) Math.ceil(p / 100 * sorted.size());
      return sorted.get(Math.max(0, rank - 1));
    }
  }

  static final Duration PATIENCE = Duration.ofSeconds(10);
  static final Duration LIMIT = Duration.ofSeconds(60);

  /** How long each path carries the load before the next crash or repair. */
  private static final long DWELL_MILLIS = 50;

  private Failovers() {}

  static Result run(
      Loops loops,
      Subsystem s,
      ByteString payload,
      int outstanding,
      int failures,
      Consumer<String> progress)
      throws Exception {
    FailoverWatch watch = new FailoverWatch("adapter-1");
    s.history().listen(watch);
    List<Double> over = new ArrayList<>();
    List<Double> back = new ArrayList<>();
    Loops.Running load =
        loops.start(s, new ClosedLoop.Load(List.of("server-1"), payload, outstanding, "f"));
    int stalled;
    ClosedLoop.Tally t;
    try {
      stalled = cycles(s, watch, failures, over, back, progress);
    } finally {
      t = load.stop();
    }
    return new Result(over, back, t.failed(), stalled);
  }

  /** Crashes and repairs adapter-1 until done or out of time; 1 if a wait stalled, else 0. */
  private static int cycles(
      Subsystem s,
      FailoverWatch watch,
      int failures,
      List<Double> over,
      List<Double> back,
      Consumer<String> progress)
      throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    TimeUnit.MILLISECONDS.sleep(DWELL_MILLIS);
    for (int i = 1; i <= failures && System.nanoTime() < deadline; i++) {
      var failover = watch.nextFailover();
      s.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
      if (!waited(failover, over)) return 1;
      TimeUnit.MILLISECONDS.sleep(DWELL_MILLIS);
      var failback = watch.nextFailback();
      s.repair("adapter-1");
      if (!waited(failback, back)) return 1;
      TimeUnit.MILLISECONDS.sleep(DWELL_MILLIS);
      if (i % 5 == 0 || i == failures)
        progress.accept(String.format("failover: %d/%d failures", i, failures));
    }
    return 0;
  }

  private static boolean waited(
      java.util.concurrent.CompletableFuture<Long> nanos, List<Double> into) throws Exception {
    try {
      into.add(nanos.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS) / 1e6);
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }
}
