package org.peerpath.cluster;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * One JVM's place in the peerpath cluster (DESIGN.md §8): an actor system named {@value
 * NodeConfig#SYSTEM_NAME} with the cluster provider, member roles that say what the node carries
 * and what it is called ({@code server}, {@code node:server-2}), joined through its seeds or, with
 * none, starting the cluster itself. Once the node is Up, its guardian spawns the node's elements
 * through the {@link ElementSpawner} it was given.
 *
 * <p>Leaving is graceful ({@link #leave()}, also on Ctrl-C and SIGTERM through Pekko's shutdown
 * hook); a node that the Split Brain Resolver downs ends its actor system by itself ({@link
 * #terminated()} completes).
 */
public final class ClusterNode {
  private final NodeSettings settings;
  private final ActorSystem<Void> system;
  private final CompletableFuture<Done> up;

  private ClusterNode(NodeSettings settings, ActorSystem<Void> system, CompletableFuture<Done> up) {
    this.settings = settings;
    this.system = system;
    this.up = up;
  }

  /**
   * Starts the node with its config over the application's ({@link NodeConfig#of(NodeSettings)}).
   */
  public static ClusterNode start(NodeSettings settings, ElementSpawner elements) {
    return start(settings, NodeConfig.of(settings), elements);
  }

  /**
   * Starts the node with {@code config} (made by {@link NodeConfig}) and joins the cluster.
   *
   * @throws org.apache.pekko.remote.RemoteTransportException when its port cannot be bound
   */
  public static ClusterNode start(NodeSettings settings, Config config, ElementSpawner elements) {
    CompletableFuture<Done> up = new CompletableFuture<>();
    ActorSystem<Void> system =
        ActorSystem.create(guardian(settings, elements, up), NodeConfig.SYSTEM_NAME, config);
    Cluster cluster = Cluster.get(system);
    if (settings.seeds().isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      List<Address> seeds = settings.seeds().stream().map(NodeConfig::address).toList();
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
    system
        .getWhenTerminated()
        .thenRun(
            () ->
                up.completeExceptionally(
                    new IllegalStateException(
                        "node " + settings.name() + " ended before it was Up")));
    return new ClusterNode(settings, system, up);
  }

  private static Behavior<Void> guardian(
      NodeSettings settings, ElementSpawner elements, CompletableFuture<Done> up) {
    return Behaviors.<SelfUp>setup(
            ctx -> {
              Cluster.get(ctx.getSystem())
                  .subscriptions()
                  .tell(Subscribe.create(ctx.getSelf(), SelfUp.class));
              return Behaviors.receive(SelfUp.class)
                  .onMessage(
                      SelfUp.class,
                      selfUp -> {
                        elements.spawn(ctx, settings);
                        up.complete(Done.getInstance());
                        return Behaviors.receive(SelfUp.class).build();
                      })
                  .build();
            })
        .unsafeCast();
  }

  public NodeSettings settings() {
    return settings;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** This node's cluster address: {@code pekko://peerpath@127.0.0.1:2551}. */
  public Address address() {
    return Cluster.get(system).selfMember().address();
  }

  /** Completes when this node is Up (and its elements spawned); fails if it ends before. */
  public CompletionStage<Done> up() {
    return up;
  }

  /** Completes when the actor system has ended: left, downed, or stopped. */
  public CompletionStage<Done> terminated() {
    return system.getWhenTerminated();
  }

  /** Leaves the cluster gracefully and ends the actor system; completes when it has ended. */
  public CompletionStage<Done> leave() {
    return CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.clusterLeavingReason());
  }

  /** The longest a graceful leave may take with cluster.conf's phase timeouts, with a margin. */
  public static Duration leaveLimit() {
    return Duration.ofSeconds(10);
  }

  /** What this node may send across JVMs in one message. */
  public FrameBudget frameBudget() {
    return FrameBudget.of(system);
  }
}
