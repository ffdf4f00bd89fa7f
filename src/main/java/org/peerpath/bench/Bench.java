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
      timed(system, direct, options.outstanding(), warm);
      timed(system, peer, options.outstanding(), warm);
      long peerCompletions = 0;
      long failed = 0;
      List<BenchReport.Round> rounds = new ArrayList<>();
      long round = nanos(options.seconds());
      for (int r = 1; r <= options.rounds(); r++) {
        double ceiling =
            RuntimeCeiling.messagesPerSec(system, options.outstanding(), PAYLOAD_BYTES, round);
        ClosedLoop.Tally d = timed(system, direct, options.outstanding(), round);
        ClosedLoop.Tally p = timed(system, peer, options.outstanding(), round);
        peerCompletions += p.peer();
        failed += d.failed() + p.failed();
        rounds.add(
            new BenchReport.Round(round(ceiling, 0), round(d.perSec(), 1), round(p.perSec(), 1)));
        progress.accept(
            String.format(
                "round %d/%d: ceiling %,.0f messages/s, direct %,.0f commands/s, peer %,.0f commands/s",
                r, options.rounds(), ceiling, d.perSec(), p.perSec()));
      }
      progress.accept(String.format("latency, 1 outstanding (%.1f s)", options.seconds()));
      ClosedLoop.Tally latency = timed(system, direct, 1, round);
      failed += latency.failed();
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
      micros.put("p50", round(latency.latencyNanos().getValueAtPercentile(50) / 1000.0, 1));
      micros.put("p99", round(latency.latencyNanos().getValueAtPercentile(99) / 1000.0, 1));
      return new BenchReport(
          commands,
          ceiling,
          perCommand,
          round(commands.get("direct") * perCommand.get("direct") / ceiling, 4),
          micros,
          peerCompletions,
          failed,
          rounds,
          options);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static final AtomicLong LOOPS = new AtomicLong();

  /**
   * A closed loop at server-1 for {@code nanos} of wall time; its tally counts the good replies of
   * that time only, but waits for the last replies, whose failures and paths it counts too.
   */
  private ClosedLoop.Tally timed(ActorSystem<?> system, Subsystem s, int outstanding, long nanos)
      throws Exception {
    AtomicLong good = new AtomicLong();
    CompletableFuture<ClosedLoop.Tally> done = new CompletableFuture<>();
    var client = spawn(system, s, outstanding, Long.MAX_VALUE, good, done);
    long start = System.nanoTime();
    long before = good.get();
    TimeUnit.NANOSECONDS.sleep(nanos);
    long counted = good.get() - before;
    long elapsed = System.nanoTime() - start;
    client.tell(new ClosedLoop.Stop());
    ClosedLoop.Tally t = done.get(60, TimeUnit.SECONDS);
    return new ClosedLoop.Tally(counted, t.peer(), t.failed(), t.latencyNanos(), elapsed);
  }

  /** A closed loop at server-1 of {@code commands} commands, waited for. */
  private ClosedLoop.Tally commands(
      ActorSystem<?> system, Subsystem s, int outstanding, long commands) throws Exception {
    CompletableFuture<ClosedLoop.Tally> done = new CompletableFuture<>();
    spawn(system, s, outstanding, commands, new AtomicLong(), done);
    return done.get(60, TimeUnit.SECONDS);
  }

  private org.apache.pekko.actor.typed.ActorRef<ClosedLoop.Command> spawn(
      ActorSystem<?> system,
      Subsystem s,
      int outstanding,
      long limit,
      AtomicLong good,
      CompletableFuture<ClosedLoop.Tally> done) {
    return system.systemActorOf(
        ClosedLoop.create(s, "server-1", payload, outstanding, limit, good, done),
        "bench-loop-" + LOOPS.incrementAndGet(),
        Props.empty());
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
      commands(counting, peer, 1, 100);
      commands(counting, direct, 1, 100);
      Map<String, Double> perCommand = new LinkedHashMap<>();
      perCommand.put("direct", counted(counting, direct, false));
      perCommand.put("peer", counted(counting, peer, true));
      return perCommand;
    } finally {
      counting.terminate();
      counting.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private double counted(ActorSystem<?> system, Subsystem s, boolean peerPath) throws Exception {
    long before = CountingMailbox.enqueued();
    ClosedLoop.Tally t = commands(system, s, 1, options.countedCommands());
    long messages = CountingMailbox.enqueued() - before;
    long commands = t.good() + t.failed();
    if (peerPath && t.peer() != t.good())
      throw new IllegalStateException(
          t.peer() + " of " + t.good() + " counted commands went the peer path, not all");
    // Counted: Subsystem.submit's message to the host and the host's reply to the client, as well
    // as every message between the model's elements.
    return Math.round(messages * 100.0 / Math.max(1, commands)) / 100.0;
  }

  /** {@code v} to {@code digits} decimals: figures a person reads, not a machine's noise. */
  static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }

  private static double median(java.util.stream.DoubleStream values) {
    double[] v = values.sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
