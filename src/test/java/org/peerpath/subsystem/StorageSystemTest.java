package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;

/**
 * The storage system as one spawnable behaviour: commands and faults by its protocol, requests
 * naming what it lacks answered rather than thrown, and its name free again as soon as it stops.
 */
class StorageSystemTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private static ByteString block(int value) {
    byte[] b = new byte[4096];
    Arrays.fill(b, (byte) value);
    return ByteString.fromArray(b);
  }

  @Test
  void servesCommandsByItsProtocolAndReportsEventsToSubscribers() {
    ActorRef<StorageSystem.Command> storage =
        testKit.spawn(StorageSystem.create(SubsystemSettings.defaults().withName("proto")), "s1");
    TestProbe<CommandResult> results = testKit.createTestProbe();
    TestProbe<HistoryEvent> events = testKit.createTestProbe();
    storage.tell(new StorageSystem.Subscribe(events.ref()));

    storage.tell(
        new StorageSystem.Submit(
            null, IoCommand.write("w1", 5, 4096, block(7)), "server-2", results.ref()));
    CommandResult w1 = results.receiveMessage(Duration.ofSeconds(10));
    assertEquals(Status.GOOD, w1.status(), w1.message());
    assertEquals("server-2", w1.server());
    // Startup events (adapters incarnated) may come first; the command's submission follows.
    events.fishForMessage(
        Duration.ofSeconds(10),
        e ->
            "w1".equals(e.id()) && e.kind() == HistoryEvent.Kind.SUBMITTED
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());

    storage.tell(new StorageSystem.Submit(null, IoCommand.read("r1", 5, 1), null, results.ref()));
    CommandResult r1 = results.receiveMessage(Duration.ofSeconds(10));
    assertEquals(block(7), r1.data());
    testKit.stop(storage);
  }

  @Test
  void requestsNamingWhatItLacksAreAnsweredNotThrown() {
    ActorRef<StorageSystem.Command> storage =
        testKit.spawn(StorageSystem.create(SubsystemSettings.defaults().withName("proto")), "s2");
    TestProbe<CommandResult> results = testKit.createTestProbe();

    storage.tell(
        new StorageSystem.Submit(null, IoCommand.read("x1", 0, 1), "server-9", results.ref()));
    CommandResult x1 = results.receiveMessage(Duration.ofSeconds(10));
    assertEquals(Status.BAD_REQUEST, x1.status());
    assertEquals("there is no server-9", x1.message());

    LoggingTestKit.warn("there is no adapter-7")
        .expect(
            testKit.system(),
            () -> {
              storage.tell(new StorageSystem.Fail("adapter-7", FaultMode.CRASH, Duration.ZERO));
              return null;
            });
    LoggingTestKit.warn("a fault's duration must be")
        .expect(
            testKit.system(),
            () -> {
              storage.tell(
                  new StorageSystem.Fail("adapter-1", FaultMode.RESET, Duration.ofDays(100_000)));
              return null;
            });
    // Still serving, and adapter-1 was not failed by the refused fault.
    storage.tell(
        new StorageSystem.Submit(null, IoCommand.read("r2", 0, 1), "server-1", results.ref()));
    CommandResult r2 = results.receiveMessage(Duration.ofSeconds(10));
    assertEquals(Status.GOOD, r2.status());
    assertEquals(HistoryEvent.Path.DIRECT, r2.path());
    testKit.stop(storage);
  }

  @Test
  void aStoppedStorageSystemsNamesAreFreeAtOnce() {
    var settings = SubsystemSettings.defaults().withName("again");
    TestProbe<CommandResult> results = testKit.createTestProbe();
    for (int round = 0; round < 3; round++) {
      ActorRef<StorageSystem.Command> storage =
          testKit.spawn(StorageSystem.create(settings), "same-name");
      storage.tell(
          new StorageSystem.Submit(null, IoCommand.read("r" + round, 0, 1), null, results.ref()));
      CommandResult r = results.receiveMessage(Duration.ofSeconds(10));
      assertTrue(r.isGood(), "round " + round + ": " + r.message());
      testKit.stop(storage); // returns once it has terminated
    }
  }

  @Test
  void aSubmitWithoutACommandOrSomeoneToAnswerIsRefusedAsItIsMade() {
    TestProbe<CommandResult> results = testKit.createTestProbe();
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            NullPointerException.class,
            () -> new StorageSystem.Submit(null, null, "server-1", results.ref()));
    assertEquals("command", e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        NullPointerException.class,
        () -> new org.peerpath.host.Host.Send(IoCommand.read("r", 0, 1), null, null));
    org.junit.jupiter.api.Assertions.assertThrows(
        NullPointerException.class,
        () -> new org.peerpath.server.Server.Submit("host-1", null, results.ref()));
  }
}
