package org.peerpath.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Turns Pekko's membership events and this node's own failure detector into what the model needs to
 * hear: which elements came up, which this node cannot reach or can reach again, which were downed
 * or left the cluster for good. A member names its node by a role ({@code node:server-2}); the
 * elements are those the node carries ({@code server-2}, {@code adapter-2}, {@code memory-2}). A
 * member without such a role is not a peerpath node and is not reported.
 *
 * <p><b>Reachability is this node's own view</b>, as the virtual-time control gives each element
 * (DESIGN.md §8): "unreachable" means this node's failure detector has lost the node. The cluster's
 * reachability events are every member's views merged, so that a cut between server-1 and server-2
 * would make both unreachable to the host too, and a launcher's pause would make every server
 * unreachable to every other; a server re-driving its forwards, or a host giving up on a server, on
 * someone else's suspicion would answer errors while a path exists. So the detector ({@code
 * Cluster.failureDetector}, the one whose verdicts the cluster gossips) is read every heartbeat
 * interval, and a node is unreachable from here once it has been unavailable at two readings in a
 * row: the first reading after this JVM itself was paused may find every heartbeat late, and the
 * next, a heartbeat later, finds them again.
 *
 * <p><b>Incarnations.</b> Each name has one current member: the one of the highest incarnation (its
 * {@code incarnation:N} role) seen Up (or WeaklyUp), or any seen Up after the current one was
 * downed or removed. Events about an older member of that name (a restarted node's old process
 * being removed after the new one is Up) are not reported: they would be taken for news of the new
 * one.
 *
 * <p>The subscriber hears about members already there when it subscribes (as {@link NodeUp}), then
 * every change, its own node's included.
 */
public final class ElementReachability {
  /** What the subscriber is told, one event per node and change. */
  public sealed interface Event {
    /** The node's name: {@code host-1}, {@code server-2}, {@code disk}. */
    String node();

    /** The elements the node carries, its own name first. */
    default List<String> elements() {
      return NodeRole.elementsOf(node());
    }
  }

  /** The node is a member, Up: its elements can be found and reached. */
  public record NodeUp(String node) implements Event {}

  /** This node's failure detector lost the node: its elements may be dead or cut off from here. */
  public record NodeUnreachable(String node) implements Event {}

  /** This node hears the node again after it was unreachable. */
  public record NodeReachable(String node) implements Event {}

  /** The Split Brain Resolver (or an operator) downed the node: it will not come back. */
  public record NodeDowned(String node) implements Event {}

  /**
   * The node left the cluster, downed or by leaving; a new node of that name is a new incarnation.
   */
  public record NodeRemoved(String node) implements Event {}

  /** How many readings in a row a node must be unavailable at to be unreachable from here. */
  static final int READINGS = 2;

  private ElementReachability() {}

  /** A member as this class needs it: its node's name, incarnation and address. */
  record Seen(String node, long incarnation, Address address) {
    static Optional<Seen> of(Member m) {
      return name(m).map(n -> new Seen(n, NodeIncarnation.of(m).orElse(0L), m.address()));
    }
  }

  private record Changed(ClusterEvent.MemberEvent event) {}

  private enum Read {
    INSTANCE
  }

  /**
   * What changed at once: one membership event's meaning, or one reading of the detector. A node
   * acts on all of it together: two nodes heard again after this JVM's stall are one change.
   */
  public record Changes(List<Event> events) {
    public Changes {
      events = List.copyOf(events);
    }
  }

  /**
   * Tells {@code subscriber} of every peerpath node's changes, one event at a time, from now on.
   */
  public static Behavior<?> create(ActorRef<Event> subscriber) {
    return create(events -> events.forEach(subscriber::tell));
  }

  /**
   * Tells {@code subscriber} of every peerpath node's changes, those that came at once together.
   */
  public static Behavior<?> createForChanges(ActorRef<Changes> subscriber) {
    return create(
        events -> {
          if (!events.isEmpty()) subscriber.tell(new Changes(events));
        });
  }

