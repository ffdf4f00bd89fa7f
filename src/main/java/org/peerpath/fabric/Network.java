package org.peerpath.fabric;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.peerpath.command.Elements;
import org.peerpath.runtime.SharedState;

/**
 * Which nodes are down and which pairs of nodes are cut off from each other (trace-v1's
 * whole-server faults and partitions). The {@link Fabric} asks it of every message: a message is
 * lost if its sender's node is down when it is sent, or if its receiver's node is down or cut off
 * from the sender's when it would arrive. A message already on its way when its sender's node dies
 * still arrives, as a packet on the wire does.
 *
 * <p>Nodes are named as {@link Elements#nodeOf} says. Several partitions may hold at once, and the
 * same pair may be cut twice: it is whole again once each cut is healed. Changed by the subsystem's
 * control, read by every element's sends; with nothing down or cut, a read is one volatile load.
 */
public final class Network {
  private final Map<String, String> nodes = new ConcurrentHashMap<>();
  private final Set<String> down = new HashSet<>();
  private final Map<String, Integer> cuts = new HashMap<>();

  /** True while nothing is down or cut: the common case costs one read. */
  private volatile boolean whole = true;

  /** Node {@code node} has died: nothing it sends leaves, nothing sent to it arrives. */
  public synchronized void crash(String node) {
    SharedState.changedForAll(); // every send reads it
    down.add(node);
    whole = false;
  }

  /** Node {@code node} runs again (as a new incarnation). */
  public synchronized void restart(String node) {
    SharedState.changedForAll(); // every send reads it
    down.remove(node);
    whole = down.isEmpty() && cuts.isEmpty();
  }

  /** Every path between the nodes of {@code a} and {@code b} is cut, both ways. */
  public synchronized void cut(String a, String b) {
    SharedState.changedForAll(); // every send reads it
    cuts.merge(pair(a, b), 1, Integer::sum);
    whole = false;
  }

  /**
   * One cut between the nodes of {@code a} and {@code b} is healed; false if none held, which
   * changes nothing.
   */
  public synchronized boolean heal(String a, String b) {
    SharedState.changedForAll(); // every send reads it
    String key = pair(a, b);
    Integer n = cuts.get(key);
    if (n == null) return false;
    if (n == 1) cuts.remove(key);
    else cuts.put(key, n - 1);
    whole = down.isEmpty() && cuts.isEmpty();
    return true;
  }

  /** Whether the nodes of {@code a} and {@code b} are cut off from each other now. */
  public synchronized boolean isCut(String a, String b) {
    return cuts.containsKey(pair(a, b));
  }

  /** Whether the node of {@code element} is down now. */
  public synchronized boolean isDown(String element) {
    return down.contains(node(element));
  }

  /** Whether a message {@code from} may leave now: its node is up. */
  boolean canSend(String from) {
    return whole || !isDown(from);
  }

  /** Whether a message {@code from} → {@code to} arrives now. */
  boolean arrives(String from, String to) {
    if (whole) return true;
    synchronized (this) {
      String t = node(to);
      return !down.contains(t) && !cuts.containsKey(key(node(from), t));
    }
  }

  private String pair(String a, String b) {
    return key(node(a), node(b));
  }

  private static String key(String nodeA, String nodeB) {
    return nodeA.compareTo(nodeB) <= 0 ? nodeA + "|" + nodeB : nodeB + "|" + nodeA;
  }

  private String node(String element) {
    return nodes.computeIfAbsent(element, Elements::nodeOf);
  }
}
