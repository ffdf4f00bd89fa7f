package org.peerpath.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.peerpath.command.Elements;
import org.peerpath.runtime.Schedule;
import org.peerpath.trace.ConfigBuilder;
import org.peerpath.trace.Trace;

/**
 * Shrinks a failing trace while the same failure still shows: fewer inputs (delta debugging over
 * commands, faults and repairs), fewer expectations, fewer servers and hosts, fewer and smaller
 * latencies, a simpler schedule. Each step is kept only if {@code stillFails} says the smaller
 * trace fails the same way, so the result reproduces the failure and is typically a handful of
 * lines.
 */
public final class Shrinker {
  private final Predicate<Trace> stillFails;
  private final int maxAttempts;
  private int attempts;

  private Shrinker(Predicate<Trace> stillFails, int maxAttempts) {
    this.stillFails = stillFails;
    this.maxAttempts = maxAttempts;
  }

  public static Trace shrink(Trace failing, Predicate<Trace> stillFails, int maxAttempts) {
    return new Shrinker(stillFails, maxAttempts).run(failing);
  }

  private Trace run(Trace t) {
    Trace before;
    do {
      before = t;
      t = fewerInputs(t);
      t = fewerExpectations(t);
      t = fewerServers(t);
      t = oneHost(t);
      t = smallerLatencies(t);
      t = simplerSchedule(t);
    } while (!t.equals(before) && attempts < maxAttempts);
    return t;
  }

  /**
   * A simpler schedule, if the failure stays: oldest first (still one message per turn, so that the
   * trace replays as it was checked), or PCT of a smaller depth, or a shorter list of choices.
   */
  private Trace simplerSchedule(Trace t) {
    Schedule s = t.schedule();
    if (s == null || s.isFifo()) return t;
    Trace fifo = t.withSchedule(Schedule.FIFO);
    if (fails(fifo)) return fifo;
    if (s.strategy() == Schedule.Strategy.PCT) {
      for (int d = 1; d < s.depth(); d++) {
        Trace lower = t.withSchedule(Schedule.pct(s.seed(), d, s.steps()));
        if (fails(lower)) return lower;
      }
    }
    if (s.strategy() == Schedule.Strategy.CHOICES) {
      int[] c = s.choices();
      for (int keep = 0; keep < c.length; keep = keep == 0 ? 1 : keep * 2) {
        Trace shorter = t.withSchedule(Schedule.ofChoices(java.util.Arrays.copyOf(c, keep)));
        if (fails(shorter)) return shorter;
      }
    }
    return t;
  }

  private boolean fails(Trace candidate) {
    if (attempts >= maxAttempts) return false;
    attempts++;
    return stillFails.test(candidate);
  }

  /** Delta debugging: drop ever smaller chunks of inputs while the failure stays. */
  private Trace fewerInputs(Trace t) {
    int chunks = 2;
    while (t.inputs().size() >= 1 && attempts < maxAttempts) {
      List<Trace.Input> inputs = t.inputs();
      int size = Math.max(1, (inputs.size() + chunks - 1) / chunks);
      boolean removed = false;
      for (int start = 0; start < inputs.size(); start += size) {
        List<Trace.Input> kept = new ArrayList<>(inputs.subList(0, start));
        kept.addAll(inputs.subList(Math.min(inputs.size(), start + size), inputs.size()));
        Trace candidate = withInputs(t, kept);
        if (fails(candidate)) {
          t = candidate;
          chunks = Math.max(chunks - 1, 2);
          removed = true;
          break;
        }
      }
      if (!removed) {
        if (size == 1) break;
        chunks = Math.min(inputs.size(), chunks * 2);
      }
    }
    return t;
  }

  private static Trace withInputs(Trace t, List<Trace.Input> inputs) {
    Set<String> ids =
        inputs.stream()
            .filter(i -> i instanceof Trace.Command)
            .map(i -> ((Trace.Command) i).id())
            .collect(Collectors.toSet());
    var expectations = t.expectations().stream().filter(e -> ids.contains(e.id())).toList();
    return t.withInputs(inputs).withExpectations(expectations);
  }