  private static Behavior<?> create(java.util.function.Consumer<List<Event>> deliver) {
    return Behaviors.<Object>setup(
        ctx -> {
          var system = ctx.getSystem();
          var classic = org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system));
          Address self = classic.selfAddress();
          var detector = classic.failureDetector();
          Duration every =
              system
                  .settings()
                  .config()
                  .getDuration("pekko.cluster.failure-detector.heartbeat-interval");
          Cluster.get(system)
              .subscriptions()
              .tell(
                  Subscribe.create(
                      ctx.messageAdapter(ClusterEvent.MemberEvent.class, Changed::new),
                      ClusterEvent.MemberEvent.class));
          View view = new View(self, a -> detector.isAvailable(a));
          Cluster cluster = Cluster.get(system);
          return Behaviors.withTimers(
              timers -> {
                timers.startTimerWithFixedDelay(Read.INSTANCE, every);
                return Behaviors.receive(Object.class)
                    .onMessage(
                        Changed.class,
                        c -> {
                          // A member with other settings refuses itself and leaves: it is never
                          // a node's current member of its name, so its leaving is no news.
                          if (!ClusterNode.agrees(cluster, c.event().member()))
                            return Behaviors.same();
                          deliver.accept(view.member(c.event()));
                          return Behaviors.same();
                        })
                    .onMessage(
                        Read.class,
                        r -> {
                          deliver.accept(view.read());
                          return Behaviors.same();
                        })
                    .build();
              });
        });
  }

  /** This node's view of the others: the current member of each name and whether it is heard. */
  static final class View {
    private final Address self;
    private final Predicate<Address> available;
    private final Map<String, Seen> current = new HashMap<>();
    private final Set<String> gone = new HashSet<>();
    private final Map<String, Integer> missed = new HashMap<>();
    private final Set<String> unreachable = new HashSet<>();

    /**
     * @param self this node's address, never read from the detector
     * @param available this node's failure detector: whether it hears the node at an address
     */
    View(Address self, Predicate<Address> available) {
      this.self = self;
      this.available = available;
    }

    /** What a membership event means, if anything. */
    List<Event> member(ClusterEvent.MemberEvent e) {
      Optional<Seen> seen = Seen.of(e.member());
      if (seen.isEmpty()) return List.of();
      // WeaklyUp: a member that joined while the cluster could not agree; it is listed and used.
      if (e instanceof ClusterEvent.MemberUp || e instanceof ClusterEvent.MemberWeaklyUp)
        return up(seen.get());
      if (e instanceof ClusterEvent.MemberDowned) return left(seen.get(), false);
      if (e instanceof ClusterEvent.MemberRemoved) return left(seen.get(), true);
      return List.of();
    }

    List<Event> up(Seen m) {
      Seen known = current.get(m.node());
      // An older incarnation is news only once the current one has left (a restart whose clock
      // runs behind the old one's).
      if (known != null
          && (known.equals(m)
              || (known.incarnation() > m.incarnation() && !gone.contains(m.node()))))
        return List.of();
      current.put(m.node(), m);
      gone.remove(m.node());
      missed.remove(m.node());
      // A new incarnation starts heard; if the old one was unreachable, that is over.
      List<Event> out = new ArrayList<>();
      if (unreachable.remove(m.node())) out.add(new NodeReachable(m.node()));
      out.add(new NodeUp(m.node()));
      return out;
    }

    /**
     * {@code m} was downed, or removed: news only of the current member, or of one never seen Up.
     */
    List<Event> left(Seen m, boolean removed) {
      Seen known = current.get(m.node());
      if (known != null && !known.equals(m)) return List.of();
      gone.add(m.node());
      return List.of(removed ? new NodeRemoved(m.node()) : new NodeDowned(m.node()));
    }

    /** Reads the detector for every current member: the changes of reachability from here. */
    List<Event> read() {
      List<Event> out = new ArrayList<>();
      for (Seen m : current.values()) {
        String n = m.node();
        if (m.address().equals(self) || gone.contains(n)) continue;
        if (available.test(m.address())) {
          missed.remove(n);
          if (unreachable.remove(n)) out.add(new NodeReachable(n));
        } else if (missed.merge(n, 1, Integer::sum) >= READINGS && unreachable.add(n)) {
          out.add(new NodeUnreachable(n));
        }
      }
      out.sort(java.util.Comparator.comparing(Event::node));
      return out;
    }
  }

  /** The node name in a member's roles ({@code node:server-2} gives {@code server-2}). */
  public static Optional<String> name(Member member) {
    for (String role : member.getRoles())
      if (role.startsWith(NodeConfig.NAME_ROLE_PREFIX))
        return Optional.of(role.substring(NodeConfig.NAME_ROLE_PREFIX.length()));
    return Optional.empty();
  }
}
