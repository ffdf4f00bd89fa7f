package org.peerpath.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.peerpath.CborSerializable;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.host.Host;

/**
 * What a node tells a launcher about its own run, from its {@link History} (the only place a node's
 * elements record what they did): how many events of each kind were recorded, and on a host node,
 * the commands its host resent. The counts are per-JVM figures that no other node can see: a disk's
 * refusals of fenced attempts, a server's forwards and re-drives. Every node registers one under
 * {@link #key(String)} once it is Up.
 *
 * <p>It counts each event as it is recorded, so the figures cover the whole run however small the
 * history's limit. Resend times are wall-clock microseconds since the epoch, converted from the
 * history's clock when asked: comparable with another process's clock on the same machine, to about
 * a millisecond, so a launcher can measure from its own SIGKILL of a server JVM to the host's first
 * resend.
 */
public final class NodeTally {
  /** The most resends an answer lists; the counts cover all of them. */
  public static final int LISTED = 200;

  /** How many of the latest resends a tally keeps for a {@link Mark} that comes late. */
  static final int RECENT = 64;

  private NodeTally() {}

  /** What a launcher may send a tally, from any JVM. */
  public sealed interface Request extends CborSerializable {}

  /** Asks for the figures so far. */
  public record Ask(ActorRef<Answer> replyTo) implements Request {}

  /**
   * From now on, list the resends made at or after {@code epochMicros} (wall-clock microseconds
   * since the epoch): a launcher marks the moment it kills a server, so that the first resends
   * after it are listed however many came before.
   */
  public record Mark(long epochMicros) implements Request {}

  /**
   * @param node the node's name
   * @param events how many events of each kind its elements recorded, by the history's name of the
   *     kind ({@code "forwarded"}), in the order of {@link HistoryEvent.Kind}; kinds never recorded
   *     are left out
   * @param commandsResent how many commands its host resent at least once (0 off a host node)
   * @param commandsResentAfterLoss how many of those it resent because it lost the server holding
   *     them, for a while or for good (unreachable, restarted, silent past the host's patience, or
   *     without a path), not only because the server was busy ({@link Host#resentForLoad})
   * @param firstResends the first {@link #LISTED} resends, in the order they happened, since the
   *     latest {@link Mark} if there was one
   */
  public record Answer(
      String node,
      Map<String, Long> events,
      int commandsResent,
      int commandsResentAfterLoss,
      List<Resend> firstResends)
      implements CborSerializable {
    public Answer {
      events = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(events));
      firstResends = List.copyOf(firstResends);
    }

    /** How many events of {@code kind} the node recorded. */
    public long count(HistoryEvent.Kind kind) {
      return events.getOrDefault(kind.wireName(), 0L);
    }
  }

  /**
   * One resend of command {@code id} to server {@code to}, at {@code epochMicros}, because {@code
   * why}.
   */
  public record Resend(String id, String to, long epochMicros, String why)
      implements CborSerializable {}

  /** The key a node registers its tally under: {@code peerpath-node-tally:host-1}. */
  public static ServiceKey<Request> key(String node) {
    return ServiceKey.create(Request.class, "peerpath-node-tally:" + node);
  }

  /**
   * Asks every tally of {@code tallies} (by node name) at once and waits up to {@code limit} for
   * each: a node that does not answer (killed, cut off) is left out of the answers.
   */
  public static Map<String, Answer> askAll(
      ActorSystem<?> system, Map<String, ActorRef<Request>> tallies, Duration limit) {
    Map<String, CompletableFuture<Answer>> asked = new LinkedHashMap<>();
    tallies.forEach(
        (name, to) ->
            asked.put(
                name,
                AskPattern.<Request, Answer>ask(to, Ask::new, limit, system.scheduler())
                    .toCompletableFuture()));
    Map<String, Answer> answers = new LinkedHashMap<>();
    long deadline = System.nanoTime() + limit.plusSeconds(1).toNanos();
    asked.forEach(
        (name, answer) -> {
          try {
            long left = Math.max(0, deadline - System.nanoTime());
            answers.put(name, answer.get(left, TimeUnit.NANOSECONDS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (ExecutionException | TimeoutException e) {
            // Not answered: left out.
          }
        });
    return answers;
  }

  /**
   * Counts what {@code history}, node {@code node}'s, records from this call on (a listener, not a
   * subscriber: no message per event), and answers for it.
   */
  static Behavior<Request> create(String node, History history) {
    Counts counts = new Counts(node, history);
    history.listen(counts::add);
    return counts.behavior();
  }

  /**
   * The figures of one node, counted event by event on the threads that record them, read by the
   * tally's actor. Every event of the node passes through {@link #add}, so a count by kind is one
   * lock-free increment; only a resend, rare, takes the lock that the resend lists share.
   */
  static final class Counts {
    private static final HistoryEvent.Kind[] KINDS = HistoryEvent.Kind.values();

    private final String node;
    private final History history;
    private final AtomicLongArray events = new AtomicLongArray(KINDS.length);
    private final Set<String> resent = new HashSet<>();
    private final Set<String> resentAfterLoss = new HashSet<>();
    private final List<HistoryEvent> first = new ArrayList<>();

    /** The latest resends, for a mark that arrives after the first resends it should list. */
    private final java.util.ArrayDeque<HistoryEvent> recent = new java.util.ArrayDeque<>();

    Counts(String node, History history) {
      this.node = node;
      this.history = history;
    }

    Behavior<Request> behavior() {
      return Behaviors.receive(Request.class)
          .onMessage(Ask.class, this::onAsk)
          .onMessage(
              Mark.class,
              m -> {
                mark(m.epochMicros(), Instant.now());
                return Behaviors.same();
              })
          .build();
    }

    void add(HistoryEvent e) {
      events.incrementAndGet(e.kind().ordinal());
      if (e.kind() == HistoryEvent.Kind.RETRIED) resend(e);
    }

    private synchronized void resend(HistoryEvent e) {
      resent.add(e.id());
      if (!Host.resentForLoad(e.detail())) resentAfterLoss.add(e.id());
      if (first.size() < LISTED) first.add(e);
      if (recent.size() == RECENT) recent.pollFirst();
      recent.addLast(e);
    }

    /**
     * Lists from now on the resends since {@code epochMicros}, this node's clock read at {@code
     * now}.
     */
    synchronized void mark(long epochMicros, Instant now) {
      long ago = ChronoUnit.MICROS.between(Instant.EPOCH, now) - epochMicros;
      long since = history.now() - Math.max(0, ago) * 1000;
      first.clear();
      for (HistoryEvent e : recent) if (e.atNanos() >= since && first.size() < LISTED) first.add(e);
    }

    private Behavior<Request> onAsk(Ask ask) {
      ask.replyTo().tell(answer(history.now(), Instant.now()));
      return Behaviors.same();
    }

    /** The answer now, the history's clock reading {@code nowNanos} at {@code now}. */
    synchronized Answer answer(long nowNanos, Instant now) {
      long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
      Map<String, Long> byName = new LinkedHashMap<>();
      for (HistoryEvent.Kind kind : KINDS) {
        long n = events.get(kind.ordinal());
        if (n > 0) byName.put(kind.wireName(), n);
      }
      List<Resend> resends = new ArrayList<>();
      for (HistoryEvent e : first)
        resends.add(
            new Resend(
                e.id(),
                e.peer(),
                nowMicros - (nowNanos - e.atNanos()) / 1000,
                e.detail() == null ? "" : e.detail()));
      return new Answer(node, byName, resent.size(), resentAfterLoss.size(), resends);
    }
  }
}
