package org.peerpath.server;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.peerpath.command.Status;

/**
 * One of each message that only this package can name (what servers send each other, and a server's
 * tick), for {@code MessageSerializationTest}, which checks that every message of every actor
 * survives the CBOR serializer.
 */
public final class ServerMessageExamples {
  private ServerMessageExamples() {}

  /** The examples, each actor reference in them {@code ref}. */
  public static List<Object> examples(ActorRef<Object> ref) {
    return List.of(
        new Server.Forward(
            "server-1",
            ref.unsafeUpcast(),
            "w1",
            2,
            (5L << 16) | 2,
            "memory-1",
            ref.unsafeUpcast(),
            128,
            3),
        new Server.Notice(65537, "adapter-2", Status.GOOD),
        new Server.Bounce(65537, "server-2", "adapter-2", 3, "adapter-2 hang"),
        new Server.PeerStatus("server-2", false, 3),
        new Server.WatchdogTick(10_000_000));
  }
}
