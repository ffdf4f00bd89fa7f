package org.peerpath.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.subsystem.Subsystem;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * {@code bin/peerpath bench}: the model's throughput and latency in real time, beside the runtime's
 * own ceiling measured in the same JVM, so that the two can be compared as a ratio taken within one
 * run (machines, and one machine from one minute to the next, differ more than the model's changes
 * do). A warm-up, then rounds that alternate ceiling, direct path and peer path, so that machine
 * noise hits all three; the figures are medians over the rounds.
 *
 * <p>The direct path is a subsystem whose adapter-1 works; the peer path a second subsystem, in the
 * same ActorSystem, whose adapter-1 crashed at the start, so that server-1 forwards every command
 * through server-2 (claim 1). Both get the same commands at server-1. Messages per command come
 * from a short separate run in an ActorSystem whose mailboxes count what they receive.
 */
public final class Bench {

  /** What to run. */
  public record Options(
      int rounds, double seconds, double warmupSeconds, int outstanding, int countedCommands) {}

  static final int PAYLOAD_BYTES = 4096;

  private static final Config QUIET =
      ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING");
  private static final Config COUNTING =
      ConfigFactory.parseString(
              "pekko.actor.typed.default-mailbox.mailbox-type = \""
                  + CountingMailbox.class.getName()
                  + "\"")
          .withFallback(QUIET);

  private final Options options;
  private final Consumer<String> progress;
  private final ByteString payload = ByteString.fromArrayUnsafe(new byte[PAYLOAD_BYTES]);
  private long peerCompletions;
  private long failed;

