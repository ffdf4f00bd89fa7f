package org.peerpath.cluster;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Turns Pekko's membership and reachability events into what the model needs to hear: which
 * elements came up, became unreachable or reachable again, were downed, or left the cluster for
 * good. A member names its node by a role ({@code node:server-2}); the elements are those the node
 * carries ({@code server-2}, {@code adapter-2}, {@code memory-2}). A member without such a role is
 * not a peerpath node and is not reported.
 *
 * <p>The subscriber hears about members already there when it subscribes (as {@link NodeUp} and
 * {@link NodeUnreachable}), then every change, its own node's included.
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

  /** The failure detector lost the node: its elements may be dead or cut off. */
  public record NodeUnreachable(String node) implements Event {}

  /** The node answers again after being unreachable. */
  public record NodeReachable(String node) implements Event {}

  /** The Split Brain Resolver (or an operator) downed the node: it will not come back. */
  public record NodeDowned(String node) implements Event {}

  /**
   * The node left the cluster, downed or by leaving; a new node of that name is a new incarnation.
   */
  public record NodeRemoved(String node) implements Event {}

  private ElementReachability() {}

  /** Tells {@code subscriber} of every peerpath node's changes, from now on. */
  public static Behavior<ClusterEvent.ClusterDomainEvent> create(ActorRef<Event> subscriber) {
    return Behaviors.setup(
        ctx -> {
          var subscriptions = Cluster.get(ctx.getSystem()).subscriptions();
          subscriptions.tell(
              Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
          subscriptions.tell(
              Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
          return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
              .onMessage(
                  ClusterEvent.ClusterDomainEvent.class,
                  e -> {
                    translate(e).ifPresent(subscriber::tell);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  static Optional<Event> translate(ClusterEvent.ClusterDomainEvent e) {
    if (e instanceof ClusterEvent.MemberUp up) return name(up.member()).map(NodeUp::new);
    if (e instanceof ClusterEvent.UnreachableMember u)
      return name(u.member()).map(NodeUnreachable::new);
    if (e instanceof ClusterEvent.ReachableMember r)
      return name(r.member()).map(NodeReachable::new);
    if (e instanceof ClusterEvent.MemberDowned d) return name(d.member()).map(NodeDowned::new);
    if (e instanceof ClusterEvent.MemberRemoved r) return name(r.member()).map(NodeRemoved::new);
    return Optional.empty();
  }

  /** The node name in a member's roles ({@code node:server-2} gives {@code server-2}). */
  public static Optional<String> name(Member member) {
    for (String role : member.getRoles())
      if (role.startsWith(NodeConfig.NAME_ROLE_PREFIX))
        return Optional.of(role.substring(NodeConfig.NAME_ROLE_PREFIX.length()));
    return Optional.empty();
  }
}
