package org.peerpath.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an element (a host, a server) is told of the nodes it depends on, from what its node sees:
 * which it cannot reach by its own failure detector, and which the cluster downed or removed. Told
 * once per change: a removal after unreachable is no news to it.
 *
 * <p>A node is lost to the element when the cluster has downed or removed it, or when this node
 * cannot reach it while it still reaches another of them. With every one unreachable at once and
 * none gone, the likelier cause is this JVM itself (a pause, a stall of the machine: the detector
 * then finds every heartbeat late), so nothing is given up: giving up on all of them would answer
 * NO_PATH while paths exist, and the host's patience still resends what goes unanswered.
 *
 * <p>Apply what was learnt ({@link #unreachable}, {@link #reachable}, {@link #gone}, ...), all of
 * it that came at once, then ask for the {@link #changes()}: a reading that hears two nodes again
 * after a stall must not tell the first one's loss in between.
 *
 * <p>Not thread-safe: one actor's state.
 */
final class Told {
  private final Set<String> watched;
  private final Set<String> unreachable = new HashSet<>();
  private final Set<String> gone = new HashSet<>();
  private final Set<String> toldLost = new HashSet<>();

  /** A change to tell: {@code node} is now {@code lost}, or reachable again. */
  record Change(String node, boolean lost) {}

  Told(Collection<String> watched) {
    this.watched = new TreeSet<>(watched);
  }

  /** Takes in what {@code e} says of a watched node: lost, heard again, downed or removed. */
  void learn(ElementReachability.Event e) {
    String n = e.node();
    if (!watched.contains(n)) return;
    if (e instanceof ElementReachability.NodeUnreachable) unreachable(n);
    else if (e instanceof ElementReachability.NodeReachable) reachable(n);
    else if (e instanceof ElementReachability.NodeDowned
        || e instanceof ElementReachability.NodeRemoved) gone(n);
  }

  /** This node's failure detector lost {@code node}. */
  void unreachable(String node) {
    unreachable.add(node);
  }

  /** This node hears {@code node} again. */
  void reachable(String node) {
    unreachable.remove(node);
  }

  /** The cluster downed or removed {@code node}'s member in use. */
  void gone(String node) {
    gone.add(node);
  }

  /**
   * {@code node} was listed for the first time and the element takes it for reachable (as {@code
   * Server.Introduce} does): whatever member of that name was downed or removed before (a refused
   * start, an earlier run), this one is not, and this node's detector says again whether it can be
   * reached.
   */
  void listed(String node) {
    gone.remove(node);
    toldLost.remove(node);
  }

  /**
   * The element now uses a new incarnation of {@code node} and takes it for reachable (as {@code
   * Host.ServerUp} and {@code Server.PeerUp} do): what this node knew of the old one is over.
   */
  void newIncarnation(String node) {
    gone.remove(node);
    unreachable.remove(node);
    toldLost.remove(node);
  }

  /** Whether this node cannot reach {@code node}, or it is gone. */
  boolean cannotReach(String node) {
    return unreachable.contains(node) || gone.contains(node);
  }

  /** Whether every watched node can be reached. */
  boolean allReachable() {
    return watched.stream().noneMatch(this::cannotReach);
  }

  /**
   * The nodes lost to the element now, as told so far: for an element that starts after some were
   * (the changes returned before it existed were not delivered).
   */
  List<String> lostNow() {
    return List.copyOf(new TreeSet<>(toldLost));
  }

  /** What to tell now that was not told: each change once, in the order of the names. */
  List<Change> changes() {
    List<Change> out = new ArrayList<>();
    for (String n : watched) {
      boolean lost = lost(n);
      if (lost ? toldLost.add(n) : toldLost.remove(n)) out.add(new Change(n, lost));
    }
    return out;
  }

  private boolean lost(String n) {
    if (gone.contains(n)) return true;
    if (!unreachable.contains(n)) return false;
    for (String other : watched) if (!other.equals(n) && !cannotReach(other)) return true;
    return false;
  }
}
