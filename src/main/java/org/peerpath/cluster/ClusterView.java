package org.peerpath.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The cluster's merged reachability, which the Split Brain Resolver decides on: a member is
 * unreachable in it while any member's detector has it unreachable. The model's elements do not act
 * on it ({@link ElementReachability} gives each node its own view); an operator, a launcher and a
 * test read it to know when the resolver has nothing left to decide. A kill while a healed cut's
 * records are still in it makes the resolver down the other end of that cut too (both ends of a cut
 * are "indirectly connected"), so a launcher waits for it to be clear first.
 *
 * <p>Says one line per change: {@code cluster view: server-2 unreachable to some member
 * (unreachable: server-2)} or {@code cluster view: all reachable}.
 */
public final class ClusterView {
  /** The line that says no member is unreachable to any other. */
  public static final String ALL_REACHABLE = "cluster view: all reachable";

  private ClusterView() {}

  /** Writes a line to {@code out} on every change of the merged reachability. */
  public static Behavior<ClusterEvent.ClusterDomainEvent> create(Consumer<String> out) {
    return Behaviors.setup(
        ctx -> {
          var subscriptions = Cluster.get(ctx.getSystem()).subscriptions();
          subscriptions.tell(
              Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
          subscriptions.tell(
              Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberRemoved.class));
          // By process (a restarted node's old member is another), named as the nodes are.
          Map<UniqueAddress, String> unreachable = new HashMap<>();
          return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
              .onMessage(
                  ClusterEvent.ClusterDomainEvent.class,
                  e -> {
                    Member m;
                    boolean lost;
                    if (e instanceof ClusterEvent.UnreachableMember u) {
                      m = u.member();
                      lost = true;
                    } else if (e instanceof ClusterEvent.ReachableMember r) {
                      m = r.member();
                      lost = false;
                    } else if (e instanceof ClusterEvent.MemberRemoved r) {
                      // Removed while unreachable: no longer in the view at all.
                      if (unreachable.remove(r.member().uniqueAddress()) == null)
                        return Behaviors.same();
                      m = r.member();
                      lost = false;
                    } else return Behaviors.same();
                    String name = ElementReachability.name(m).orElse(m.address().toString());
                    if (lost) unreachable.put(m.uniqueAddress(), name);
                    else unreachable.remove(m.uniqueAddress());
                    out.accept(
                        unreachable.isEmpty()
                            ? ALL_REACHABLE
                            : "cluster view: "
                                + name
                                + (lost
                                    ? " unreachable to some member"
                                    : e instanceof ClusterEvent.MemberRemoved
                                        ? " removed"
                                        : " reachable again")
                                + " (unreachable: "
                                + String.join(", ", new TreeSet<>(unreachable.values()))
                                + ")");
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
