package org.peerpath.bench;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.history.HistoryEvent;
import org.peerpath.host.Host;
import org.peerpath.subsystem.Subsystem;

/**
 * A 4 KiB command end to end, in real time, through {@code Subsystem.submit} to server-1 and back:
 * on the direct path (adapter-1 works) and on the peer path (adapter-1 crashed, so server-1
 * forwards every command through server-2, claim 1), a write and a read. {@link #roundTrip} keeps
 * one command outstanding (its latency), {@link #throughput} keeps {@value #OUTSTANDING} (commands
 * per second). The subsystem has the bench's settings (zero latency, the in-memory disk, no history
 * kept) but a longer watchdog ({@link #WATCHDOG}); each slot of the loop reuses one command, of its
 * own id and block, so the caller costs little beside the model. A reply that is not GOOD, or that
 * went another path than the one measured, fails the benchmark with that reply. Compare with {@link
 * RawRoundTripBenchmark}, the runtime's ceiling.
 */
@State(Scope.Benchmark)
public class CommandPathBenchmark {
  static final int ROUND_TRIPS = 200;
  static final int BATCH = 4096;
  static final int OUTSTANDING = 256;

  @Param({"direct", "peer"})
  public String path;

  @Param({"write", "read"})
  public String op;

  /**
   * The servers' watchdog: the bench's 250 ms, on a machine at a load of 20 on 2 cores with 256
   * commands outstanding, once took a starved but working adapter-2 for hung, so that server-1 had
   * no path for 70 ms and the host resent its commands to server-2. These benchmarks measure the
   * paths, not failure detection; the watchdog ticks twice per period, so a longer one only ticks
   * less often.
   */
  private static final Duration WATCHDOG = Duration.ofSeconds(10);

  private ActorSystem<Void> system;
  private Subsystem subsystem;
  private ActorRef<BatchLoop.Msg> loop;

  @Setup
  public void start() throws Exception {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "command-path",
            ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING"));
    subsystem =
        Subsystem.spawn(
            system,
            Bench.settings("jmh-" + path, OUTSTANDING).toBuilder().watchdog(WATCHDOG).build());
    ByteString payload = ByteString.fromArrayUnsafe(new byte[Bench.PAYLOAD_BYTES]);
    int blockSize = subsystem.settings().blockSize();
    IoCommand[] commands = new IoCommand[OUTSTANDING];
    for (int slot = 0; slot < OUTSTANDING; slot++) {
      String id = Integer.toString(slot);
      commands[slot] =
          op.equals("write")
              ? IoCommand.write(id, slot, blockSize, payload)
              : IoCommand.read(id, slot, payload.size() / blockSize);
      // A read finds its block written, as it would in use.
      if (op.equals("read")) submit(IoCommand.write(id, slot, blockSize, payload));
    }
    HistoryEvent.Path expected =
        path.equals("direct") ? HistoryEvent.Path.DIRECT : HistoryEvent.Path.PEER;
    if (expected == HistoryEvent.Path.PEER) {
      subsystem.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
      // Until server-1 has seen its adapter fail, commands still go the direct path.
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (submit(commands[0]).path() != HistoryEvent.Path.PEER) {
        if (System.nanoTime() > giveUp) throw new IllegalStateException("no peer path in 30 s");
      }
    }
    loop =
        system.systemActorOf(
            BatchLoop.create(
                CommandResult.class,
                new BatchLoop.Requests<CommandResult>() {
                  @Override
                  public void send(int slot, ActorRef<CommandResult> replyTo) {
                    subsystem.submit(commands[slot], "server-1", replyTo);
                  }

                  @Override
                  public int slotOf(CommandResult reply) {
                    return Integer.parseInt(reply.id());
                  }

                  @Override
                  public String wrong(CommandResult reply) {
                    if (!reply.isGood()) return reply.id() + ": " + reply.message();
                    // Answered by another server, or by its direct path: the host resent it,
                    // or server-1 turned back. (A history listener would say which, but it
                    // would have every event built, which a run without one skips.)
                    if (reply.path() != expected) return "not the " + path + " path: " + reply;
                    return null;
                  }
                }),
            "loop",
            Props.empty());
  }

  /** One command through host-1 to server-1, waited for. */
  private CommandResult submit(IoCommand command) throws Exception {
    CommandResult r =
        AskPattern.<Host.Command, CommandResult>ask(
                subsystem.host("host-1"),
                replyTo -> new Host.Send(command, "server-1", replyTo),
                Duration.ofSeconds(10),
                system.scheduler())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    if (!r.isGood()) throw new IllegalStateException(r.id() + ": " + r.message());
    return r;
  }

  @TearDown
  public void stop() throws Exception {
    subsystem.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** One command at a time: its latency. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(ROUND_TRIPS)
  public void roundTrip() throws Exception {
    BatchLoop.runBatch(loop, ROUND_TRIPS, 1);
  }

  /** {@value #OUTSTANDING} commands in flight: how many finish per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public void throughput() throws Exception {
    BatchLoop.runBatch(loop, BATCH, OUTSTANDING);
  }
}
