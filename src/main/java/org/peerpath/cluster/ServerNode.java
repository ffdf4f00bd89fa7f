package org.peerpath.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private record Reach(ElementReachability.Event event) implements Event {}

  private final ActorContext<Event> ctx;
  private final NodeSettings node;
  private final SubsystemSettings settings;
  private final Fabric fabric;
  private final History history;
  private final Consumer<String> out;
  private final int index;
  private final ServiceKey<Disk.Command> diskKey =
      ElementKeys.of(Elements.DISK, Disk.Command.class);
  private final Map<ServiceKey<Server.Command>, String> peerKeys = new HashMap<>();
  private final Map<String, Discovered<Server.Command>> peers = new HashMap<>();
  private final Set<String> unreachable = new HashSet<>();
  private final Set<String> told = new HashSet<>();

  /** Each peer's last listing, read again when a member comes up (its incarnation now known). */
  private final Map<String, Receptionist.Listing> lastListing = new HashMap<>();

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
          var listings = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
          ctx.getSystem().receptionist().tell(Receptionist.subscribe(self.diskKey, listings));
          ctx.spawn(
              ElementReachability.create(
                  ctx.messageAdapter(ElementReachability.Event.class, Reach::new)),
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
    for (var entry : peerKeys.entrySet()) {
      if (!listing.isForKey(entry.getKey())) continue;
      lastListing.put(entry.getValue(), listing);
      String peer = entry.getValue();
      Optional<Discovered<Server.Command>> newest =
          Discovered.newest(ctx.getSystem(), listing.getAllServiceInstances(entry.getKey()));
      newest.ifPresent(d -> onPeerListed(peer, d));
    }
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
    for (String n : unreachable) tell(n, true);
    var listings = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
    for (int j = 1; j <= settings.servers(); j++) {
      if (j == index) continue;
      ServiceKey<Server.Command> key = ElementKeys.of(settings.serverName(j), Server.Command.class);
      peerKeys.put(key, settings.serverName(j));
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(key, listings));
    }
  }

  /**
   * A peer's listing: its first incarnation is introduced, a later one (a restarted JVM: a new
   * reference, a higher incarnation) replaces the old at the server, which re-drives what it had
   * forwarded there after fencing the old incarnation's epochs.
   */
  private void onPeerListed(String peer, Discovered<Server.Command> found) {
    Discovered<Server.Command> known = peers.get(peer);
    if (known != null
        && (known.ref().equals(found.ref()) || known.incarnation() >= found.incarnation())) return;
    peers.put(peer, found);
    Server.Peer p =
        new Server.Peer(peer, Elements.index(peer, Elements.SERVER_PREFIX), found.ref());
    if (known == null) server.tell(new Server.Introduce(List.of(p)));
    // Also for the first: the server takes the peer's epochs from its incarnation, not 1, and
    // tells the peer how its own adapter is.
    server.tell(new Server.PeerUp(p, NodeIncarnation.firstEpoch(found.incarnation())));
    // The server now takes the peer for reachable. A new incarnation is; a first one listed while
    // its node is unreachable is not, and the server hears so again.
    told.remove(peer);
    if (known != null) unreachable.remove(peer);
    else if (unreachable.contains(peer)) tell(peer, true);
    out.accept(
        peer + (known == null ? " found" : " restarted") + ", incarnation " + found.incarnation());
  }

  private Behavior<Event> onReach(Reach m) {
    ElementReachability.Event e = m.event();
    String n = e.node();
    if (n.equals(node.name())
        || !(n.equals(Elements.DISK) || Elements.index(n, Elements.SERVER_PREFIX) >= 1))
      return Behaviors.same();
    if (e instanceof ElementReachability.NodeUp && lastListing.containsKey(n)) {
      onListed(new Listed(lastListing.get(n)));
    } else if (e instanceof ElementReachability.NodeUnreachable && n.equals(Elements.DISK)) {
      // The cluster's reachability is every member's view merged: any member that loses the disk
      // (the launcher, the host after a pause) makes it unreachable for all. Giving up the own
      // adapter on that would answer NO_PATH from both servers while both reach the disk; only a
      // disk the cluster has downed or removed is lost to this server.
      return Behaviors.same();
    } else if (e instanceof ElementReachability.NodeUnreachable
        || e instanceof ElementReachability.NodeDowned
        || e instanceof ElementReachability.NodeRemoved) {
      unreachable.add(n);
      if (server != null) tell(n, true);
    } else if (e instanceof ElementReachability.NodeReachable) {
      unreachable.remove(n);
      if (server != null) tell(n, false);
    }
    return Behaviors.same();
  }

  /** Tells the server once per change: a removal after unreachable is no news to it. */
  private void tell(String n, boolean cannotReach) {
    if (cannotReach ? !told.add(n) : !told.remove(n)) return;
    server.tell(cannotReach ? new Server.NodeUnreachable(n) : new Server.NodeReachable(n));
  }
}
