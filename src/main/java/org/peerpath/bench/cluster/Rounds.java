package org.peerpath.bench.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.peerpath.cluster.NodeTally;
import org.peerpath.host.Host;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * The measuring of {@code bench --cluster}, once the cluster is up and adapter-1 has crashed: the
 * peer path is first seen to serve, then a warm-up, then rounds that alternate raw, direct and peer
 * so that the machine's noise hits all three alike. Each is a {@link Loop} on this JVM with the
 * same payload and as many in flight, counted over a window that starts once the loop is full; the
 * figures are medians over the rounds. Around each model loop of a round the nodes' tallies are
 * asked, and the {@link Crossings} of its commands counted.
 */
final class Rounds {
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
  private static final Duration TALLY_LIMIT = Duration.ofSeconds(5);
  private static final AtomicLong LOOPS = new AtomicLong();

  /** What the rounds talk to, on this JVM's node. */
  record Parts(
      ActorSystem<Void> system,
      ActorRef<Host.Command> host,
      ActorRef<Echo.Command> echo,
      Map<String, ActorRef<NodeTally.Request>> tallies,
      CpuTime cpu) {}

  enum Kind {
    RAW,
    DIRECT,
    PEER
  }

  private final ClusterBench.Options o;
  private final Parts parts;
  private final Consumer<String> progress;
  private final Traffic traffic;
  private final Figures figures;

  Rounds(ClusterBench.Options o, Parts parts, Consumer<String> progress) {
    this.o = o;
    this.parts = parts;
    this.progress = progress;
    this.traffic = new Traffic(parts, SubsystemSettings.create(parts.system()));
    this.figures = new Figures(o, traffic.payloadBytes());
  }

  Figures run() throws Exception {
    settle();
    if (o.warmupSeconds() > 0) {
      progress.accept(
          String.format("warming up: raw, direct, peer, %.1f s each", o.warmupSeconds()));
      for (Kind k : Kind.values()) measure(k, o.warmupSeconds(), false);
    }
    for (int r = 1; r <= o.rounds(); r++) {
      Sample raw = measure(Kind.RAW, o.seconds(), true);
      Sample direct = measure(Kind.DIRECT, o.seconds(), true);
      Sample peer = measure(Kind.PEER, o.seconds(), true);
      figures.round(raw, direct, peer);
      progress.accept(
          String.format(
              "round %d/%d: raw %,.0f messages/s, direct %,.0f commands/s, peer %,.0f commands/s",
              r, o.rounds(), raw.perSec(), direct.perSec(), peer.perSec()));
    }
    return figures;
  }

  /**
   * Waits, within {@link #SETTLE_LIMIT}, until a write to server-1 has completed over the peer path
   * and one to server-2 over the direct path: server-1 has turned to forwarding and both paths
   * serve. What fails meanwhile (server-1 may not know its peer's adapter yet) is told, not
   * counted.
   */
  private void settle() throws Exception {
    for (Kind k : List.of(Kind.PEER, Kind.DIRECT)) {
      Loop.Counts c = new Loop.Counts();
      CompletableFuture<Loop.Counts> done = new CompletableFuture<>();
      var loop = start(k, 1, c, done);
      long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
      while ((k == Kind.PEER ? c.peer() : c.direct()) == 0 && System.nanoTime() < deadline)
        TimeUnit.MILLISECONDS.sleep(20);
      loop.tell(new Loop.Stop());
      drain(done, c);
      if (c.failed() > 0)
        progress.accept(c.failed() + " writes failed while the " + name(k) + " path settled");
      if ((k == Kind.PEER ? c.peer() : c.direct()) == 0)
        throw new ClusterBench.NoFigures(
            "no write completed over the "
                + name(k)
                + " path within "
                + SETTLE_LIMIT.toSeconds()
                + " s"
                + ClusterBench.downedHint(o.runDir()));
      progress.accept(
          String.format(
              "the %s path serves (%d writes, %.1f s)",
              name(k),
              c.answered(),
              (System.nanoTime() - deadline + SETTLE_LIMIT.toNanos()) / 1e9));
    }
  }

