package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.fill;
import static org.peerpath.subsystem.Fixtures.settings;
import static org.peerpath.subsystem.Fixtures.write;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.runtime.VirtualTime;

/**
 * Claim 37, as far as software goes: the subsystem's code integrated into a system that already
 * runs, as the children of the caller's actor ({@link
 * Subsystem#spawn(org.apache.pekko.actor.typed.javadsl.ActorContext, SubsystemSettings)}), then
 * performing the steps of claim 1. Under virtual time, driven step by step.
 */
class EmbeddingTest {

  @Test
  void aSubsystemSpawnedUnderTheCallersActorServesACommandByThePeerPath() {
    SubsystemSettings s = settings();
    try (var runtime = VirtualTime.create(Behaviors.empty(), "embedding")) {
      AtomicReference<Subsystem> spawned = new AtomicReference<>();
      ActorRef<Void> embedder =
          runtime.spawn(
              Behaviors.<Void>setup(
                  ctx -> {
                    spawned.set(Subsystem.spawn(ctx, s));
                    return Behaviors.empty();
                  }),
              "storage-prototype");
      Map<String, CommandResult> results = new LinkedHashMap<>();
      ActorRef<CommandResult> replies =
          runtime.spawn(
              Behaviors.receive(CommandResult.class)
                  .onMessage(
                      CommandResult.class,
                      r -> {
                        results.put(r.id(), r);
                        return Behaviors.same();
                      })
                  .build(),
              "replies");
      runtime.runUntilQuiescent();
      Subsystem subsystem = spawned.get();
      assertEquals(
          embedder.path(),
          subsystem.server("server-1").path().parent(),
          "the servers are the caller's children");

      subsystem.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
      runtime.runUntilQuiescent();
      subsystem.submit(write("w1", 7, 0xAB, 1), "server-1", replies);
      assertTrue(runtime.runUntil(() -> results.containsKey("w1"), Duration.ofSeconds(1)));
      subsystem.submit(IoCommand.read("r1", 7, 1), "server-1", replies);
      assertTrue(runtime.runUntil(() -> results.containsKey("r1"), Duration.ofSeconds(1)));

      for (CommandResult r : results.values()) {
        assertEquals(
            List.of(Status.GOOD, HistoryEvent.Path.PEER, "adapter-2"),
            List.of(r.status(), r.path(), r.servedBy()),
            r.id());
      }
      assertEquals(fill(0xAB, 1), results.get("r1").data());
    }
  }
}
