package org.peerpath.cluster;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.peerpath.command.Elements;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.server.Server;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * A server node's wiring, what the one-JVM subsystem's control does for a server under virtual
 * time, here from the cluster: it waits for the disk's listing, then spawns {@code memory-i} and
 * {@code server-i} of this node's incarnation and registers both; it tells its server of each peer
 * server's listing ({@link Server.Introduce} for the first, {@link Server.PeerUp} with the peer's
 * first epoch, learnt from its incarnation role) and of each node it cannot reach or can reach
 * again ({@link Server.NodeUnreachable}, {@link Server.NodeReachable}), peers and the disk alike.
 *
 * <p>Its own messages never leave the node.
 */
final class ServerNode {
  sealed interface Event {}

  private record Listed(Receptionist.Listing listing) implements Event {}

  private record Reach(ElementReachability.Changes changes) implements Event {}

  private final ActorContext<Event> ctx;
  private final NodeSettings node;
  private final SubsystemSettings settings;
  private final Fabric fabric;
  private final History history;
  private final Consumer<String> out;
  private final int index;
  private final ServiceKey<Disk.Command> diskKey =
      ElementKeys.of(Elements.DISK, Disk.Command.class);
  private final Incarnations<Server.Command> peers = new Incarnations<>(Server.Command.class);

  /** What the server is told of the disk and its peers; made once the peers are known. */
  private Told told;

  private ActorRef<Server.Command> server;

  private ServerNode(
      ActorContext<Event> ctx,
      NodeSettings node,
      SubsystemSettings settings,
      Fabric fabric,
      History history,
      Consumer<String> out) {
    this.ctx = ctx;
    this.node = node;
    this.settings = settings;
    this.fabric = fabric;
    this.history = history;
    this.out = out;
    this.index = Elements.index(node.name(), Elements.SERVER_PREFIX);
  }

  static Behavior<Event> create(
      NodeSettings node,
      SubsystemSettings settings,
      Fabric fabric,
      History history,
      Consumer<String> out) {
    return Behaviors.setup(
        ctx -> {
          int index = Elements.index(node.name(), Elements.SERVER_PREFIX);
          if (index > settings.servers())
            throw new IllegalArgumentException(
                node.name()
                    + " is not a server of this configuration (peerpath.subsystem.servers = "
                    + settings.servers()
                    + ")");
          ServerNode self = new ServerNode(ctx, node, settings, fabric, history, out);
          for (int j = 1; j <= settings.servers(); j++)
            if (j != index) self.peers.follow(settings.serverName(j));
          java.util.List<String> watched = new java.util.ArrayList<>(self.peers.names());
          watched.add(Elements.DISK);
          self.told = new Told(watched);
          var listings = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
          ctx.getSystem().receptionist().tell(Receptionist.subscribe(self.diskKey, listings));
          ctx.spawn(
              ElementReachability.createForChanges(
                  ctx.messageAdapter(ElementReachability.Changes.class, Reach::new)),
              "reachability");
          out.accept("waiting for the disk's listing");
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
    Receptionist.Listing listing = m.listing();
    if (listing.isForKey(diskKey)) {
      Set<ActorRef<Disk.Command>> disks = listing.getAllServiceInstances(diskKey);
      if (server == null && !disks.isEmpty()) spawnElements(disks.iterator().next());
      return Behaviors.same();
    }
    peers.listed(ctx.getSystem(), listing).ifPresent(this::onPeerListed);
    flush();
    return Behaviors.same();
  }

  private void spawnElements(ActorRef<Disk.Command> disk) {
    String memoryName = settings.memoryName(index);
    var memory =
        ctx.spawn(MemoryRegion.create(memoryName, node.name(), fabric, history), memoryName);
    server =
        ctx.spawn(
            Server.create(
                settings.serverSettings(index), memory, disk, fabric, history, node.incarnation()),
            node.name());
    var receptionist = ctx.getSystem().receptionist();
    receptionist.tell(
        Receptionist.register(ElementKeys.of(node.name(), Server.Command.class), server));
    receptionist.tell(
        Receptionist.register(ElementKeys.of(memoryName, MemoryRegion.Command.class), memory));
    out.accept(
        node.name()
            + ", "
            + settings.adapterName(index)
            + " and "
            + memoryName
            + " running, incarnation "
            + node.incarnation()
            + " (adapter epochs from "
            + NodeIncarnation.firstEpoch(node.incarnation())
            + ")");
    flush(); // what it cannot reach already, learnt before it ran
    var listings = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
    for (String peer : peers.names())
      ctx.getSystem()
          .receptionist()
          .tell(Receptionist.subscribe(ElementKeys.of(peer, Server.Command.class), listings));
  }

  /**
   * A peer's listing: its first incarnation is introduced, a later one (a restarted JVM: a new
   * reference, a higher incarnation) replaces the old at the server, which re-drives what it had
   * forwarded there after fencing the old incarnation's epochs.
   */
  private void onPeerListed(Incarnations.Change<Server.Command> c) {
    String peer = c.name();
    Server.Peer p =
        new Server.Peer(peer, Elements.index(peer, Elements.SERVER_PREFIX), c.now().ref());
    if (c.before() == null) server.tell(new Server.Introduce(List.of(p)));
    // Also for the first: the server takes the peer's epochs from its incarnation, not 1, and
    // tells the peer how its own adapter is.
    server.tell(new Server.PeerUp(p, NodeIncarnation.firstEpoch(c.now().incarnation())));
    // The server now takes the peer for reachable: a first incarnation this node cannot reach yet
    // is told unreachable again; a new one starts afresh.
    if (c.before() != null) told.newIncarnation(peer);
    else told.listed(peer);
    out.accept(
        peer
            + (c.before() == null ? " found" : " restarted")
            + ", incarnation "
            + c.now().incarnation());
  }

  private Behavior<Event> onReach(Reach m) {
    // Peers' listings are followed once the server runs, so a member come Up before has none.
    for (ElementReachability.Event e : m.changes().events()) {
      told.learn(e);
      peers.learn(ctx.getSystem(), e).ifPresent(this::onPeerListed);
    }
    flush();
    return Behaviors.same();
  }

  /** Tells the server what it now can or cannot reach, all that changed at once, once it runs. */
  private void flush() {
    if (server == null) return;
    for (Told.Change c : told.changes())
      server.tell(
          c.lost() ? new Server.NodeUnreachable(c.node()) : new Server.NodeReachable(c.node()));
  }
}
