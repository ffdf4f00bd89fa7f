package org.peerpath.bench.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.util.ByteString;
import org.peerpath.CborSerializable;
import org.peerpath.cluster.ElementSpawner;

/**
 * The far end of the raw round trip that {@code bench --cluster} measures beside the model: it
 * answers every {@link Ping} with a {@link Pong} that carries the same payload back. Both travel as
 * the model's messages do (Jackson CBOR through the {@link CborSerializable} marker, the payload a
 * {@link ByteString}, the reply address a serialized {@link ActorRef}), over the same Artery
 * transport, so a round trip costs what two of the model's messages cost without the model's work.
 * A node started with the hidden {@code --echo} spawns one and registers it under {@link
 * #key(String)}.
 */
public final class Echo {
  /** What an echo is sent, from another JVM. */
  public sealed interface Command extends CborSerializable {}

  /** Carry {@code payload} to the echo and back to {@code replyTo}. */
  public record Ping(long seq, ByteString payload, ActorRef<Pong> replyTo) implements Command {}

  /** The answer to the {@link Ping} of {@code seq}, with its payload. */
  public record Pong(long seq, ByteString payload) implements CborSerializable {}

  private Echo() {}

  /** The key a node's echo is listed under: {@code peerpath-bench-echo:server-1}. */
  public static ServiceKey<Command> key(String node) {
    return ServiceKey.create(Command.class, "peerpath-bench-echo:" + node);
  }

  static Behavior<Command> create() {
    return Behaviors.receive(Command.class)
        .onMessage(
            Ping.class,
            p -> {
              p.replyTo().tell(new Pong(p.seq(), p.payload()));
              return Behaviors.same();
            })
        .build();
  }

  /** Spawns a node's echo once the node is Up, and lists it under the node's name. */
  public static ElementSpawner spawner() {
    return (context, node) -> {
      var echo = context.spawn(create(), "bench-echo");
      context.getSystem().receptionist().tell(Receptionist.register(key(node.name()), echo));
    };
  }
}
