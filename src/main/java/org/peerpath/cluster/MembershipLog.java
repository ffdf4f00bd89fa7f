package org.peerpath.cluster;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What a node tells its operator about the cluster: one line per change ({@code server-2
 * unreachable}) followed by every node it knows and how it sees it ({@code members: disk up, host-1
 * up, server-1 up, server-2 unreachable}). {@code bin/peerpath node} prints these, and the launcher
 * and the tests read them from the node's log.
 */
public final class MembershipLog {
  private MembershipLog() {}

  /** Writes lines to {@code out}, starting from no known member. */
  public static Behavior<ElementReachability.Event> create(Consumer<String> out) {
    return seeing(out, new TreeMap<>());
  }

  private static Behavior<ElementReachability.Event> seeing(
      Consumer<String> out, Map<String, String> members) {
    return Behaviors.receive(ElementReachability.Event.class)
        .onMessage(
            ElementReachability.Event.class,
            e -> {
              String change = change(e);
              Map<String, String> now = new TreeMap<>(members);
              if (e instanceof ElementReachability.NodeRemoved) now.remove(e.node());
              else now.put(e.node(), change.equals("reachable") ? "up" : change);
              out.accept(e.node() + " " + change + "; members: " + describe(now));
              return seeing(out, now);
            })
        .build();
  }

  private static String change(ElementReachability.Event e) {
    if (e instanceof ElementReachability.NodeUp) return "up";
    if (e instanceof ElementReachability.NodeUnreachable) return "unreachable";
    if (e instanceof ElementReachability.NodeReachable) return "reachable";
    if (e instanceof ElementReachability.NodeDowned) return "downed";
    return "removed";
  }

  private static String describe(Map<String, String> members) {
    if (members.isEmpty()) return "none";
    return members.entrySet().stream()
        .map(m -> m.getKey() + " " + m.getValue())
        .collect(Collectors.joining(", "));
  }
}
