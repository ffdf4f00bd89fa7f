package org.peerpath.bench.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A closed loop on the launcher's node: it keeps {@code inFlight} requests out and sends the next
 * as each answer comes, until told to {@link Stop}; then it waits for the answers still out and
 * completes its future. The same loop carries the raw pings to an {@link Echo} and the model's
 * writes through host-1, so that the two figures of a round differ only in what travels. Its {@link
 * Counts} are read by the launcher while it runs.
 */
final class Loop {
  sealed interface Command {}

  /** Send no more; the future completes once every answer is in. */
  record Stop() implements Command {}

  private record Answered(Outcome outcome) implements Command {}

  /** What one answer was. */
  enum Outcome {
    /** Good, over the direct path (an echo's answers are all this). */
    DIRECT,
    /** Good, over the peer path. */
    PEER,
    /** Anything else: an error status, or a payload that did not come back whole. */
    FAILED
  }

  /** How to send request {@code seq} so that its answer goes to {@code replyTo}. */
  @FunctionalInterface
  interface Request<R> {
    void send(long seq, ActorRef<R> replyTo);
  }

  /**
   * The answers so far, by outcome, written by the loop alone and read by the launcher at any time.
   */
  static final class Counts {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong direct = new AtomicLong();
    private final AtomicLong peer = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    long sent() {
      return sent.get();
    }

    /** Good answers, whatever their path. */
    long good() {
      return direct.get() + peer.get();
    }

    long direct() {
      return direct.get();
    }

    long peer() {
      return peer.get();
    }

    long failed() {
      return failed.get();
    }

    long answered() {
      return good() + failed();
    }

    void add(Outcome o) {
      switch (o) {
        case DIRECT -> direct.incrementAndGet();
        case PEER -> peer.incrementAndGet();
        case FAILED -> failed.incrementAndGet();
      }
    }
  }

  private Loop() {}

  /**
   * A loop that sends with {@code request}, judges each answer of type {@code answers} with {@code
   * judge}, and counts into {@code counts}; {@code done} completes once it has stopped and every
   * answer is in.
   */
  static <R> Behavior<Command> create(
      Class<R> answers,
      Request<R> request,
      Function<R, Outcome> judge,
      int inFlight,
      Counts counts,
      CompletableFuture<Counts> done) {
    return Behaviors.setup(
        ctx -> {
          ActorRef<R> replyTo = ctx.messageAdapter(answers, a -> new Answered(judge.apply(a)));
          for (int i = 0; i < inFlight; i++) request.send(counts.sent.getAndIncrement(), replyTo);
          return running(request, replyTo, counts, done);
        });
  }

  private static <R> Behavior<Command> running(
      Request<R> request, ActorRef<R> replyTo, Counts counts, CompletableFuture<Counts> done) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Answered.class,
            a -> {
              counts.add(a.outcome());
              request.send(counts.sent.getAndIncrement(), replyTo);
              return Behaviors.same();
            })
        .onMessage(Stop.class, s -> draining(counts, done))
        .build();
  }

  private static Behavior<Command> draining(Counts counts, CompletableFuture<Counts> done) {
    if (counts.answered() == counts.sent()) return finished(counts, done);
    return Behaviors.receive(Command.class)
        .onMessage(
            Answered.class,
            a -> {
              counts.add(a.outcome());
              return counts.answered() == counts.sent() ? finished(counts, done) : Behaviors.same();
            })
        .onMessage(Stop.class, s -> Behaviors.same())
        .build();
  }

  private static Behavior<Command> finished(Counts counts, CompletableFuture<Counts> done) {
    done.complete(counts);
    return Behaviors.stopped();
  }
}
