package org.peerpath.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.subsystem.Subsystem;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * {@code bin/peerpath bench}: the model's throughput and latency in real time, beside the runtime's
 * own ceiling measured in the same JVM, so that the two can be compared as a ratio taken within one
 * run (machines, and one machine from one minute to the next, differ more than the model's changes
 * do). A warm-up, then rounds that alternate ceiling, direct path and peer path (the paths at each
 * number of commands outstanding), so that machine noise hits all of them; the figures are medians
 * over the rounds. Then failover over many failures, and the counts per command.
 *
 * <p>The direct path is a subsystem whose adapter-1 works; the peer path a second subsystem, in the
 * same ActorSystem, whose adapter-1 crashed at the start, so that server-1 forwards every command
 * through server-2 (claim 1). Both get the same commands at server-1.
 */
public final class Bench {

  /** What to run; {@code outstanding} in ascending order, without repeats. */
  public record Options(
      int rounds,
      double seconds,
      double warmupSeconds,
      List<Integer> outstanding,
      int countedCommands,
      int failures) {

    public Options {
      outstanding = List.copyOf(outstanding);
    }

    int largest() {
      return Collections.max(outstanding);
    }
  }

  static final int PAYLOAD_BYTES = 4096;

  /** Commands in flight while adapter-1 fails and is repaired. */
  static final int FAILOVER_OUTSTANDING = 16;

  static final Config QUIET =
      ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING");

  private final Options options;
  private final Consumer<String> progress;
  private final ByteString payload = ByteString.fromArrayUnsafe(new byte[PAYLOAD_BYTES]);

  public Bench(Options options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * The settings the bench's subsystems run with: the defaults (zero latency everywhere, an
   * in-memory disk), room for every outstanding command in a server's queue and on the disk (so
   * that no two commands in flight share a block), and no history kept, since a long run would only
   * fill it.
   */
  static SubsystemSettings settings(String name, int servers, int outstanding) {
    SubsystemSettings d = SubsystemSettings.defaults();
    return d.toBuilder()
        .name(name)
        .servers(servers)
        .queueDepth(Math.max(d.queueDepth(), outstanding))
        .blocks(Math.max(d.blocks(), (long) outstanding * PAYLOAD_BYTES / d.blockSize()))
        .keepHistory(false)
        .build();
  }

  static SubsystemSettings settings(String name, int outstanding) {
    return settings(name, 2, outstanding);
  }

  public BenchReport run() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "peerpath-bench", QUIET);
    try {
      Loops loops = new Loops(system);
      int largest = options.largest();
      Subsystem direct = Subsystem.spawn(system, settings("bench-direct", largest));
      Subsystem peer = Subsystem.spawn(system, settings("bench-peer", largest));
      peer.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
      long warm = nanos(options.warmupSeconds());
      progress.accept(String.format("warming up (%.1f s)", 3 * options.warmupSeconds()));
      RuntimeCeiling.messagesPerSec(system, largest, PAYLOAD_BYTES, warm);
      loops.timed(direct, load(largest), warm);
      loops.timed(peer, load(largest), warm);
      PathRounds rounds = new PathRounds(options.outstanding());
      long round = nanos(options.seconds());
      for (int r = 1; r <= options.rounds(); r++) {
        double ceiling = RuntimeCeiling.messagesPerSec(system, largest, PAYLOAD_BYTES, round);
        rounds.ceiling(ceiling);
        for (int outstanding : options.outstanding()) {
          rounds.direct(outstanding, loops.timed(direct, load(outstanding), round));
          rounds.peer(outstanding, loops.timed(peer, load(outstanding), round));
        }
        progress.accept(
            String.format(
                "round %d/%d: ceiling %,.0f messages/s; at %d outstanding direct %,.0f commands/s, peer %,.0f commands/s",
                r,
                options.rounds(),
                ceiling,
                largest,
                rounds.lastDirect(largest),
                rounds.lastPeer(largest)));
      }
      if (!options.outstanding().contains(1)) {
        progress.accept(
            String.format("latency, 1 outstanding (%.1f s each path)", options.seconds()));
        rounds.latency(loops.timed(direct, load(1), round), loops.timed(peer, load(1), round));
      }
      direct.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
      peer.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Failovers.Result failovers = failovers(loops);
      progress.accept("counting messages and tasks per command");
      PerCommandCounts.Counts counts = PerCommandCounts.count(payload, options.countedCommands());
      return report(rounds, failovers, counts);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private Failovers.Result failovers(Loops loops) throws Exception {
    progress.accept(
        String.format(
            "failover: adapter-1 crashes and is repaired %d times, %d commands outstanding",
            options.failures(), FAILOVER_OUTSTANDING));
    Subsystem s = Subsystem.spawn(loops.system(), settings("bench-failover", FAILOVER_OUTSTANDING));
    try {
      return Failovers.run(loops, s, payload, FAILOVER_OUTSTANDING, options.failures(), progress);
    } finally {
      s.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private BenchReport report(
      PathRounds rounds, Failovers.Result failovers, PerCommandCounts.Counts counts) {
    int largest = options.largest();
    List<BenchReport.AtOutstanding> byOutstanding = new ArrayList<>();
    for (int outstanding : options.outstanding())
      byOutstanding.add(
          new BenchReport.AtOutstanding(
              outstanding,
              round(rounds.medianDirect(outstanding), 1),
              round(rounds.medianPeer(outstanding), 1)));
    Map<String, Double> commands = new LinkedHashMap<>();
    commands.put("direct", round(rounds.medianDirect(largest), 1));
    commands.put("peer", round(rounds.medianPeer(largest), 1));
    double ceiling = round(rounds.medianCeiling(), 0);
    return new BenchReport(
        commands,
        byOutstanding,
        ceiling,
        counts.messages(),
        counts.tasks(),
        round(commands.get("direct") * counts.messages().get("direct") / ceiling, 4),
        micros(rounds.directLatency()),
        micros(rounds.peerLatency()),
        failovers.failoverFigures(),
        failovers.failbackFigures(),
        failovers.failedCommands(),
        failovers.stalled(),
        rounds.peerCompletions(),
        rounds.failed(),
        rounds.perRound(largest),
        options);
  }

  private ClosedLoop.Load load(int outstanding) {
    return new ClosedLoop.Load(List.of("server-1"), payload, outstanding, "b");
  }

  private static Map<String, Double> micros(Histogram nanos) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("p50", round(nanos.getValueAtPercentile(50) / 1000.0, 1));
    m.put("p99", round(nanos.getValueAtPercentile(99) / 1000.0, 1));
    return m;
  }

  /** {@code v} to {@code digits} decimals: figures a person reads, not a machine's noise. */
  static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }

  static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }
}