  private Trace fewerExpectations(Trace t) {
    for (int i = t.expectations().size() - 1; i >= 0; i--) {
      var kept = new ArrayList<>(t.expectations());
      kept.remove(i);
      Trace candidate = t.withExpectations(kept);
      if (fails(candidate)) t = candidate;
    }
    return t;
  }

  /** Drops the highest-numbered server while nothing names it. */
  private Trace fewerServers(Trace t) {
    while (t.config().servers().orElse(1) > 1) {
      int last = t.config().servers().get();
      if (names(t, last)) return t;
      Map<String, Duration> paths = new TreeMap<>(t.config().latencyPaths());
      paths
          .keySet()
          .removeIf(p -> p.matches(".*-" + last + "(->.*)?$") || p.contains("-" + last + "->"));
      Trace candidate = withConfig(t, t.config().toBuilder().servers(last - 1).latencyPaths(paths));
      if (!fails(candidate)) return t;
      t = candidate;
    }
    return t;
  }

  private static boolean names(Trace t, int server) {
    String suffix = "-" + server;
    for (Trace.Input i : t.inputs()) {
      if (i instanceof Trace.Command c && c.server().endsWith(suffix)) return true;
      if (i instanceof Trace.Fail f && f.target().endsWith(suffix)) return true;
      if (i instanceof Trace.Repair r && r.target().endsWith(suffix)) return true;
      if (i instanceof Trace.Partition p && (p.a().endsWith(suffix) || p.b().endsWith(suffix)))
        return true;
      if (i instanceof Trace.Heal h && (h.a().endsWith(suffix) || h.b().endsWith(suffix)))
        return true;
    }
    return t.expectations().stream()
        .anyMatch(e -> e.servedBy() != null && e.servedBy().endsWith(suffix));
  }

  private Trace oneHost(Trace t) {
    if (t.hosts() == 1) return t;
    List<Trace.Input> inputs =
        t.inputs().stream()
            .map(
                i ->
                    i instanceof Trace.Command c
                        ? new Trace.Command(
                            c.atNanos(),
                            c.line(),
                            c.id(),
                            Elements.host(1),
                            c.server(),
                            c.op(),
                            c.lba(),
                            c.blocks(),
                            c.data())
                        : i)
            .toList();
    Trace candidate = t.withInputs(inputs);
    return fails(candidate) ? candidate : t;
  }

  /**
   * Removes latency paths, then halves the ones that matter, then zeroes the default and the
   * disk's.
   */
  private Trace smallerLatencies(Trace t) {
    for (String path : new ArrayList<>(t.config().latencyPaths().keySet())) {
      Map<String, Duration> paths = new TreeMap<>(t.config().latencyPaths());
      paths.remove(path);
      Trace candidate = withConfig(t, t.config().toBuilder().latencyPaths(paths));
      if (fails(candidate)) t = candidate;
    }
    for (String path : new ArrayList<>(t.config().latencyPaths().keySet())) {
      for (int halvings = 0; halvings < 8; halvings++) {
        Map<String, Duration> paths = new TreeMap<>(t.config().latencyPaths());
        Duration half = Duration.ofNanos(roundMicros(paths.get(path).toNanos() / 2));
        if (half.equals(paths.get(path))) break;
        paths.put(path, half);
        Trace candidate = withConfig(t, t.config().toBuilder().latencyPaths(paths));
        if (!fails(candidate)) break;
        t = candidate;
      }
    }
    if (t.config().latencyDefault().filter(d -> !d.isZero()).isPresent()) {
      Trace candidate = withConfig(t, t.config().toBuilder().latencyDefault(Duration.ZERO));
      if (fails(candidate)) t = candidate;
    }
    if (t.config().diskLatency().filter(d -> !d.isZero()).isPresent()) {
      Trace candidate = withConfig(t, t.config().toBuilder().diskLatency(Duration.ZERO));
      if (fails(candidate)) t = candidate;
    }
    return t;
  }

  private static long roundMicros(long nanos) {
    return nanos >= 1_000 ? nanos / 1_000 * 1_000 : 0;
  }

  private static Trace withConfig(Trace t, ConfigBuilder config) {
    return t.withConfig(config.build());
  }
}
