package org.peerpath.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.util.ByteString;

/**
 * The runtime's ceiling: how many plain Pekko Typed messages per second one ActorSystem passes,
 * measured as a chain of {@link ChainLink}s carrying an immutable payload to the end and back, with
 * a fixed number of tokens in flight (a closed loop). A round trip through {@code links} actors is
 * {@code 2 × (links − 1)} messages. Nothing of the model runs here: it is what a model whose every
 * step is one message could reach at best on this machine, in this JVM, at this moment.
 */
final class RuntimeCeiling {
  static final int LINKS = 6;

  private static final AtomicLong CHAINS = new AtomicLong();

  private RuntimeCeiling() {}

  /** Messages per second over {@code nanos} of wall time, with {@code tokens} in flight. */
  static double messagesPerSec(ActorSystem<?> system, int tokens, int payloadBytes, long nanos)
      throws Exception {
    AtomicLong roundTrips = new AtomicLong();
    long chain = CHAINS.incrementAndGet();
    List<ActorRef<ChainLink.Msg>> links = new ArrayList<>();
    for (int i = 0; i < LINKS; i++) {
      links.add(
          system.systemActorOf(
              ChainLink.create(roundTrips, tokens),
              "bench-chain-" + chain + "-link-" + i,
              Props.empty()));
    }
    for (int i = 0; i < LINKS; i++) {
      links
          .get(i)
          .tell(
              new ChainLink.Wire(
                  i == 0 ? null : links.get(i - 1), i == LINKS - 1 ? null : links.get(i + 1)));
    }
    ByteString payload = ByteString.fromArrayUnsafe(new byte[payloadBytes]);
    for (int t = 0; t < tokens; t++) links.get(0).tell(new ChainLink.Token(payload, false));
    long start = System.nanoTime();
    long before = roundTrips.get();
    TimeUnit.NANOSECONDS.sleep(nanos);
    long after = roundTrips.get();
    long elapsed = System.nanoTime() - start;
    CompletableFuture<Long> drained = new CompletableFuture<>();
    links.get(0).tell(new ChainLink.Stop(drained));
    drained.get(30, TimeUnit.SECONDS);
    for (ActorRef<ChainLink.Msg> link : links) stop(system, link);
    return (after - before) * 2.0 * (LINKS - 1) * 1e9 / elapsed;
  }

  private static void stop(ActorSystem<?> system, ActorRef<ChainLink.Msg> link) {
    // A system actor cannot be stopped from outside by Pekko Typed's API; the classic one can.
    org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system)
        .stop(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(link));
  }
}
