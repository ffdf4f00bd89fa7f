package org.peerpath.cluster;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.peerpath.CborSerializable;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;

/**
 * What a host node tells a launcher about the commands its host resent ({@code retried} events of
 * the host node's {@link History}, the only place they are): how many commands were resent, and the
 * first resends with their wall-clock time, so that a launcher on the same machine can measure from
 * its own SIGKILL of a server JVM to the host's first resend. A host node registers it under {@link
 * #key(String)} once its host runs.
 *
 * <p>Times are wall-clock microseconds since the epoch, converted from the history's clock when
 * asked: comparable with another process's clock on the same machine, to about a millisecond.
 */
public final class HostResends {
  /** The most resends an answer lists; the counts cover all of them. */
  public static final int LISTED = 200;

  private HostResends() {}

  /** Asks for the resends recorded so far. */
  public record Ask(ActorRef<Answer> replyTo) implements CborSerializable {}

  /**
   * @param host the host's name
   * @param commandsResent how many commands were resent at least once
   * @param resends how many resends there were in all
   * @param first the first {@link #LISTED} resends, in the order they happened
   */
  public record Answer(String host, int commandsResent, int resends, List<Resend> first)
      implements CborSerializable {
    public Answer {
      first = List.copyOf(first);
    }
  }

  /**
   * One resend of command {@code id} to server {@code to}, at {@code epochMicros}, because {@code
   * why}.
   */
  public record Resend(String id, String to, long epochMicros, String why)
      implements CborSerializable {}

  /** The key a host node registers its answerer under: {@code peerpath-host-resends:host-1}. */
  public static ServiceKey<Ask> key(String host) {
    return ServiceKey.create(Ask.class, "peerpath-host-resends:" + host);
  }

  /** Answers from {@code history}, the host node's. */
  static Behavior<Ask> create(String host, History history) {
    return Behaviors.receive(Ask.class)
        .onMessage(
            Ask.class,
            ask -> {
              ask.replyTo().tell(answer(host, history.events(), history.now(), Instant.now()));
              return Behaviors.same();
            })
        .build();
  }

  /** The answer for {@code events}, the history's clock reading {@code nowNanos} at {@code now}. */
  static Answer answer(String host, List<HistoryEvent> events, long nowNanos, Instant now) {
    long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    Set<String> commands = new HashSet<>();
    List<Resend> first = new ArrayList<>();
    int resends = 0;
    for (HistoryEvent e : events) {
      if (e.kind() != HistoryEvent.Kind.RETRIED) continue;
      resends++;
      commands.add(e.id());
      if (first.size() < LISTED)
        first.add(
            new Resend(
                e.id(),
                e.peer(),
                nowMicros - (nowNanos - e.atNanos()) / 1000,
                e.detail() == null ? "" : e.detail()));
    }
    return new Answer(host, commands.size(), resends, first);
  }
}
