package org.peerpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pekko.actor.testkit.typed.Effect;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.subsystem.Completion;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.History;

/** The waiting state (claims 5, 7): CSW and notice in either order, duplicates, stale attempts, the deadline. */
class PendingCommandTest {
  final TestInbox<MemoryRegion.Command> memory = TestInbox.create();
  final TestInbox<Disk.Command> disk = TestInbox.create();
  final TestInbox<Server.Command> server = TestInbox.create();
  final TestInbox<Server.Command> peer = TestInbox.create();
  final TestInbox<CommandResult> host = TestInbox.create();

  BehaviorTestKit<PendingCommand.Command> pending(Completion completion) {
    var settings = SubsystemSettings.defaults().withCompletion(completion);
    var wiring = new ServerWiring("server-1", server.getRef(), "memory-1", memory.getRef(), disk.getRef(), settings,
        new Fabric(LatencyModel.zero(), null, null), new History(() -> 0L, true));
    var route = new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 1);
    var spec = new PendingCommand.Spec(1, "host-1", IoCommand.write("w1", 0, 4096, org.apache.pekko.util.ByteString.fromArray(new byte[4096])),
        Slot.of(0, settings.bytesPerCommandMax()), route, host.getRef(), wiring);
    var kit = BehaviorTestKit.create(PendingCommand.create(spec));
    setUp(kit, 1);
    return kit;
  }

  /** Answers the memory's set-up of the attempt and checks the command then goes to the peer. */
  long setUp(BehaviorTestKit<PendingCommand.Command> kit, int attempt) {
    if (attempt > 1) {
      assertEquals(new MemoryRegion.Revoke(grant(attempt - 1)), memory.receiveMessage(), "the stale attempt's grant goes first");
    }
    MemoryRegion.Setup setup = (MemoryRegion.Setup) memory.receiveMessage();
    assertEquals(attempt, setup.attempt());
    setup.replyTo().tell(new MemoryRegion.SetUp(setup.grantId()));
    kit.runOne();
    Server.Forward forward = (Server.Forward) peer.receiveMessage();
    assertEquals(setup.grantId(), forward.grantId());
    return setup.grantId();
  }

  long grant(int attempt) {
    return (1L << 16) | attempt;
  }

  @Test
  void cswFirstThenNoticeCompletesOnlyOnTheNotice() {
    var kit = pending(Completion.BOTH);
    kit.run(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    assertFalse(host.hasMessages(), "no reply on the CSW alone");
    kit.run(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2"));
    CommandResult r = host.receiveMessage();
    assertEquals(Status.GOOD, r.status());
    assertEquals("csw-first", r.order());
    assertEquals("peer", r.path());
    assertFalse(kit.isAlive());
  }

  @Test
  void noticeFirstThenCswCompletesOnlyOnTheCsw() {
    var kit = pending(Completion.BOTH);
    kit.run(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2"));
    assertFalse(host.hasMessages(), "no reply on the notice alone");
    kit.run(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    assertEquals("notice-first", host.receiveMessage().order());
  }

  @Test
  void duplicatesOfOneSignalDoNotComplete() {
    var kit = pending(Completion.BOTH);
    kit.run(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    kit.run(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    assertFalse(host.hasMessages());
    kit.run(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2"));
    assertEquals(1, host.getAllReceived().size());
  }

  @Test
  void signalsOfAStaleAttemptAreIgnored() {
    var kit = pending(Completion.BOTH);
    kit.run(new PendingCommand.Redrive(new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 2), "adapter-2", 1, "test"));
    MemoryRegion.Fence fence = (MemoryRegion.Fence) memory.receiveMessage();
    assertEquals("adapter-2", fence.adapter());
    fence.replyTo().tell(new MemoryRegion.Fenced("adapter-2", 1));
    kit.runOne();
    ((Disk.Preempt) disk.receiveMessage()).replyTo().tell(new Disk.Preempted("adapter-2", 1));
    kit.runOne();
    setUp(kit, 2);
    kit.run(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    kit.run(new PendingCommand.NoticeArrived(grant(1), Status.GOOD, "adapter-2"));
    assertFalse(host.hasMessages(), "attempt 1 is stale");
    kit.run(new PendingCommand.NoticeArrived(grant(2), Status.GOOD, "adapter-2"));
    kit.run(new PendingCommand.CswArrived(grant(2), Status.GOOD));
    CommandResult r = host.receiveMessage();
    assertEquals(2, r.attempts());
    assertEquals(Status.GOOD, r.status());
  }

  @Test
  void cswOnlyCompletesOnTheCswAlone() {
    var kit = pending(Completion.CSW_ONLY);
    kit.run(new PendingCommand.CswArrived(grant(1), Status.GOOD));
    CommandResult r = host.receiveMessage();
    assertEquals("csw-first", r.order());
  }

  @Test
  void theDeadlineEndsTheCommandInTimeout() {
    var kit = pending(Completion.BOTH);
    Effect.Scheduled<?> deadline = kit.getAllEffects().stream()
        .filter(e -> e instanceof Effect.Scheduled).map(e -> (Effect.Scheduled<?>) e).findFirst().orElseThrow();
    kit.run((PendingCommand.Command) deadline.message());
    assertEquals(Status.TIMEOUT, host.receiveMessage().status());
    assertTrue(server.getAllReceived().stream().anyMatch(m -> m instanceof Server.CommandFinished));
  }
}
