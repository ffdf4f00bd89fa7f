package org.peerpath.server;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    long epoch = 1;

    View(Server.Peer peer) {
      this.peer = peer;
    }
  }

  Peers(String self, Fabric fabric) {
    this.self = self;
    this.fabric = fabric;
  }

  void introduce(List<Server.Peer> servers) {
    for (Server.Peer p : servers) {
      if (!p.name().equals(self)) views.putIfAbsent(p.index(), new View(p));
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
    return views.values().stream().anyMatch(v -> v.working);
  }

  Route nearestRoute() {
    View best = null;
    for (View v : views.values()) {
      if (v.working && (best == null || latency(v) < latency(best))) best = v;
    }
    if (best == null) return new Route.NoPath("no working adapter can reach the disk");
    return new Route.ViaPeer(
        best.peer.name(), best.peer.ref(), Elements.adapter(best.peer.index()), best.epoch);
  }

  private long latency(View v) {
    return fabric.latencyNanos(self, v.peer.name());
  }

  void broadcast(Server.PeerStatus status) {
    for (View v : views.values()) fabric.send(self, v.peer.name(), v.peer.ref(), status);
  }
}
