package org.peerpath.testkit.example;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The primary of a replicated register: numbers each write, replicates it to every backup, and
 * acknowledges it to the writer once the backups hold it, so that a reader at any backup sees every
 * acknowledged write.
 *
 * <p>Planted race: with {@link Acks#FIRST} the primary acknowledges on the first backup's reply.
 * When the other backup's copy is still on its way, a read there misses the acknowledged write;
 * under FIFO it never is, because each link delivers before the backups answer.
 */
final class Primary {

  sealed interface Command {}

  record Write(int value, ActorRef<Written> replyTo) implements Command {}

  /** The write numbered {@code version} is at the backups. */
  record Written(long version) {}

  private record Replicated(Backup.Applied applied) implements Command {}

  /** When a write is acknowledged. */
  enum Acks {
    /** Once every backup holds it. */
    ALL,
    /** Once one backup holds it: the planted race. */
    FIRST
  }

  private record Pending(ActorRef<Written> replyTo, int applied) {}

  private Primary() {}

  /** A primary replicating to {@code backups} (each behind its {@link Link}). */
  static Behavior<Command> create(List<ActorRef<Backup.Command>> backups, Acks acks) {
    return Behaviors.setup(
        ctx -> {
          ActorRef<Backup.Applied> replies =
              ctx.messageAdapter(Backup.Applied.class, Replicated::new);
          int needed = acks == Acks.ALL ? backups.size() : 1;
          return serving(new Replication(backups, replies, needed), 0, Map.of());
        });
  }

  private record Replication(
      List<ActorRef<Backup.Command>> backups, ActorRef<Backup.Applied> replies, int needed) {}

  /** {@code version} writes numbered so far; {@code pending} not acknowledged yet. */
  private static Behavior<Command> serving(
      Replication r, long version, Map<Long, Pending> pending) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Write.class,
            w -> {
              long v = version + 1;
              for (ActorRef<Backup.Command> b : r.backups())
                b.tell(new Backup.Apply(v, w.value(), r.replies()));
              return serving(r, v, with(pending, v, new Pending(w.replyTo(), 0)));
            })
        .onMessage(
            Replicated.class,
            m -> {
              long v = m.applied().version();
              Pending p = pending.get(v);
              if (p == null) return Behaviors.same(); // acknowledged already
              if (p.applied() + 1 < r.needed())
                return serving(
                    r, version, with(pending, v, new Pending(p.replyTo(), p.applied() + 1)));
              p.replyTo().tell(new Written(v));
              return serving(r, version, with(pending, v, null));
            })
        .build();
  }

  /** {@code pending} with {@code v} mapped to {@code p}, or without it if {@code p} is null. */
  private static Map<Long, Pending> with(Map<Long, Pending> pending, long v, Pending p) {
    Map<Long, Pending> m = new HashMap<>(pending);
    if (p == null) m.remove(v);
    else m.put(v, p);
    return Map.copyOf(m);
  }
}
