package org.peerpath.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.peerpath.subsystem.SubsystemSettings;

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
  private final AtomicReference<String> refusal;

  private ClusterNode(
      NodeSettings settings,
      ActorSystem<Void> system,
      CompletableFuture<Done> up,
      AtomicReference<String> refusal) {
    this.settings = settings;
    this.system = system;
    this.up = up;
    this.refusal = refusal;
  }

  /** The member role that carries this node's settings' fingerprint: {@code settings:1a2b3c4d}. */
  public static final String SETTINGS_ROLE_PREFIX = "settings:";

  /**
   * The fingerprint of what every node must agree on (docs/cluster.md, Settings): the subsystem's
   * geometry, completion rule and times as a cluster node runs them, and the failure detector's
   * pause and heartbeat. The latency model is not in it (it has no value to compare).
   */
  static String fingerprint(Config config) {
    SubsystemSettings s = ModelPlacement.onCluster(SubsystemSettings.fromConfig(config), config);
    String text =
        String.join(
            "|",
            "servers=" + s.servers(),
            "block-size=" + s.blockSize(),
            "blocks=" + s.blocks(),
            "max-transfer-blocks=" + s.maxTransferBlocks(),
            "completion=" + s.completion(),
            "deadline=" + s.deadline(),
            "unreachable-after=" + s.unreachableAfter(),
            "watchdog=" + s.watchdog(),
            // The latency model has no value to compare, but it sets the host's patience, and so
            // how long the disk remembers a write's id.
            "host-patience=" + s.hostPatience(),
            detector(config, "heartbeat-interval"),
            detector(config, "threshold"),
            detector(config, "min-std-deviation"),
            detector(config, "expected-response-after"));
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  private static String detector(Config config, String key) {
    return key + "=" + config.getValue("pekko.cluster.failure-detector." + key).unwrapped();
  }

  /** {@code config} with the settings' fingerprint among the member's roles. */
  static Config withFingerprint(Config config) {
    List<String> roles = new ArrayList<>(config.getStringList("pekko.cluster.roles"));
    roles.removeIf(r -> r.startsWith(SETTINGS_ROLE_PREFIX));
    roles.add(SETTINGS_ROLE_PREFIX + fingerprint(config));
    return ConfigFactory.parseMap(Map.of("pekko.cluster.roles", roles)).withFallback(config);
  }

  /**
   * Why this node refused to serve, if it did: its settings differ from a member's already in the
   * cluster. It then leaves without spawning its elements.
   */
  public Optional<String> refused() {
    return Optional.ofNullable(refusal.get());
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
    AtomicReference<String> refusal = new AtomicReference<>();
    Config marked = withFingerprint(config);
    ActorSystem<Void> system =
        ActorSystem.create(
            guardian(settings, elements, up, refusal), NodeConfig.SYSTEM_NAME, marked);
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
    return new ClusterNode(settings, system, up, refusal);
  }

  private static Behavior<Void> guardian(
      NodeSettings settings,
      ElementSpawner elements,
      CompletableFuture<Done> up,
      AtomicReference<String> refusal) {
    return Behaviors.<SelfUp>setup(
            ctx -> {
              Cluster.get(ctx.getSystem())
                  .subscriptions()
                  .tell(Subscribe.create(ctx.getSelf(), SelfUp.class));
              return Behaviors.receive(SelfUp.class)
                  .onMessage(
                      SelfUp.class,
                      selfUp -> {
                        Optional<String> differs = disagreement(Cluster.get(ctx.getSystem()));
                        if (differs.isPresent()) {
                          refusal.set(differs.get());
                          up.completeExceptionally(new IllegalStateException(differs.get()));
                          CoordinatedShutdown.get(ctx.getSystem())
                              .runAll(CoordinatedShutdown.clusterLeavingReason());
                          return Behaviors.receive(SelfUp.class).build();
                        }
                        elements.spawn(ctx, settings);
                        up.complete(Done.getInstance());
                        return Behaviors.receive(SelfUp.class).build();
                      })
                  .build();
            })
        .unsafeCast();
  }

  /**
   * How this node's settings differ from the cluster's, described; empty when they agree. The
   * cluster's are those of its oldest Up member that carries a fingerprint (the disk node, as a
   * rule): a node that differs refuses itself, and two joining at once with different settings do
   * not make the right one refuse too.
   */
  static Optional<String> disagreement(Cluster cluster) {
    String own = roleOf(cluster.selfMember().getRoles());
    if (own == null) return Optional.empty();
    Member oldest = null;
    for (Member m : cluster.state().getMembers()) {
      if (m.status() != org.apache.pekko.cluster.MemberStatus.up() || roleOf(m.getRoles()) == null)
        continue;
      if (oldest == null || m.isOlderThan(oldest)) oldest = m;
    }
    if (oldest == null) return Optional.empty();
    String theirs = roleOf(oldest.getRoles());
    if (theirs.equals(own)) return Optional.empty();
    String name = ElementReachability.name(oldest).orElse(oldest.address().toString());
    return Optional.of(
        "this node's settings differ from "
            + name
            + "'s ("
            + own
            + " here, "
            + theirs
            + " there): every node must be given the same peerpath.subsystem servers,"
            + " block-size, blocks, max-transfer-blocks, completion, deadline, unreachable-after,"
            + " watchdog and latency, and the same pekko.cluster.failure-detector settings"
            + " (docs/cluster.md, Settings); this node leaves without serving");
  }

  /**
   * Whether {@code m} runs this node's settings, or says nothing of them: a member that differs
   * refuses itself and leaves, and no node takes its elements meanwhile.
   */
  static boolean agrees(Cluster cluster, Member m) {
    String own = roleOf(cluster.selfMember().getRoles());
    String theirs = roleOf(m.getRoles());
    return own == null || theirs == null || own.equals(theirs);
  }

  private static String roleOf(java.util.Set<String> roles) {
    for (String r : roles) if (r.startsWith(SETTINGS_ROLE_PREFIX)) return r;
    return null;
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

  /**
   * Leaves as {@link #leave()} does and waits up to {@link #leaveLimit()}; if leaving does not end
   * by then, ends the actor system without leaving: a launcher's own node must not outlive its run.
   */
  public void leaveOrTerminate() {
    try {
      leave().toCompletableFuture().get(leaveLimit().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      system.terminate();
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      system.terminate();
    }
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
