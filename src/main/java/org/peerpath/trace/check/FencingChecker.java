package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerpath.history.HistoryEvent;

/**
 * Checks that nothing fenced changed a byte: once a memory region has fenced an adapter
 * incarnation, no DMA write or CSW of that incarnation (or an older one) lands there; once the disk
 * has preempted it, it writes no block. This is what makes a hung adapter that wakes up after its
 * commands were re-driven harmless.
 */
public final class FencingChecker {
  public static final String NAME = "fenced-changed-nothing";

  private FencingChecker() {}

  /** An element and the adapter it refers to. */
  private record Place(String node, String adapter) {}

  public static List<Violation> check(List<HistoryEvent> history) {
    Map<Place, Long> fencedThrough = new HashMap<>();
    List<Violation> out = new ArrayList<>();
    for (HistoryEvent e : history) {
      switch (e.kind()) {
        case FENCED -> {
          // A fence of one attempt at the disk (its detail names the command) leaves the adapter
          // serving every other one; DiskTest checks that it refuses that attempt.
          if (e.detail() == null)
            fencedThrough.merge(new Place(e.node(), e.peer()), e.epoch(), Math::max);
        }
        case DMA_WRITE, CSW, DISK_WRITE -> {
          Long fenced =
              fencedThrough.isEmpty() ? null : fencedThrough.get(new Place(e.node(), e.peer()));
          if (fenced != null && e.epoch() != null && e.epoch() <= fenced) {
            out.add(
                new Violation(
                    NAME,
                    e.kind()
                        + " of "
                        + e.peer()
                        + " epoch "
                        + e.epoch()
                        + " reached "
                        + e.node()
                        + " at "
                        + e.at()
                        + " after it had fenced epoch "
                        + fenced));
          }
        }
        default -> {}
      }
    }
    return out;
  }
}
