package org.peerpath.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.remote.RemoteActorRefProvider;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;
import scala.jdk.javaapi.FutureConverters;

/**
 * A network cut between this node and another, and its healing, made inside Artery: with Artery's
 * test mode on ({@code --allow-cut}), its blackhole drops every message this node sends to the
 * other and every message it receives from it, heartbeats, gossip and system messages included,
 * while the TCP connection stays open. Both nodes see each other unreachable as they would behind a
 * failed switch; everyone else still reaches both. It is the mechanism Pekko's own multi-node tests
 * use, it needs no privileges, and it ends with the process: nothing outlives a killed launcher, as
 * an iptables rule would (docs/cluster.md, "Partitions").
 */
@SuppressWarnings(
    "deprecation") // the blackhole's commands are shared with classic remoting, deprecated
public final class Partitions {
  private Partitions() {}

  /**
   * Drops everything between this node and {@code other}, both ways, until {@link #heal}.
   *
   * @throws IllegalArgumentException when no other member of the cluster is at {@code other}:
   *     Artery would blackhole the address all the same and report success, and nothing would be
   *     cut ({@code localhost:2552} for a node at {@code 127.0.0.1:2552} is another address)
   */
  public static CompletionStage<Boolean> cut(ActorSystem<?> system, Address other) {
    requireAllowed(system);
    requireOtherMember(system, other);
    return command(system, other, ThrottlerTransportAdapter.blackholeThrottleMode());
  }

  /**
   * Lets messages between this node and {@code other} through again. Not checked against the
   * members: the other node may have been downed or removed meanwhile (a cut that lasts past the
   * Split Brain Resolver's stable-after downs both servers), and lifting a blackhole that matches
   * nothing is harmless.
   */
  public static CompletionStage<Boolean> heal(ActorSystem<?> system, Address other) {
    return command(system, other, ThrottlerTransportAdapter.unthrottledThrottleMode());
  }

  /** Whether {@code system} was started to accept cuts. */
  public static boolean allowed(ActorSystem<?> system) {
    return system.settings().config().getBoolean("pekko.remote.artery.advanced.test-mode");
  }

  private static void requireAllowed(ActorSystem<?> system) {
    if (!allowed(system))
      throw new IllegalStateException(
          "this node was started without cuts allowed (--allow-cut, Artery's test-mode)");
  }

  private static void requireOtherMember(ActorSystem<?> system, Address other) {
    Cluster cluster = Cluster.get(system);
    if (other.equals(cluster.selfMember().address()))
      throw new IllegalArgumentException(other + " is this node itself; nothing cut");
    List<Address> members = new ArrayList<>();
    for (Member m : cluster.state().getMembers()) members.add(m.address());
    if (!members.contains(other))
      throw new IllegalArgumentException(
          "no member of the cluster is at "
              + other
              + " (members: "
              + members.stream().map(Address::toString).collect(Collectors.joining(", "))
              + "); nothing cut");
  }

  private static CompletionStage<Boolean> command(
      ActorSystem<?> system, Address other, ThrottlerTransportAdapter.ThrottleMode mode) {
    requireAllowed(system);
    ExtendedActorSystem classic = (ExtendedActorSystem) Adapter.toClassic(system);
    RemoteActorRefProvider provider = (RemoteActorRefProvider) classic.provider();
    var command =
        new ThrottlerTransportAdapter.SetThrottle(
            other, ThrottlerTransportAdapter.bothDirection(), mode);
    return FutureConverters.asJava(provider.transport().managementCommand(command))
        .thenApply(ok -> (Boolean) ok);
  }
}
