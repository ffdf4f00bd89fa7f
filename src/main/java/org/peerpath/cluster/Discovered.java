package org.peerpath.cluster;

import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * An element found in a Receptionist listing, with the incarnation of the node it runs on (its
 * member's {@code incarnation:N} role). A listing may hold an old and a new incarnation of one
 * element for a while (a restarted JVM registers before the old one's registration is gone); the
 * newest is the one to talk to.
 */
record Discovered<T>(ActorRef<T> ref, long incarnation) {

  /**
   * The instance of {@code refs} on the node of the highest incarnation, among those on members
   * this node knows with an incarnation.
   */
  static <T> Optional<Discovered<T>> newest(ActorSystem<?> system, Set<ActorRef<T>> refs) {
    Discovered<T> best = null;
    for (ActorRef<T> ref : refs) {
      Optional<Long> inc =
          memberOf(system, ref.path().address())
              .filter(m -> ClusterNode.agrees(Cluster.get(system), m))
              .flatMap(NodeIncarnation::of);
      if (inc.isPresent() && (best == null || inc.get() > best.incarnation()))
        best = new Discovered<>(ref, inc.get());
    }
    return Optional.ofNullable(best);
  }

  /** The member an actor's address is on: this node for a local reference. */
  private static Optional<Member> memberOf(ActorSystem<?> system, Address address) {
    Cluster cluster = Cluster.get(system);
    if (address.host().isEmpty()) return Optional.of(cluster.selfMember());
    for (Member m : cluster.state().getMembers())
      if (m.address().equals(address)) return Optional.of(m);
    for (Member m : cluster.state().getUnreachable())
      if (m.address().equals(address)) return Optional.of(m);
    return Optional.empty();
  }
}
