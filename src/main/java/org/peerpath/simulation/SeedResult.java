package org.peerpath.simulation;

import java.util.List;
import java.util.Map;
import org.peerpath.history.HistoryEvent;

/**
 * How one seed went: its knobs, whether every invariant and expectation held, the first failure
 * (its invariant name is the signature shrinking keeps), and a digest of its history.
 */
public record SeedResult(
    long seed,
    SimulationKnobs knobs,
    int commands,
    boolean passed,
    String failure,
    String signature,
    int violations,
    long digest,
    boolean ranTwice,
    boolean replayedIdentically,
    Map<String, Integer> faults) {

  /**
   * The faults a trace draws, by kind: {@code adapter-crash}, {@code adapter-reset}, {@code
   * adapter-hang}, {@code server-crash}, {@code partition}.
   */
  public static Map<String, Integer> faults(org.peerpath.trace.Trace trace) {
    Map<String, Integer> n = new java.util.TreeMap<>();
    for (var i : trace.inputs()) {
      String kind = null;
      if (i instanceof org.peerpath.trace.Trace.Fail f) {
        kind =
            f.target().startsWith(org.peerpath.command.Elements.SERVER_PREFIX)
                ? "server-crash"
                : "adapter-" + f.mode().wireName();
      } else if (i instanceof org.peerpath.trace.Trace.Partition) {
        kind = "partition";
      }
      if (kind != null) n.merge(kind, 1, Integer::sum);
    }
    return n;
  }

  /**
   * A 64-bit digest of every event, field by field: two runs with equal histories have equal
   * digests.
   */
  static long digest(List<HistoryEvent> history) {
    long h = 0xcbf29ce484222325L;
    for (HistoryEvent e : history) {
      h = (h ^ e.hashCode()) * 0x100000001b3L;
      h = (h ^ e.atNanos()) * 0x100000001b3L;
    }
    return h;
  }
}
