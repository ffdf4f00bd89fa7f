package org.peerpath.server;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.peerpath.command.Elements;
import org.peerpath.fabric.Fabric;

/**
 * What a server believes about the other servers' adapters, learnt only from their messages over
 * the server-to-server path, as array controllers learn over their inter-controller link. The peer
 * chosen for a forward is the nearest working one by path latency, then the lowest index.
 */
final class Peers {
  private final String self;
  private final Fabric fabric;
  private final Map<Integer, View> views = new TreeMap<>();

  private static final class View {
    final Server.Peer peer;
    boolean working = true;
    boolean reachable = true;
    long epoch;

    View(Server.Peer peer, long epoch) {
      this.peer = peer;
      this.epoch = epoch;
    }
  }

  /** A peer's incarnation that a new one replaced: its reference and its adapter's last epoch. */
  record Replaced(ActorRef<Server.Command> ref, long epoch) {}

  Peers(String self, Fabric fabric) {
    this.self = self;
    this.fabric = fabric;
  }

  void introduce(List<Server.Peer> servers) {
    for (Server.Peer p : servers) {
      if (!p.name().equals(self)) views.putIfAbsent(p.index(), new View(p, 1));
    }
  }

  /** Newer news wins; at the same epoch, "down" wins, since an incarnation never comes back. */
  void update(String server, boolean working, long epoch) {
    for (View v : views.values()) {
      if (v.peer.name().equals(server) && (epoch > v.epoch || (epoch == v.epoch && !working))) {
        v.working = working;
        v.epoch = epoch;
      }
    }
  }

  boolean anyWorking() {
    return views.values().stream().anyMatch(v -> v.working && v.reachable);
  }

  /**
   * Peer {@code server} cannot be reached: it is not forwarded to until it can. Its adapter's last
   * known epoch, or null if it is no peer or was unreachable already.
   */
  Long unreachable(String server) {
    View v = view(server);
    if (v == null || !v.reachable) return null;
    v.reachable = false;
    return v.epoch;
  }

  /** Peer {@code server} can be reached again; null if it is no peer or was reachable. */
  Server.Peer reachable(String server) {
    View v = view(server);
    if (v == null || v.reachable) return null;
    v.reachable = true;
    return v.peer;
  }

  /**
   * A new incarnation of a peer runs at {@code peer}, its adapter working at {@code epoch}; the one
   * it replaces, or null if it is no peer.
   */
  Replaced reincarnated(Server.Peer peer, long epoch) {
    View old = views.get(peer.index());
    if (old == null) return null;
    views.put(peer.index(), new View(peer, epoch));
    return new Replaced(old.peer.ref(), old.epoch);
  }

  /**
   * Whether {@code route} still names a peer's adapter incarnation this server believes working and
   * can reach: not replaced by a newer one, not down.
   */
  boolean current(Route.ViaPeer route) {
    View v = view(route.server());
    return v != null
        && v.working
        && v.reachable
        && v.epoch == route.epoch()
        && v.peer.ref().equals(route.serverRef());
  }

  private View view(String server) {
    for (View v : views.values()) if (v.peer.name().equals(server)) return v;
    return null;
  }

  Route nearestRoute() {
    View best = null;
    for (View v : views.values()) {
      if (v.working && v.reachable && (best == null || latency(v) < latency(best))) best = v;
    }
    if (best == null) return new Route.NoPath("no working adapter can reach the disk");
    return new Route.ViaPeer(
        best.peer.name(), best.peer.ref(), Elements.adapter(best.peer.index()), best.epoch);
  }

  private long latency(View v) {
    return fabric.latencyNanos(self, v.peer.name());
  }

  void broadcast(Server.PeerStatus status) {
    for (View v : views.values()) {
      if (v.reachable) fabric.send(self, v.peer.name(), v.peer.ref(), status);
    }
  }
}
