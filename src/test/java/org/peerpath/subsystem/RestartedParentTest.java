package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.disk.InMemoryDisk;

/**
 * A subsystem spawned under an actor lives and dies with it: a parent restarted by its supervisor
 * spawns its subsystem again under the same name, on a fresh backend from a supplier, and a parent
 * that stops leaves nothing claimed behind.
 */
class RestartedParentTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  /** Spawns a subsystem in its setup and hands it over; fails on any String. */
  private static Behavior<String> parent(SubsystemBuilder builder, ActorRef<Subsystem> spawned) {
    return Behaviors.setup(
        ctx -> {
          spawned.tell(builder.spawn(ctx));
          return Behaviors.receive(String.class)
              .onMessage(
                  String.class,
                  m -> {
                    throw new IllegalStateException(m);
                  })
              .build();
        });
  }

  @Test
  void aRestartedParentSpawnsItsSubsystemAgainOnAFreshBackend() {
    var settings = SubsystemSettings.defaults().withName("under-restart");
    AtomicInteger backends = new AtomicInteger();
    var builder =
        Subsystem.builder(settings)
            .diskBackend(
                () -> {
                  backends.incrementAndGet();
                  return new InMemoryDisk(settings.blockSize(), settings.blocks());
                });
    TestProbe<Subsystem> spawned = testKit.createTestProbe();
    ActorRef<String> parent =
        testKit.spawn(
            Behaviors.supervise(parent(builder, spawned.ref()))
                .onFailure(SupervisorStrategy.restart().withLimit(3, Duration.ofMinutes(1))));
    spawned.receiveMessage(Duration.ofSeconds(10));
    parent.tell("boom");
    Subsystem again = spawned.receiveMessage(Duration.ofSeconds(10));
    assertEquals(2, backends.get(), "one backend per spawn");

    TestProbe<CommandResult> results = testKit.createTestProbe();
    again.submit(IoCommand.read("r1", 0, 1), "server-1", results.ref());
    assertTrue(results.receiveMessage(Duration.ofSeconds(10)).isGood());
    testKit.stop(parent);
  }

  @Test
  void aBackendGivenAsAnInstanceServesOneSpawnAndSaysSoOnTheSecond() {
    var settings = SubsystemSettings.defaults().withName("one-shot");
    var builder =
        Subsystem.builder(settings)
            .diskBackend(new InMemoryDisk(settings.blockSize(), settings.blocks()));
    Subsystem first = builder.spawn(testKit.system());
    first.stop().toCompletableFuture().join();
    var e = assertThrows(IllegalStateException.class, () -> builder.spawn(testKit.system()));
    assertTrue(e.getMessage().contains("give diskBackend a supplier"), e.getMessage());
    // The refused spawn claimed nothing: the name can be spawned with a backend of its own.
    Subsystem.spawn(testKit.system(), settings).stop().toCompletableFuture().join();
  }

  @Test
  void aParentThatStopsWithoutStoppingItsSubsystemLeavesNothingClaimed() {
    int before = Subsystem.namesRemembered(testKit.system());
    TestProbe<Subsystem> spawned = testKit.createTestProbe();
    for (int i = 0; i < 5; i++) {
      ActorRef<String> parent =
          testKit.spawn(
              parent(
                  Subsystem.builder(SubsystemSettings.defaults().withName("gone")), spawned.ref()));
      spawned.receiveMessage(Duration.ofSeconds(10));
      testKit.stop(parent);
    }
    assertEquals(before, Subsystem.namesRemembered(testKit.system()));
  }

  /**
   * Stops its subsystem and, once stop() has completed, spawns the same name again within the same
   * message, before it has handled its old children's ends.
   */
  private static Behavior<String> respawner(
      SubsystemSettings settings, ActorRef<Subsystem> spawned) {
    return Behaviors.setup(
        ctx -> {
          Subsystem[] current = {Subsystem.spawn(ctx, settings)};
          return Behaviors.receive(String.class)
              .onMessage(
                  String.class,
                  m -> {
                    // Waiting inside a handler is for this test only: it keeps the parent from
                    // handling its old children's ends, which is when Pekko frees their names.
                    current[0]
                        .stop()
                        .toCompletableFuture()
                        .get(10, java.util.concurrent.TimeUnit.SECONDS);
                    current[0] = Subsystem.spawn(ctx, settings);
                    spawned.tell(current[0]);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  @Test
  void aNameCanBeSpawnedAgainOnceStopCompletesBeforeTheParentHasHandledItsOldChildrensEnds() {
    var settings = SubsystemSettings.defaults().withName("at-once");
    TestProbe<Subsystem> spawned = testKit.createTestProbe();
    ActorRef<String> parent = testKit.spawn(respawner(settings, spawned.ref()));
    parent.tell("again");
    Subsystem again = spawned.receiveMessage(Duration.ofSeconds(10));
    TestProbe<CommandResult> results = testKit.createTestProbe();
    again.submit(IoCommand.read("r1", 0, 1), "server-1", results.ref());
    assertTrue(results.receiveMessage(Duration.ofSeconds(10)).isGood());
    testKit.stop(parent);
  }

  @Test
  void aStopRefusedOffTheParentsThreadLeavesTheSubsystemStoppable() throws Exception {
    var settings = SubsystemSettings.defaults().withName("off-thread");
    TestProbe<Subsystem> spawned = testKit.createTestProbe();
    ActorRef<String> parent =
        testKit.spawn(
            Behaviors.setup(
                ctx -> {
                  Subsystem s = Subsystem.spawn(ctx, settings);
                  spawned.tell(s);
                  return Behaviors.receive(String.class)
                      .onMessage(
                          String.class,
                          m -> {
                            s.stop();
                            spawned.tell(s); // stopped: stop() now only returns the stage
                            return Behaviors.same();
                          })
                      .build();
                }));
    Subsystem s = spawned.receiveMessage(Duration.ofSeconds(10));
    assertThrows(RuntimeException.class, s::stop, "Pekko refuses a stop off the parent's thread");
    parent.tell("stop it");
    spawned
        .receiveMessage(Duration.ofSeconds(10))
        .stop()
        .toCompletableFuture()
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    testKit.stop(parent);
  }
}
