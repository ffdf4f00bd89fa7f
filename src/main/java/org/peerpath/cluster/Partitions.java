package org.peerpath.cluster;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
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

  /** Drops everything between this node and {@code other}, both ways, until {@link #heal}. */
  public static CompletionStage<Boolean> cut(ActorSystem<?> system, Address other) {
    return command(system, other, ThrottlerTransportAdapter.blackholeThrottleMode());
  }

  /** Lets messages between this node and {@code other} through again. */
  public static CompletionStage<Boolean> heal(ActorSystem<?> system, Address other) {
    return command(system, other, ThrottlerTransportAdapter.unthrottledThrottleMode());
  }

  /** Whether {@code system} was started to accept cuts. */
  public static boolean allowed(ActorSystem<?> system) {
    return system.settings().config().getBoolean("pekko.remote.artery.advanced.test-mode");
  }

  private static CompletionStage<Boolean> command(
      ActorSystem<?> system, Address other, ThrottlerTransportAdapter.ThrottleMode mode) {
    if (!allowed(system))
      throw new IllegalStateException(
          "this node was started without cuts allowed (--allow-cut, Artery's test-mode)");
    ExtendedActorSystem classic = (ExtendedActorSystem) Adapter.toClassic(system);
    RemoteActorRefProvider provider = (RemoteActorRefProvider) classic.provider();
    var command =
        new ThrottlerTransportAdapter.SetThrottle(
            other, ThrottlerTransportAdapter.bothDirection(), mode);
    return FutureConverters.asJava(provider.transport().managementCommand(command))
        .thenApply(ok -> (Boolean) ok);
  }
}
