package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * The definition of linearizability, executed literally for one block: try every subset of the
 * MAYBE writes and every order of the chosen operations, and accept if one order respects real time
 * (no operation comes before one that completed before it was invoked) and makes every read return
 * the latest write before it. Factorial, so only for a handful of operations; it is the oracle the
 * search is compared with.
 */
final class BruteForceLinearizability {
  private BruteForceLinearizability() {}

  static boolean linearizable(List<BlockOperation> ops, ByteString initial) {
    List<BlockOperation> maybe = ops.stream().filter(o -> !o.mustTakeEffect()).toList();
    List<BlockOperation> sure = ops.stream().filter(BlockOperation::mustTakeEffect).toList();
    for (int subset = 0; subset < 1 << maybe.size(); subset++) {
      List<BlockOperation> chosen = new ArrayList<>(sure);
      for (int i = 0; i < maybe.size(); i++) if ((subset & 1 << i) != 0) chosen.add(maybe.get(i));
      if (someOrderWorks(new ArrayList<>(), chosen, initial)) return true;
    }
    return false;
  }

  private static boolean someOrderWorks(
      List<BlockOperation> order, List<BlockOperation> rest, ByteString value) {
    if (rest.isEmpty()) return true;
    for (BlockOperation next : List.copyOf(rest)) {
      if (rest.stream().anyMatch(o -> o.completeNanos() < next.invokeNanos())) continue;
      if (!next.write() && !next.value().equals(value)) continue;
      rest.remove(next);
      order.add(next);
      boolean works = someOrderWorks(order, rest, next.write() ? next.value() : value);
      order.remove(order.size() - 1);
      rest.add(next);
      if (works) return true;
    }
    return false;
  }
}
