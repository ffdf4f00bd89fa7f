package org.peerpath.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.peerpath.command.Elements;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.host.Host;
import org.peerpath.server.Server;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * A host node's wiring: it subscribes to the listing of every server of the configuration, spawns
 * {@code host-i} once all of them are listed and registers it (a workload or a client sends it
 * {@link Host.Send}), then keeps it told: {@link Host.ServerUp} for a server's new incarnation,
 * {@link Host.ServerUnreachable} and {@link Host.ServerReachable} from this node's own failure
 * detector ({@link ElementReachability}, {@link Told}). The host records every command's submission
 * and reply in this node's {@link History}, which streams them to the node's {@link NodeTally}: a
 * launcher asks it for the host's resends, and checks its own record of the commands.
 *
 * <p>Its own messages never leave the node.
 */
final class HostNode {
  sealed interface Event {}

  private record Listed(Receptionist.Listing listing) implements Event {}

  private record Reach(ElementReachability.Changes changes) implements Event {}

  private final ActorContext<Event> ctx;
  private final NodeSettings node;
  private final SubsystemSettings settings;
  private final Fabric fabric;
  private final History history;
  private final int workload;
  private final Consumer<String> out;
  private final Incarnations<Server.Command> servers = new Incarnations<>(Server.Command.class);

  /** What the host is told of the servers; made once the servers to follow are known. */
  private Told told;

  private ActorRef<Host.Command> host;
  private boolean workloadStarted;

  private HostNode(
      ActorContext<Event> ctx,
      NodeSettings node,
      SubsystemSettings settings,
      Fabric fabric,
      History history,
      int workload,
      Consumer<String> out) {
    this.ctx = ctx;
    this.node = node;
    this.settings = settings;
    this.fabric = fabric;
    this.history = history;
    this.workload = workload;
    this.out = out;
  }

  static Behavior<Event> create(
      NodeSettings node,
      SubsystemSettings settings,
      Fabric fabric,
      History history,
      int workload,
      Consumer<String> out) {
    return Behaviors.setup(
        ctx -> {
          HostNode self = new HostNode(ctx, node, settings, fabric, history, workload, out);
          var listings = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
          for (int i = 1; i <= settings.servers(); i++)
            ctx.getSystem()
                .receptionist()
                .tell(
                    Receptionist.subscribe(self.servers.follow(settings.serverName(i)), listings));
          self.told = new Told(self.servers.names());
          ctx.spawn(
              ElementReachability.createForChanges(
                  ctx.messageAdapter(ElementReachability.Changes.class, Reach::new)),
              "reachability");
          out.accept("waiting for the listings of " + settings.servers() + " servers");
          return self.behavior();
        });
  }

  private Behavior<Event> behavior() {
    return Behaviors.receive(Event.class)
        .onMessage(Listed.class, this::onListed)
        .onMessage(Reach.class, this::onReach)
        .build();
  }

  private Behavior<Event> onListed(Listed m) {
    servers.listed(ctx.getSystem(), m.listing()).ifPresent(this::onServerListed);
    flush();
    return Behaviors.same();
  }

  private void onServerListed(Incarnations.Change<Server.Command> c) {
    if (host == null) {
      told.listed(c.name());
      if (servers.listed() == settings.servers()) spawnHost();
      return;
    }
    // The host takes a new incarnation for reachable (Host.ServerUp).
    host.tell(new Host.ServerUp(peer(c.name(), c.now())));
    told.newIncarnation(c.name());
    out.accept(c.name() + " restarted, incarnation " + c.now().incarnation());
  }

  private static Server.Peer peer(String name, Discovered<Server.Command> found) {
    return new Server.Peer(name, Elements.index(name, Elements.SERVER_PREFIX), found.ref());
  }

  private void spawnHost() {
    List<Server.Peer> peers = new ArrayList<>();
    for (int i = 1; i <= settings.servers(); i++) {
      String name = settings.serverName(i);
      peers.add(peer(name, servers.current(name).orElseThrow()));
    }
    host =
        ctx.spawn(
            Host.create(
                node.name(),
                peers,
                settings.hostPolicy(),
                fabric,
                history,
                settings.hostPatience(),
                // Serials of this incarnation lie above every earlier one's (2^20 per
                // millisecond of the node's start, for 139 years from 2020): a restarted host
                // never reuses one.
                (node.incarnation() & ((1L << 42) - 1)) << 20),
            node.name());
    ctx.getSystem()
        .receptionist()
        .tell(Receptionist.register(ElementKeys.of(node.name(), Host.Command.class), host));
    out.accept(node.name() + " running, sending to " + servers.names().stream().sorted().toList());
    flush(); // what it cannot reach already, learnt before it ran
  }

  /**
   * The workload starts once the host runs and reaches every server: a member that is still
   * settling into the cluster is no server to send a first command to.
   */
  private void startWorkloadWhenAllReachable() {
    if (workload == 0 || workloadStarted || host == null) return;
    if (!told.allReachable()) {
      out.accept("workload waits: not every server is reachable");
      return;
    }
    workloadStarted = true;
    ctx.spawn(Workload.create(host, settings, workload, out), "workload");
  }

  private Behavior<Event> onReach(Reach m) {
    for (ElementReachability.Event e : m.changes().events()) {
      told.learn(e);
      servers.learn(ctx.getSystem(), e).ifPresent(this::onServerListed);
    }
    flush();
    return Behaviors.same();
  }

  /**
   * Tells the host what it now can or cannot reach, all that changed at once; starts the workload.
   */
  private void flush() {
    if (host == null) return;
    for (Told.Change c : told.changes())
      host.tell(
          c.lost() ? new Host.ServerUnreachable(c.node()) : new Host.ServerReachable(c.node()));
    startWorkloadWhenAllReachable();
  }
}
