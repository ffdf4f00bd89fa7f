package org.peerpath.cluster;

import java.util.HashSet;
import java.util.Set;

/**
 * Which nodes an element was last told it cannot reach, so that it is told once per change: a
 * removal after unreachable is no news to it. Not thread-safe: one actor's state.
 */
final class Told {
  private final Set<String> cannotReach = new HashSet<>();

  /** Whether telling {@code node} as {@code unreachable} is a change, noting it if so. */
  boolean change(String node, boolean unreachable) {
    return unreachable ? cannotReach.add(node) : cannotReach.remove(node);
  }

  /** Forgets what was told of {@code node}: a new incarnation starts reachable to its listener. */
  void reset(String node) {
    cannotReach.remove(node);
  }
}
