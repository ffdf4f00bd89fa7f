package org.peerpath.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;

/**
 * One plain actor of the runtime's ceiling ({@link RuntimeCeiling}): passes each token towards the
 * end of the chain and, from the end, back to the start. The first link counts the round trips and
 * sends each token out again while the run lasts (a closed loop); once told to stop, it keeps the
 * tokens that come back and says when all have.
 */
final class ChainLink {

  sealed interface Msg permits Wire, Token, Stop {}

  /** Who comes before and after this link; null at the ends. */
  record Wire(ActorRef<Msg> previous, ActorRef<Msg> next) implements Msg {}

  /** A payload on its way out ({@code back} false) or home. */
  record Token(ByteString payload, boolean back) implements Msg {}

  /** The first link stops sending tokens out; {@code drained} completes when all are home. */
  record Stop(CompletableFuture<Long> drained) implements Msg {}

  private ChainLink() {}

  /**
   * @param roundTrips counted by the first link only (one writer), read by whoever measures
   * @param tokens how many tokens the first link will see come home after a stop
   */
  static Behavior<Msg> create(AtomicLong roundTrips, int tokens) {
    return Behaviors.receive(Msg.class)
        .onMessage(Wire.class, w -> wired(w.previous(), w.next(), roundTrips, tokens))
        .build();
  }

  private static Behavior<Msg> wired(
      ActorRef<Msg> previous, ActorRef<Msg> next, AtomicLong roundTrips, int tokens) {
    boolean first = previous == null;
    // Touched by this actor only; a holder, since the behaviour is built of lambdas.
    var stop = new java.util.concurrent.atomic.AtomicReference<CompletableFuture<Long>>();
    int[] home = {0};
    return Behaviors.receive(Msg.class)
        .onMessage(
            Token.class,
            t -> {
              if (!t.back() && next != null) next.tell(t);
              else if (previous != null) previous.tell(t.back() ? t : new Token(t.payload(), true));
              else if (stop.get() == null) {
                // The first link: a token is home; out it goes again.
                roundTrips.lazySet(roundTrips.get() + 1);
                next.tell(new Token(t.payload(), false));
              } else if (++home[0] == tokens) {
                stop.get().complete(roundTrips.get());
              }
              return Behaviors.same();
            })
        .onMessage(
            Stop.class,
            s -> {
              if (first) stop.set(s.drained());
              return Behaviors.same();
            })
        .build();
  }
}