  /**
   * What one loop did in its window: messages (raw: two a round trip) or commands per second, and
   * the nanoseconds of CPU the run's JVMs used for each of them (-1 when the OS does not tell).
   */
  record Sample(double perSec, double cpuNanosEach) {}

  /**
   * One loop of {@code kind} for {@code seconds} after it has filled. When {@code counted}, its
   * answers and crossings go into the figures.
   */
  private Sample measure(Kind kind, double seconds, boolean counted) throws Exception {
    Map<String, NodeTally.Answer> before = counted && kind != Kind.RAW ? tallies() : Map.of();
    Loop.Counts c = new Loop.Counts();
    CompletableFuture<Loop.Counts> done = new CompletableFuture<>();
    var loop = start(kind, o.outstanding(), c, done);
    TimeUnit.MILLISECONDS.sleep((long) (Math.min(0.5, seconds / 4) * 1000));
    long good0 = c.good();
    var cpu0 = parts.cpu().nanos();
    long t0 = System.nanoTime();
    long window = (long) (seconds * 1e9);
    long told = t0;
    while (System.nanoTime() - t0 < window) {
      TimeUnit.NANOSECONDS.sleep(Math.min(window - (System.nanoTime() - t0), 1_000_000_000L));
      if (System.nanoTime() - told >= 5_000_000_000L) {
        told = System.nanoTime();
        progress.accept(
            String.format("  %s: %.0f s of %.0f s", name(kind), (told - t0) / 1e9, seconds));
      }
    }
    long good1 = c.good();
    var cpu1 = parts.cpu().nanos();
    long t1 = System.nanoTime();
    loop.tell(new Loop.Stop());
    long unanswered = drain(done, c);
    double each = (good1 - good0) * (kind == Kind.RAW ? 2 : 1);
    double cpuEach =
        cpu0.isPresent() && cpu1.isPresent() && each > 0 ? (cpu1.get() - cpu0.get()) / each : -1;
    if (counted) {
      figures.failed(c.failed() + unanswered);
      if (kind == Kind.PEER) figures.completed(kind, c.peer());
      if (kind == Kind.DIRECT) figures.completed(kind, c.direct());
      if (kind != Kind.RAW) figures.crossed(kind, crossings(c.answered(), before, tallies(), kind));
    }
    return new Sample(each * 1e9 / (t1 - t0), cpuEach);
  }

  private Crossings crossings(
      long commands,
      Map<String, NodeTally.Answer> before,
      Map<String, NodeTally.Answer> after,
      Kind kind)
      throws ClusterBench.NoFigures {
    try {
      return Crossings.between(commands, before, after, "host-1", "disk", Set.of("server-1"));
    } catch (IllegalStateException e) {
      throw new ClusterBench.NoFigures(
          e.getMessage() + " (" + name(kind) + " path)" + ClusterBench.downedHint(o.runDir()));
    }
  }

  private Map<String, NodeTally.Answer> tallies() {
    return NodeTally.askAll(parts.system(), parts.tallies(), TALLY_LIMIT);
  }

  /** Waits for the last answers; returns how many never came. */
  private static long drain(CompletableFuture<Loop.Counts> done, Loop.Counts c)
      throws InterruptedException, java.util.concurrent.ExecutionException {
    try {
      done.get(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      return 0;
    } catch (TimeoutException e) {
      return c.sent() - c.answered();
    }
  }

  private ActorRef<Loop.Command> start(
      Kind kind, int inFlight, Loop.Counts c, CompletableFuture<Loop.Counts> done) {
    return parts
        .system()
        .systemActorOf(
            traffic.loop(kind, inFlight, c, done),
            "bench-loop-" + LOOPS.incrementAndGet(),
            Props.empty());
  }

  static String name(Kind k) {
    return k.name().toLowerCase(java.util.Locale.ROOT);
  }
}
