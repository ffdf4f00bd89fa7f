package org.peerpath.fabric;

import java.time.Duration;

/**
 * How long a message takes from one named element to another ({@code adapter-2} to {@code
 * memory-1}): the extension point for a fabric of one's own. The built-in model is a table of paths
 * ({@link PathLatencies}, what configuration and traces give); code can compute latencies instead,
 * from a topology, say:
 *
 * <pre>{@code
 * // A PCIe switch hop inside a server, an NTB crossing between servers.
 * LatencyModel ntb = (from, to) ->
 *     Elements.index(from, ...) == Elements.index(to, ...) ? Duration.ofNanos(100) : Duration.ofNanos(300);
 * SubsystemSettings s = SubsystemSettings.builder().latency(ntb).build();
 * }</pre>
 *
 * <p>The contract: a latency depends on the path alone (the same {@code from} and {@code to} give
 * the same answer every time), since the fabric asks once per path and keeps the answer, and that
 * is what keeps one path in FIFO order (a DMA's data always lands before its CSW, as on PCIe). It
 * is between 0 and {@code SubsystemSettings.MAX_DURATION_NANOS}: the settings ask for every path
 * between the subsystem's elements when they are built, refuse a model that answers otherwise (or
 * throws) with the path named, and hand the longest to the checkers that must know how long a
 * re-drive can take.
 *
 * <p>The fabric may still ask about a path the settings never checked: a {@code Server.Submit}
 * names its host in free text, and the answer travels back to that name. A path the model cannot
 * answer there (it throws, or answers null, a negative latency or one longer than {@code
 * SubsystemSettings.MAX_DURATION_NANOS}) takes no time, rather than failing the element that sends.
 */
@FunctionalInterface
public interface LatencyModel {

  /** How long a message from {@code from} takes to reach {@code to}. */
  Duration latency(String from, String to);

  /** {@link #latency} in nanoseconds, as the fabric schedules it. */
  default long nanos(String from, String to) {
    return latency(from, to).toNanos();
  }

  /** Every path takes no time: messages are plain tells. */
  static PathLatencies zero() {
    return PathLatencies.zero();
  }
}
