package org.peerpath.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.history.Durations;
import org.peerpath.runtime.ModelClock;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;
import scala.concurrent.ExecutionContext;

/**
 * The fabric delivers after the path's latency plus the sender's service time, exactly, and never
 * sooner; a path its latency model cannot answer takes no time.
 */
class FabricTest {
  private final List<String> arrived = new ArrayList<>();

  private ActorRef<String> receiver(VirtualTimeSystem<?> vts) {
    ModelClock clock = vts.clock();
    return vts.spawn(
        Behaviors.receiveMessage(
            m -> {
              arrived.add(m + "@" + clock.nanos());
              return Behaviors.same();
            }),
        "receiver");
  }

  @Test
  void aMessageArrivesAfterItsPathsLatencyPlusTheServiceTime() {
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "fabric-sum")) {
      var fabric =
          new Fabric(
              new PathLatencies(0, Map.of("disk->adapter-1", 3_000L)),
              vts.system().scheduler(),
              ExecutionContext.parasitic$.MODULE$);
      fabric.send("disk", "adapter-1", receiver(vts), "io-done", 2_000L);
      vts.runFor(Duration.ofMillis(1));
      assertEquals(List.of("io-done@5000"), arrived);
    }
  }

  @Test
  void aLatencyAndServiceTimeThatOverflowTogetherNeverArriveRatherThanAtOnce() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "fabric-overflow")) {
      var fabric =
          new Fabric(
              new PathLatencies(Durations.MAX_NANOS, Map.of()),
              vts.system().scheduler(),
              ExecutionContext.parasitic$.MODULE$);
      fabric.send("disk", "adapter-1", receiver(vts), "io-done", Long.MAX_VALUE - 5);
      vts.runFor(Duration.ofDays(365));
      assertEquals(List.of(), arrived);
    }
  }

  /**
   * Knows the subsystem's own elements; asked about any other name it answers what a careless model
   * of code might.
   */
  private static Duration careless(String from, String to) {
    switch (to) {
      case "client-throws":
        throw new IllegalStateException("no route to " + to);
      case "client-null":
        return null;
      case "client-negative":
        return Duration.ofNanos(-1);
      case "client-glacial":
        return Duration.ofNanos(Durations.MAX_NANOS + 1);
      case "client-forever":
        return Duration.ofDays(365L * 1_000_000_000L);
      default:
        return Duration.ofNanos(4_000);
    }
  }

  @Test
  void aPathTheModelCannotAnswerTakesNoTime() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "fabric-unanswered")) {
      var fabric =
          new Fabric(
              FabricTest::careless, vts.system().scheduler(), ExecutionContext.parasitic$.MODULE$);
      ActorRef<String> receiver = receiver(vts);
      for (String to :
          List.of(
              "client-throws",
              "client-null",
              "client-negative",
              "client-glacial",
              "client-forever")) {
        assertEquals(0, fabric.latencyNanos("server-1", to), to);
        fabric.send("server-1", to, receiver, to);
      }
      fabric.send("server-1", "host-1", receiver, "host-1");
      vts.runFor(Duration.ofMillis(1));
      assertEquals(
          List.of(
              "client-throws@0",
              "client-null@0",
              "client-negative@0",
              "client-glacial@0",
              "client-forever@0",
              "host-1@4000"),
          arrived);
    }
  }
}
