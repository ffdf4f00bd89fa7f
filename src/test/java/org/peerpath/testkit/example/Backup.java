package org.peerpath.testkit.example;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A backup of the replicated register: applies the versions the primary sends it, and serves reads
 * from what it has applied.
 */
final class Backup {

  sealed interface Command {}

  /** Apply {@code value} as {@code version}, unless a later version is in already. */
  record Apply(long version, int value, ActorRef<Applied> replyTo) implements Command {}

  /** Answer with the version held now. */
  record Read(ActorRef<Value> replyTo) implements Command {}

  /** {@code backup} holds {@code version} or a later one. */
  record Applied(String backup, long version) {}

  /** What {@code backup} held when it read. */
  record Value(String backup, long version, int value) {}

  private Backup() {}

  static Behavior<Command> create(String name) {
    return holding(name, 0, 0);
  }

  private static Behavior<Command> holding(String name, long version, int value) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Apply.class,
            a -> {
              a.replyTo().tell(new Applied(name, Math.max(version, a.version())));
              return a.version() > version
                  ? holding(name, a.version(), a.value())
                  : Behaviors.same();
            })
        .onMessage(
            Read.class,
            r -> {
              r.replyTo().tell(new Value(name, version, value));
              return Behaviors.same();
            })
        .build();
  }
}
