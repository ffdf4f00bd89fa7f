package org.peerpath.server;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.peerpath.adapter.Adapter;
import org.peerpath.history.HistoryEvent;

/**
 * The peer side of a server (claims 1, 4): the commands it runs on its own adapter for other
 * servers. Each runs on the adapter incarnation its origin named, and its completion goes back as a
 * notice; if that incarnation is gone, or is lost while running it, the command bounces back to its
 * origin, which fences the incarnation and re-drives it.
 */
final class ForwardedCommands {
  private final ServerWiring w;
  private final String adapterName;
  private final Map<String, Server.Forward> running = new LinkedHashMap<>();

  ForwardedCommands(ServerWiring w, String adapterName) {
    this.w = w;
    this.adapterName = adapterName;
  }

  /**
   * Runs {@code f} on incarnation {@code epoch} of the adapter, or bounces it if the origin meant
   * another.
   */
  void run(Server.Forward f, ActorRef<Adapter.Command> adapter, long epoch) {
    if (f.adapterEpoch() != epoch) {
      // The incarnation the origin meant is gone; another one must not run an attempt the origin
      // would fence under the old epoch (it already heard of this one: PeerStatus went first).
      bounce(f, f.adapterEpoch(), adapterName + " epoch " + f.adapterEpoch() + " is gone");
      return;
    }
    running.put(key(f.memory(), f.grantId()), f);
    w.fabric()
        .send(
            w.name(),
            adapterName,
            adapter,
            new Adapter.Execute(
                f.grantId(), f.memory(), f.memoryRef(), f.controlBlockOffset(), epoch));
  }

  /** The adapter does not work: the origin must look elsewhere. */
  void refuse(Server.Forward f, long epoch) {
    bounce(f, epoch, adapterName + " is down");
  }

  /**
   * Sends the completion notice to the command's origin (claim 4), if it is a peer's command still
   * running here.
   */
  void completed(Adapter.Completed c) {
    Server.Forward f = running.remove(key(c.memory(), c.grantId()));
    if (f == null) return;
    w.history()
        .record(
            w.history()
                .event(HistoryEvent.Kind.NOTICE)
                .id(f.commandId())
                .node(w.name())
                .peer(f.origin())
                .attempt(f.attempt())
                .status(c.status())
                .servedBy(adapterName));
    w.fabric()
        .send(
            w.name(),
            f.origin(),
            f.originRef(),
            new Server.Notice(c.grantId(), adapterName, c.status()));
  }

  /** Incarnation {@code lost} is gone: every command it was running goes back to its origin. */
  void bounceAll(long lost, String reason) {
    for (Server.Forward f : running.values()) bounce(f, lost, adapterName + " " + reason);
    running.clear();
  }

  /**
   * Forgets the commands of origin {@code origin} (of its incarnation {@code ref}, or any when
   * null), which can no longer be reached or is gone: no notice could reach it. The adapter may
   * still finish them; their completions are then ignored.
   */
  void forgetOrigin(String origin, ActorRef<Server.Command> ref) {
    running
        .values()
        .removeIf(f -> f.origin().equals(origin) && (ref == null || f.originRef().equals(ref)));
  }

  private void bounce(Server.Forward f, long epoch, String reason) {
    w.fabric()
        .send(
            w.name(),
            f.origin(),
            f.originRef(),
            new Server.Bounce(f.grantId(), w.name(), adapterName, epoch, reason));
  }

  private static String key(String memory, long grantId) {
    return memory + "#" + grantId;
  }
}
