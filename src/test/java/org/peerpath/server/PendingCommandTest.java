package org.peerpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.memory.MemoryRegion;

/**
 * The waiting state (claims 5, 7): CSW and notice in either order, duplicates, stale attempts, the
 * deadline.
 */
class PendingCommandTest {
  final TestInbox<MemoryRegion.Command> memory = TestInbox.create();
  final TestInbox<Disk.Command> disk = TestInbox.create();
  final TestInbox<Server.Command> server = TestInbox.create();
  final TestInbox<Server.Command> peer = TestInbox.create();
  final TestInbox<CommandResult> host = TestInbox.create();
  final TestInbox<MemoryRegion.SetUp> setUps = TestInbox.create();
  final TestInbox<MemoryRegion.CswWritten> doorbell = TestInbox.create();
  final TestInbox<MemoryRegion.Fenced> memoryFences = TestInbox.create();
  final TestInbox<Disk.Preempted> diskFences = TestInbox.create();
  final TestInbox<MemoryRegion.Fetched> fetches = TestInbox.create();

  PendingCommand pending(Completion completion) {
    return pending(
        completion, IoCommand.write("w1", 0, 4096, ByteString.fromArray(new byte[4096])));
  }

  PendingCommand pending(Completion completion, IoCommand command) {
    var settings = ServerSettingsFixture.serverOne(completion, Duration.ofMillis(20));
    var replies =
        new ServerWiring.CommandReplies(
            setUps.getRef(),
            doorbell.getRef(),
            memoryFences.getRef(),
            diskFences.getRef(),
            fetches.getRef());
    var wiring =
        new ServerWiring(
            "server-1",
            server.getRef(),
            "memory-1",
            memory.getRef(),
            disk.getRef(),
            settings,
            new Fabric(LatencyModel.zero(), null, null),
            new History(() -> 0L, Integer.MAX_VALUE),
            replies);
    var route = new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 1);
    var spec =
        new PendingCommand.Spec(
            1,
            "host-1",
            1,
            0,
            command,
            Slot.of(0, settings.bytesPerCommandMax()),
            route,
            host.getRef(),
            wiring);
    var p = new PendingCommand(spec);
    assertFalse(p.start());
    setUp(p, 1);
    return p;
  }

  /** Answers the memory's set-up of the attempt and checks the command then goes to the peer. */
  long setUp(PendingCommand p, int attempt) {
    if (attempt > 1) {
      assertEquals(
          new MemoryRegion.Revoke(grant(attempt - 1)),
          memory.receiveMessage(),
          "the stale attempt's grant goes first");
    }
    MemoryRegion.Setup setup = (MemoryRegion.Setup) memory.receiveMessage();
    assertEquals(attempt, setup.attempt());
    assertEquals(
        setUps.getRef(),
        setup.replyTo(),
        "the memory answers the server, which hands the answer on");
    assertFalse(p.on(new PendingCommand.SetUpDone(setup.grantId())));
    Server.Forward forward = (Server.Forward) peer.receiveMessage();
    assertEquals(setup.grantId(), forward.grantId());
    return setup.grantId();
  }

  static long grant(int attempt) {
    return (1L << 16) | attempt;
  }

  @Test
  void cswFirstThenNoticeCompletesOnlyOnTheNotice() {
    var p = pending(Completion.BOTH);
    assertFalse(p.on(new PendingCommand.CswArrived(grant(1), Status.GOOD)));
    assertFalse(host.hasMessages(), "no reply on the CSW alone");
    assertTrue(p.on(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2")));
    CommandResult r = host.receiveMessage();
    assertEquals(Status.GOOD, r.status());
    assertEquals(HistoryEvent.Order.CSW_FIRST, r.order());
    assertEquals(HistoryEvent.Path.PEER, r.path());
    assertTrue(p.finished());
  }

  @Test
  void noticeFirstThenCswCompletesOnlyOnTheCsw() {
    var p = pending(Completion.BOTH);
    assertFalse(p.on(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2")));
    assertFalse(host.hasMessages(), "no reply on the notice alone");
    assertTrue(p.on(new PendingCommand.CswArrived(grant(1), Status.GOOD)));
    assertEquals(HistoryEvent.Order.NOTICE_FIRST, host.receiveMessage().order());
  }

  @Test
  void duplicatesOfOneSignalDoNotComplete() {
    var p = pending(Completion.BOTH);
    p.on(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    p.on(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    assertFalse(host.hasMessages());
    p.on(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2"));
    p.on(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2"));
    assertEquals(1, host.getAllReceived().size());
  }

  @Test
  void signalsOfAStaleAttemptAreIgnored() {
    var p = pending(Completion.BOTH);
    p.redrive(
        new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 2),
        "adapter-2",
        1,
        "test",
        PendingCommand.Fence.INCARNATION);
    MemoryRegion.Fence fence = (MemoryRegion.Fence) memory.receiveMessage();
    assertEquals("adapter-2", fence.adapter());
    assertEquals(grant(1), fence.grantId());
    assertEquals(memoryFences.getRef(), fence.replyTo());
    Disk.Preempt preempt = (Disk.Preempt) disk.receiveMessage();
    assertEquals(grant(1), preempt.grantId());
    assertFalse(p.on(new PendingCommand.FenceAcked(grant(1))));
    assertFalse(memory.hasMessages(), "no next attempt before the disk has fenced too");
    assertFalse(p.on(new PendingCommand.FenceAcked(grant(1))));
    setUp(p, 2);
    p.on(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    p.on(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2"));
    assertFalse(host.hasMessages(), "attempt 1 is stale");
    p.on(new PendingCommand.NoticeArrived(grant(2), Status.GOOD, "adapter-2"));
    assertTrue(p.on(new PendingCommand.CswArrived(grant(2), Status.GOOD)));
    CommandResult r = host.receiveMessage();
    assertEquals(2, r.attempts());
    assertEquals(Status.GOOD, r.status());
  }

  @Test
  void aSecondRedriveWhileFencingWaitsForBothFences() {
    var p = pending(Completion.BOTH);
    p.redrive(
        new Route.ViaPeer("server-3", peer.getRef(), "adapter-3", 1),
        "adapter-2",
        1,
        "adapter-2 lost",
        PendingCommand.Fence.INCARNATION);
    p.redrive(
        new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 2),
        "adapter-3",
        1,
        "adapter-3 lost",
        PendingCommand.Fence.INCARNATION);
    assertEquals("adapter-2", ((MemoryRegion.Fence) memory.receiveMessage()).adapter());
    assertEquals("adapter-3", ((MemoryRegion.Fence) memory.receiveMessage()).adapter());
    assertEquals(2, disk.getAllReceived().size());
    for (int ack = 1; ack <= 3; ack++) {
      p.on(new PendingCommand.FenceAcked(grant(1)));
      assertFalse(
          memory.hasMessages(),
          "no next attempt before all four fences are acknowledged (" + ack + " so far)");
    }
    p.on(new PendingCommand.FenceAcked(grant(1)));
    setUp(p, 2);
  }

  /**
   * The server may plan the next attempt again while its fences are awaited; once an attempt runs,
   * its route is what a lost incarnation is matched against, and stays.
   */
  @Test
  void aReplanTakesEffectOnlyBetweenAttempts() {
    var p = pending(Completion.BOTH);
    var running = new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 1);
    assertFalse(p.betweenAttempts());
    p.replan(new Route.NoPath("test"));
    assertEquals(running, p.target(), "an attempt running keeps its route");
    p.redrive(
        new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 2),
        "adapter-2",
        1,
        "adapter-2 lost",
        PendingCommand.Fence.INCARNATION);
    memory.receiveMessage();
    assertTrue(p.betweenAttempts());
    var reborn = new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 3);
    p.replan(reborn);
    assertEquals(reborn, p.target());
    p.on(new PendingCommand.FenceAcked(grant(1)));
    assertTrue(p.betweenAttempts(), "the disk's fence is still owed");
    p.on(new PendingCommand.FenceAcked(grant(1), true));
    assertFalse(p.betweenAttempts());
    setUp(p, 2);
    assertEquals(reborn, p.target(), "the attempt went where it was planned last");
  }

  @Test
  void aFenceAckForAnotherGrantDoesNotCount() {
    var p = pending(Completion.BOTH);
    p.redrive(
        new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 2),
        "adapter-2",
        1,
        "test",
        PendingCommand.Fence.INCARNATION);
    memory.receiveMessage();
    p.on(new PendingCommand.FenceAcked((7L << 16) | 1));
    p.on(new PendingCommand.FenceAcked((7L << 16) | 1));
    assertFalse(memory.hasMessages(), "acks of another command do not end the fencing");
  }

  @Test
  void aGoodReadAnswersWithTheDataItFetchesFromItsMemory() {
    var p = pending(Completion.BOTH, IoCommand.read("r1", 0, 1));
    p.on(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    assertFalse(
        p.on(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2")),
        "it still has to fetch the data");
    MemoryRegion.Fetch fetch = (MemoryRegion.Fetch) memory.receiveMessage();
    assertEquals(grant(1), fetch.grantId());
    p.redrive(
        new Route.NoPath("test"), "adapter-2", 1, "too late", PendingCommand.Fence.INCARNATION);
    assertFalse(memory.hasMessages(), "nothing fenced either");
    ByteString data = ByteString.fromString("block");
    assertTrue(p.on(new PendingCommand.DataFetched(grant(1), data)));
    CommandResult r = host.receiveMessage();
    assertEquals(Status.GOOD, r.status());
    assertEquals(data, r.data());
  }

  @Test
  void cswOnlyCompletesOnTheCswAlone() {
    var p = pending(Completion.CSW_ONLY);
    assertTrue(p.on(new PendingCommand.CswArrived(grant(1), Status.GOOD)));
    assertEquals(HistoryEvent.Order.CSW_FIRST, host.receiveMessage().order());
  }

  @Test
  void theDeadlineEndsTheCommandInTimeout() {
    var p = pending(Completion.BOTH);
    assertTrue(p.on(new PendingCommand.DeadlinePassed()));
    assertEquals(Status.TIMEOUT, host.receiveMessage().status());
    p.on(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    p.on(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2"));
    assertFalse(host.hasMessages(), "one reply only");
  }

  @Test
  void noPathAnswersAtOnceWithoutTouchingMemory() {
    var settings = ServerSettingsFixture.serverOne();
    var wiring =
        new ServerWiring(
            "server-1",
            server.getRef(),
            "memory-1",
            memory.getRef(),
            disk.getRef(),
            settings,
            new Fabric(LatencyModel.zero(), null, null),
            new History(() -> 0L, Integer.MAX_VALUE),
            null);
    var spec =
        new PendingCommand.Spec(
            1,
            "host-1",
            1,
            0,
            IoCommand.read("r1", 0, 1),
            Slot.of(0, settings.bytesPerCommandMax()),
            new Route.NoPath("no working adapter"),
            host.getRef(),
            wiring);
    var p = new PendingCommand(spec);
    assertTrue(p.start());
    assertEquals(Status.NO_PATH, host.receiveMessage().status());
    assertFalse(memory.hasMessages());
  }
}
