package org.peerpath.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.runtime.VirtualTime;

/**
 * Load is not failure (failure detection, claim 2): an adapter in the mailbox its server gives it
 * takes a health check before the commands queued ahead of it, so a backlog never keeps its
 * server's watchdog waiting.
 */
class HealthCheckPriorityTest {

  @Test
  void aHealthCheckIsAnsweredBeforeTheCommandsQueuedAheadOfIt() {
    try (var runtime = VirtualTime.create(Behaviors.empty(), "health-check")) {
      List<Object> seen = new ArrayList<>();
      ActorRef<Object> recorder =
          runtime.spawn(
              Behaviors.receive(Object.class)
                  .onAnyMessage(
                      m -> {
                        seen.add(m);
                        return Behaviors.same();
                      })
                  .build(),
              "recorder");
      var wiring =
          new Adapter.Wiring(
              "adapter-1",
              "server-1",
              recorder.narrow(),
              recorder.narrow(),
              new Fabric(LatencyModel.zero(), null, null),
              new History(() -> 0L, Integer.MAX_VALUE),
              new AdapterHardware());
      ActorRef<Adapter.Command> adapter =
          runtime
              .system()
              .systemActorOf(
                  Adapter.create(wiring),
                  "adapter-1",
                  MailboxSelector.fromConfig("peerpath.adapter-mailbox"));
      ActorRef<MemoryRegion.Command> memory = recorder.narrow();
      for (long grant = 1; grant <= 100; grant++)
        adapter.tell(new Adapter.Execute(grant, "memory-1", memory, 0, 1));
      adapter.tell(new Adapter.HealthCheck(7));
      runtime.runUntilQuiescent();

      int answer = seen.indexOf(new Adapter.HealthOk(7, 1));
      int firstCommand = indexOfFirst(seen, MemoryRegion.DmaRead.class);
      assertTrue(answer >= 0 && firstCommand >= 0, seen.toString());
      assertTrue(
          answer < firstCommand,
          "the check was answered before any of the 100 commands sent ahead of it was started");
      assertEquals(100, seen.stream().filter(MemoryRegion.DmaRead.class::isInstance).count());
    }
  }

  private static int indexOfFirst(List<Object> seen, Class<?> type) {
    for (int i = 0; i < seen.size(); i++) if (type.isInstance(seen.get(i))) return i;
    return -1;
  }
}
