package org.peerpath.bench;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.runtime.ModelClock;

/**
 * One actor of the {@link RingBenchmark} ring: logs each token it gets and passes it on to the next
 * actor, either with a plain {@code tell} or delayed through the scheduler, until the log is full.
 */
final class RingNode {

  sealed interface Msg permits Next, Token {}

  /** Tells a node who comes after it. */
  record Next(ActorRef<Msg> next) implements Msg {}

  /** A token on its {@code hop}-th hop. */
  record Token(int id, long hop) implements Msg {}

  private RingNode() {}

  /** {@code delay} null or zero means a plain tell. */
  static Behavior<Msg> create(int index, RingLog log, Duration delay) {
    boolean delayed = delay != null && !delay.isZero();
    return Behaviors.setup(
        ctx -> {
          ModelClock clock = ModelClock.of(ctx.getSystem());
          @SuppressWarnings({"unchecked", "rawtypes"})
          ActorRef<Msg>[] next = new ActorRef[1];
          return Behaviors.receive(Msg.class)
              .onMessage(
                  Next.class,
                  n -> {
                    next[0] = n.next();
                    return Behaviors.same();
                  })
              .onMessage(
                  Token.class,
                  t -> {
                    if (log.record(index, t.hop(), clock.nanos())) {
                      Token onward = new Token(t.id(), t.hop() + 1);
                      if (delayed) {
                        ctx.scheduleOnce(delay, next[0], onward);
                      } else {
                        next[0].tell(onward);
                      }
                    }
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
