package org.peerpath.testkit.example;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A client of the register: writes 1, 2, ... one at a time, and as soon as a write is acknowledged
 * reads it back from a backup, telling an observer what it saw.
 */
final class Writer {

  sealed interface Command {}

  private record Acknowledged(Primary.Written written) implements Command {}

  private record ReadBack(Backup.Value value) implements Command {}

  /** The write numbered {@code acknowledged} was acknowledged; then a read found {@code read}. */
  record Observed(long acknowledged, Backup.Value read) {}

  private Writer() {}

  static Behavior<Command> create(
      ActorRef<Primary.Command> primary,
      ActorRef<Backup.Command> readFrom,
      int writes,
      ActorRef<Observed> observer) {
    return Behaviors.setup(
        ctx -> {
          var acks = ctx.messageAdapter(Primary.Written.class, Acknowledged::new);
          var reads = ctx.messageAdapter(Backup.Value.class, ReadBack::new);
          return write(1, new Parts(primary, readFrom, writes, observer, acks, reads));
        });
  }

  private record Parts(
      ActorRef<Primary.Command> primary,
      ActorRef<Backup.Command> readFrom,
      int writes,
      ActorRef<Observed> observer,
      ActorRef<Primary.Written> acks,
      ActorRef<Backup.Value> reads) {}

  private static Behavior<Command> write(int n, Parts p) {
    p.primary().tell(new Primary.Write(n, p.acks()));
    return writing(n, p);
  }

  private static Behavior<Command> writing(int n, Parts p) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Acknowledged.class,
            a -> {
              p.readFrom().tell(new Backup.Read(p.reads()));
              return reading(n, a.written().version(), p);
            })
        .build();
  }

  private static Behavior<Command> reading(int n, long acknowledged, Parts p) {
    return Behaviors.receive(Command.class)
        .onMessage(
            ReadBack.class,
            r -> {
              p.observer().tell(new Observed(acknowledged, r.value()));
              return n < p.writes() ? write(n + 1, p) : Behaviors.stopped();
            })
        .build();
  }
}
