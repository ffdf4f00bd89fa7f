package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;

/**
 * stop() completes once every actor has terminated; then the name may be spawned again, at once.
 */
class StopTest {
  static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void tearDown() {
    kit.shutdownTestKit();
  }

  @Test
  void aStoppedSubsystemsNameCanBeSpawnedAgainAsSoonAsStopCompletes() throws Exception {
    SubsystemSettings settings = SubsystemSettings.create(kit.system()).withName("again");
    TestProbe<CommandResult> replies = kit.createTestProbe();
    for (int round = 1; round <= 3; round++) {
      Subsystem s = Subsystem.spawn(kit.system(), settings);
      s.submit(IoCommand.read("r" + round, 1, 1), "server-1", replies.getRef());
      assertEquals(Status.GOOD, replies.receiveMessage(Duration.ofSeconds(10)).status());
      s.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertTrue(
          s.stop().toCompletableFuture().isDone(), "stop() again returns the completed stage");
    }
  }

  @Test
  void aNameThatRunsAlreadyIsRefusedWithAClearMessage() throws Exception {
    SubsystemSettings settings = SubsystemSettings.create(kit.system()).withName("twice");
    Subsystem first = Subsystem.spawn(kit.system(), settings);
    var e =
        assertThrows(IllegalArgumentException.class, () -> Subsystem.spawn(kit.system(), settings));
    assertTrue(
        e.getMessage().contains("a subsystem named twice runs here already"), e.getMessage());
    first.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Subsystem.spawn(kit.system(), settings).stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void twoActorsMayEachEmbedASubsystemOfTheSameName() {
    SubsystemSettings settings = SubsystemSettings.create(kit.system()).withName("shared");
    TestProbe<String> spawned = kit.createTestProbe();
    for (String parent : new String[] {"prototype-a", "prototype-b"}) {
      kit.spawn(
          org.apache.pekko.actor.typed.javadsl.Behaviors.<Void>setup(
              ctx -> {
                Subsystem s = Subsystem.spawn(ctx, settings);
                spawned.getRef().tell(s.server("server-1").path().toString());
                return org.apache.pekko.actor.typed.javadsl.Behaviors.empty();
              }),
          parent);
    }
    String a = spawned.receiveMessage(Duration.ofSeconds(10));
    String b = spawned.receiveMessage(Duration.ofSeconds(10));
    assertTrue(
        a.contains("/prototype-a/shared-server-1") || b.contains("/prototype-a/shared-server-1"),
        a + " " + b);
    assertTrue(
        a.contains("/prototype-b/shared-server-1") || b.contains("/prototype-b/shared-server-1"),
        a + " " + b);
  }
}
