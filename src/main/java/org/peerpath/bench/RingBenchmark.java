package org.peerpath.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;

/**
 * Measures the virtual-time runtime with a plain actor ring: N actors pass T tokens around for M
 * hops in total, once with plain {@code tell} (zero latency, twice, checking that both runs log the
 * same events) and once with every hop delayed 1 µs through the scheduler.
 *
 * <p>Usage: {@code RingBenchmark [actors] [tokens] [hops]} (defaults 100, 10, 2,000,000). The only
 * wall-clock reads of the virtual-time runtime are here, to time the runs (RealTimeClock serves
 * systems that are not on virtual time).
 */
public final class RingBenchmark {

  private static final Duration HOP_DELAY = Duration.ofNanos(1_000);
  private static final Config QUIET =
      ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING");

  private RingBenchmark() {}

  public static void main(String[] args) {
    int actors = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    long hops = args.length > 2 ? Long.parseLong(args[2]) : 2_000_000L;
    System.out.println(run(actors, tokens, hops).describe());
  }

  /** Runs the three ring runs and returns the figures (for a {@code bench} command). */
  public static RingFigures run(int actors, int tokens, long hops) {
    if (hops > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " hops");
    }
    Run first = ring(actors, tokens, (int) hops, Duration.ZERO);
    Run second = ring(actors, tokens, (int) hops, Duration.ZERO);
    Run delayed = ring(actors, tokens, (int) hops, HOP_DELAY);
    return new RingFigures(
        actors,
        tokens,
        hops,
        first.msgsPerSec(hops),
        second.msgsPerSec(hops),
        delayed.msgsPerSec(hops),
        HOP_DELAY.toNanos(),
        delayed.log.lastTime(),
        delayed.timersFired,
        first.log.sameAs(second.log));
  }

  private record Run(RingLog log, long wallNanos, long timersFired) {
    double msgsPerSec(long hops) {
      return hops * 1e9 / Math.max(1, wallNanos);
    }
  }

  private static Run ring(int actors, int tokens, int hops, Duration delay) {
    RingLog log = new RingLog(hops);
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(guardian(actors, tokens, log, delay), "ring", QUIET)) {
      long start = System.nanoTime();
      boolean done = vts.runUntil(log::full, Duration.ofSeconds(hops)); // ample: 1 µs per hop
      long wall = System.nanoTime() - start;
      if (!done) {
        throw new IllegalStateException(
            "ring stopped after " + log.size() + " of " + hops + " hops");
      }
      return new Run(log, wall, vts.timersFired());
    }
  }

  private static Behavior<Void> guardian(int actors, int tokens, RingLog log, Duration delay) {
    return Behaviors.setup(
        ctx -> {
          List<ActorRef<RingNode.Msg>> nodes = new ArrayList<>();
          for (int i = 0; i < actors; i++) {
            nodes.add(ctx.spawn(RingNode.create(i, log, delay), "node-" + i));
          }
          for (int i = 0; i < actors; i++) {
            nodes.get(i).tell(new RingNode.Next(nodes.get((i + 1) % actors)));
          }
          for (int t = 0; t < tokens; t++) {
            nodes.get((int) ((long) t * actors / tokens)).tell(new RingNode.Token(t, 0));
          }
          return Behaviors.empty();
        });
  }
}
