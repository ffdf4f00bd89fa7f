package org.peerpath.bench.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The CPU time the run's JVMs have used so far, user and system together, as the operating system
 * tells it by process id: what a measurement cost, whatever share of the machine other work left
 * it. On a shared machine the wall-clock figures depend on that share, and a loop spread over more
 * threads and JVMs gets more of it; CPU time per message does not.
 */
final class CpuTime {
  private final List<Long> pids;

  /** The JVMs of {@code pids}; this one among them if its own id is. */
  CpuTime(List<Long> pids) {
    this.pids = List.copyOf(pids);
  }

  /**
   * Nanoseconds of CPU all of them have used so far; empty when the operating system does not tell
   * it for one of them.
   */
  Optional<Long> nanos() {
    long sum = 0;
    for (long pid : pids) {
      Optional<Duration> used = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
      if (used.isEmpty()) return Optional.empty();
      sum += used.get().toNanos();
    }
    return Optional.of(sum);
  }
}
