package org.peerpath.bench;

import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The runtime's ceiling, for comparison with {@link CommandPathBenchmark}: a plain Pekko Typed
 * round trip (a request to an echo actor and its answer, two messages) carrying a 4 KiB {@code
 * ByteString}, driven by the same {@link BatchLoop} and with the same batch sizes as a command. No
 * model code runs; a command costs 17 such messages on the direct path and 19 on the peer path, as
 * the bench counts them (docs/performance.md, "Bench"), so this is what one message of the model
 * costs at best here.
 */
@State(Scope.Benchmark)
public class RawRoundTripBenchmark {

  /** A request with its payload, answered to {@code replyTo}. */
  record Ping(int slot, ByteString payload, ActorRef<Pong> replyTo) {}

  /** The answer: the same payload back. */
  record Pong(int slot, ByteString payload) {}

  private ActorSystem<Void> system;
  private ActorRef<BatchLoop.Msg> loop;

  @Setup
  public void start() {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "raw-round-trip",
            ConfigFactory.parseString("pekko.loglevel = WARNING"));
    ActorRef<Ping> echo = system.systemActorOf(echo(), "echo", Props.empty());
    ByteString payload = ByteString.fromArrayUnsafe(new byte[Bench.PAYLOAD_BYTES]);
    loop =
        system.systemActorOf(
            BatchLoop.create(
                Pong.class,
                new BatchLoop.Requests<Pong>() {
                  @Override
                  public void send(int slot, ActorRef<Pong> replyTo) {
                    echo.tell(new Ping(slot, payload, replyTo));
                  }

                  @Override
                  public int slotOf(Pong reply) {
                    return reply.slot();
                  }

                  @Override
                  public String wrong(Pong reply) {
                    return reply.payload() == payload ? null : "another payload came back";
                  }
                }),
            "loop",
            Props.empty());
  }

  private static Behavior<Ping> echo() {
    return Behaviors.receive(Ping.class)
        .onMessage(
            Ping.class,
            p -> {
              p.replyTo().tell(new Pong(p.slot(), p.payload()));
              return Behaviors.same();
            })
        .build();
  }

  @TearDown
  public void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** One round trip at a time: its latency. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(CommandPathBenchmark.ROUND_TRIPS)
  public void roundTrip() throws Exception {
    BatchLoop.runBatch(loop, CommandPathBenchmark.ROUND_TRIPS, 1);
  }

  /** Many round trips in flight: how many finish per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(CommandPathBenchmark.BATCH)
  public void throughput() throws Exception {
    BatchLoop.runBatch(loop, CommandPathBenchmark.BATCH, CommandPathBenchmark.OUTSTANDING);
  }
}
