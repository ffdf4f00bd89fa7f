package org.peerpath.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.runtime.ModelClock;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;
import scala.concurrent.ExecutionContext;

/**
 * The fabric delivers after the path's latency plus the sender's service time, exactly, and never
 * sooner.
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
              new PathLatencies(Long.MAX_VALUE - 5, Map.of()),
              vts.system().scheduler(),
              ExecutionContext.parasitic$.MODULE$);
      fabric.send("disk", "adapter-1", receiver(vts), "io-done", 10);
      vts.runFor(Duration.ofDays(365));
      assertEquals(List.of(), arrived);
    }
  }
}
