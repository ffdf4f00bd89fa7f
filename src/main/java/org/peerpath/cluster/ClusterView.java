package org.peerpath.cluster;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
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
  public static Behavior<ClusterEvent.ReachabilityEvent> create(Consumer<String> out) {
    return Behaviors.setup(
        ctx -> {
          Cluster.get(ctx.getSystem())
              .subscriptions()
              .tell(Subscribe.create(ctx.getSelf(), ClusterEvent.ReachabilityEvent.class));
          Set<String> unreachable = new TreeSet<>();
          return Behaviors.receive(ClusterEvent.ReachabilityEvent.class)
              .onMessage(
                  ClusterEvent.ReachabilityEvent.class,
                  e -> {
                    String name =
                        ElementReachability.name(e.member())
                            .orElse(e.member().address().toString());
                    boolean lost = e instanceof ClusterEvent.UnreachableMember;
                    if (lost) unreachable.add(name);
                    else unreachable.remove(name);
                    out.accept(
                        unreachable.isEmpty()
                            ? ALL_REACHABLE
                            : "cluster view: "
                                + name
                                + (lost ? " unreachable to some member" : " reachable again")
                                + " (unreachable: "
                                + String.join(", ", unreachable)
                                + ")");
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