  public Bench(Options options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * The settings both subsystems run with: the defaults (zero latency everywhere, an in-memory
   * disk), room for every outstanding command in a server's queue, and no history kept, since a
   * long run would only fill it.
   */
  static SubsystemSettings settings(String name, int outstanding) {
    SubsystemSettings d = SubsystemSettings.defaults();
    return d.toBuilder()
        .name(name)
        .queueDepth(Math.max(d.queueDepth(), outstanding))
        .keepHistory(false)
        .build();
  }

  public BenchReport run() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "peerpath-bench", QUIET);
    try {
      Subsystem direct = Subsystem.spawn(system, settings("bench-direct", options.outstanding()));
      Subsystem peer = Subsystem.spawn(system, settings("bench-peer", options.outstanding()));
      peer.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
      long warm = nanos(options.warmupSeconds());
      progress.accept(String.format("warming up (%.1f s)", 3 * options.warmupSeconds()));
      RuntimeCeiling.messagesPerSec(system, options.outstanding(), PAYLOAD_BYTES, warm);
      commandsPerSec(system, direct, options.outstanding(), warm);
      commandsPerSec(system, peer, options.outstanding(), warm);
      peerCompletions = 0;
      failed = 0;
      List<BenchReport.Round> rounds = new ArrayList<>();
      long round = nanos(options.seconds());
      for (int r = 1; r <= options.rounds(); r++) {
        double ceiling =
            RuntimeCeiling.messagesPerSec(system, options.outstanding(), PAYLOAD_BYTES, round);
        double d = commandsPerSec(system, direct, options.outstanding(), round);
        double p = commandsPerSec(system, peer, options.outstanding(), round);
        rounds.add(new BenchReport.Round(ceiling, d, p));
        progress.accept(
            String.format(
                "round %d/%d: ceiling %,.0f messages/s, direct %,.0f commands/s, peer %,.0f commands/s",
                r, options.rounds(), ceiling, d, p));
      }
      long peerSeen = peerCompletions;
      progress.accept(String.format("latency, 1 outstanding (%.1f s)", options.seconds()));
      ClosedLoop.Tally latency = loop(system, direct, 1, Long.MAX_VALUE, round);
      direct.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
      peer.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
      progress.accept("counting messages per command");
      Map<String, Double> perCommand = messagesPerCommand();
      double ceiling =
          median(rounds.stream().mapToDouble(BenchReport.Round::runtimeMessagesPerSec));
      Map<String, Double> commands = new LinkedHashMap<>();
      commands.put(
          "direct", median(rounds.stream().mapToDouble(BenchReport.Round::directCommandsPerSec)));
      commands.put(
          "peer", median(rounds.stream().mapToDouble(BenchReport.Round::peerCommandsPerSec)));
      Map<String, Double> micros = new LinkedHashMap<>();
      micros.put("p50", latency.latencyNanos().getValueAtPercentile(50) / 1000.0);
      micros.put("p99", latency.latencyNanos().getValueAtPercentile(99) / 1000.0);
      return new BenchReport(
          commands,
          ceiling,
          perCommand,
          commands.get("direct") * perCommand.get("direct") / ceiling,
          micros,
          peerSeen,
          failed,
          rounds,
          options);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Good commands per second at server-1 over {@code nanos} of wall time. */
  private double commandsPerSec(ActorSystem<?> system, Subsystem s, int outstanding, long nanos)
      throws Exception {
    ClosedLoop.Tally t = loop(system, s, outstanding, Long.MAX_VALUE, nanos);
    return t.good() * 1e9 / t.elapsedNanos();
  }

  private static final AtomicLong LOOPS = new AtomicLong();

  /**
   * Runs a closed loop for {@code nanos} (or until {@code limit} commands) and waits for its last
   * replies.
   */
  private ClosedLoop.Tally loop(
      ActorSystem<?> system, Subsystem s, int outstanding, long limit, long nanos)
      throws Exception {
    AtomicLong good = new AtomicLong();
    CompletableFuture<ClosedLoop.Tally> done = new CompletableFuture<>();
    var client =
        system.systemActorOf(
            ClosedLoop.create(s, "server-1", payload, outstanding, limit, good, done),
            "bench-loop-" + LOOPS.incrementAndGet(),
            Props.empty());
    long start = System.nanoTime();
    long before = good.get();
    if (limit == Long.MAX_VALUE) {
      TimeUnit.NANOSECONDS.sleep(nanos);
      long counted = good.get() - before;
      long elapsed = System.nanoTime() - start;
      client.tell(new ClosedLoop.Stop());
      ClosedLoop.Tally t = done.get(60, TimeUnit.SECONDS);
      account(s, t);
      return new ClosedLoop.Tally(counted, t.peer(), t.failed(), t.latencyNanos(), elapsed);
    }
    ClosedLoop.Tally t = done.get(60, TimeUnit.SECONDS);
    account(s, t);
    return new ClosedLoop.Tally(
        t.good(), t.peer(), t.failed(), t.latencyNanos(), System.nanoTime() - start);
  }

  private void account(Subsystem s, ClosedLoop.Tally t) {
    if (s.settings().name().equals("bench-peer")) peerCompletions += t.peer();
    failed += t.failed();
  }

  /**
   * Messages per command on each path: every message the model's actors receive during {@code
   * countedCommands} commands, one at a time, divided by the commands. The servers' watchdogs add a
   * few messages every 125 ms, well under 0.01 per command.
   */
  private Map<String, Double> messagesPerCommand() throws Exception {
    ActorSystem<Void> counting =
        ActorSystem.create(Behaviors.empty(), "peerpath-bench-count", COUNTING);
    try {
      Subsystem direct = Subsystem.spawn(counting, settings("count-direct", 1));
      Subsystem peer = Subsystem.spawn(counting, settings("count-peer", 1));
      peer.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
      // Until server-1 has turned to forwarding, commands still go the direct path.
      loop(counting, peer, 1, 100, 0);
      loop(counting, direct, 1, 100, 0);
      Map<String, Double> perCommand = new LinkedHashMap<>();
      perCommand.put("direct", counted(counting, direct));
      perCommand.put("peer", counted(counting, peer));
      return perCommand;
    } finally {
      counting.terminate();
      counting.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private double counted(ActorSystem<?> system, Subsystem s) throws Exception {
    long before = CountingMailbox.enqueued();
    ClosedLoop.Tally t = loop(system, s, 1, options.countedCommands(), 0);
    long messages = CountingMailbox.enqueued() - before;
    long commands = t.good() + t.failed();
    if (s.settings().name().equals("count-peer") && t.peer() != t.good())
      throw new IllegalStateException(
          t.peer() + " of " + t.good() + " counted commands went the peer path, not all");
    // Counted: Subsystem.submit's message to the host and the host's reply to the client, as well
    // as every message between the model's elements.
    return Math.round(messages * 100.0 / Math.max(1, commands)) / 100.0;
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }

  private static double median(java.util.stream.DoubleStream values) {
    double[] v = values.sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
