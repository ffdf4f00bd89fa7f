package org.peerpath.server;

import org.apache.pekko.actor.typed.ActorRef;
import org.peerpath.adapter.Adapter;

/** Where one attempt of a command goes: the origin's own adapter, a peer server, or nowhere. */
public sealed interface Route {

  /** The direct path: the origin server's own adapter. */
  record Direct(String adapter, ActorRef<Adapter.Command> adapterRef, long epoch)
      implements Route {}

  /**
   * The peer path (claim 1): forwarded to {@code server}, whose adapter incarnation {@code epoch}
   * serves it. The peer refuses it if that incarnation is gone, so fencing that epoch always covers
   * whoever runs the attempt.
   */
  record ViaPeer(String server, ActorRef<Server.Command> serverRef, String adapter, long epoch)
      implements Route {}

  /** No working adapter can be reached. */
  record NoPath(String reason) implements Route {}
}
