package org.peerpath.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.testing.Bytes.fill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.memory.ControlBlock;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.memory.StatusWord;

/**
 * The adapter: the steps of one command in order, epochs, and how each fault mode looks to its
 * server. Its memory, disk and server are one inbox, so the order of everything it sends is seen.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class AdapterTest {
  @JUnit5TestKit ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  static final long GRANT = 7;
  static final long CB = 0;
  static final long CSW = 64;
  static final long DATA = 128;
  static final int BLOCK = 4096;

  final History history = new History(() -> 0L, Integer.MAX_VALUE);
  final Fabric fabric = new Fabric(LatencyModel.zero(), null, null);
  final AdapterHardware hardware = new AdapterHardware();

  /** Everything the adapter sends, to its memory, its disk or its server, in the order sent. */
  final TestInbox<Object> sent = TestInbox.create();

  final ActorRef<MemoryRegion.Command> memory = sent.getRef().narrow();

  BehaviorTestKit<Adapter.Command> adapter() {
    var wiring =
        new Adapter.Wiring(
            "adapter-1",
            "server-1",
            sent.getRef().narrow(),
            sent.getRef().narrow(),
            fabric,
            history,
            hardware);
    var adapter = BehaviorTestKit.create(Adapter.create(wiring));
    assertEquals(
        new Disk.Register("adapter-1", 1),
        sent.receiveMessage(),
        "it registers with the disk first");
    assertEquals(new Adapter.Ready(1), sent.receiveMessage());
    return adapter;
  }

  static ByteString controlBlock(Op op) {
    return new ControlBlock(GRANT, 3, op, 5, 1, DATA, BLOCK, CSW).encode();
  }

  List<Object> drain() {
    List<Object> all = new ArrayList<>();
    while (sent.hasMessages()) all.add(sent.receiveMessage());
    return all;
  }

  /**
   * Expects a DMA read of {@code length} bytes at {@code offset} and answers it with {@code data}.
   */
  void answerDmaRead(
      BehaviorTestKit<Adapter.Command> adapter,
      long offset,
      int length,
      Status status,
      ByteString data) {
    var read = (MemoryRegion.DmaRead) sent.receiveMessage();
    assertEquals(GRANT, read.grantId());
    assertEquals("adapter-1", read.adapter());
    assertEquals(1, read.epoch());
    assertEquals(offset, read.offset());
    assertEquals(length, read.length());
    read.replyTo().tell(new MemoryRegion.DmaReadResult(read.tag(), status, data));
    adapter.runOne();
  }

  /** Expects the disk request and answers it. */
  Disk.Io answerDiskIo(BehaviorTestKit<Adapter.Command> adapter, Status status, ByteString data) {
    var io = (Disk.Io) sent.receiveMessage();
    io.replyTo().tell(new Disk.IoDone(io.tag(), status, "", data));
    adapter.runOne();
    return io;
  }

  /** Runs a write of 4 KiB through its two DMA reads, up to its request to the disk. */
  void writeUpToTheDisk(BehaviorTestKit<Adapter.Command> adapter) {
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    answerDmaRead(adapter, CB, ControlBlock.SIZE, Status.GOOD, controlBlock(Op.WRITE));
    answerDmaRead(adapter, DATA, BLOCK, Status.GOOD, fill(9, BLOCK));
  }

  /** The disk refuses {@code io} for want of a registration its incarnation could hold. */
  static void refuseAsUnregistered(Disk.Io io) {
    io.replyTo()
        .tell(
            new Disk.IoDone(
                io.tag(), Status.RESERVATION_CONFLICT, "", ByteString.emptyByteString(), true));
  }

  @Test
  void aWriteReadsTheControlBlockThenTheDataThenWritesTheDiskThenPostsTheCswThenReportsCompleted() {
    var adapter = adapter();
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    answerDmaRead(adapter, CB, ControlBlock.SIZE, Status.GOOD, controlBlock(Op.WRITE));
    answerDmaRead(adapter, DATA, BLOCK, Status.GOOD, fill(9, BLOCK));
    Disk.Io io = answerDiskIo(adapter, Status.GOOD, ByteString.emptyByteString());
    assertEquals(
        new Disk.Io(
            "adapter-1",
            1,
            io.tag(),
            "memory-1#3",
            Op.WRITE,
            5,
            1,
            fill(9, BLOCK),
            io.replyTo(),
            "memory-1#" + GRANT),
        io,
        "the disk gets the data just read, under the command's identity at its origin memory, and"
            + " the attempt's grant there");
    assertEquals(
        List.of(
            new MemoryRegion.DmaWrite(
                GRANT, "adapter-1", 1, CSW, new StatusWord(GRANT, Status.GOOD).encode()),
            new Adapter.Completed(GRANT, "memory-1", 1, Status.GOOD)),
        drain());
  }

  @Test
  void aReadDoesTheDiskIoThenPostsTheDataBeforeTheCswThenReportsCompleted() {
    var adapter = adapter();
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    answerDmaRead(adapter, CB, ControlBlock.SIZE, Status.GOOD, controlBlock(Op.READ));
    Disk.Io io = answerDiskIo(adapter, Status.GOOD, fill(4, BLOCK));
    assertEquals(Op.READ, io.op());
    assertEquals(5, io.lba());
    assertEquals(1, io.blocks());
    assertEquals(
        List.of(
            new MemoryRegion.DmaWrite(GRANT, "adapter-1", 1, DATA, fill(4, BLOCK)),
            new MemoryRegion.DmaWrite(
                GRANT, "adapter-1", 1, CSW, new StatusWord(GRANT, Status.GOOD).encode()),
            new Adapter.Completed(GRANT, "memory-1", 1, Status.GOOD)),
        drain());
  }

  @Test
  void aFailedReadPostsOnlyItsCswWithTheDisksStatus() {
    var adapter = adapter();
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    answerDmaRead(adapter, CB, ControlBlock.SIZE, Status.GOOD, controlBlock(Op.READ));
    answerDiskIo(adapter, Status.MEDIUM_ERROR, ByteString.emptyByteString());
    assertEquals(
        List.of(
            new MemoryRegion.DmaWrite(
                GRANT, "adapter-1", 1, CSW, new StatusWord(GRANT, Status.MEDIUM_ERROR).encode()),
            new Adapter.Completed(GRANT, "memory-1", 1, Status.MEDIUM_ERROR)),
        drain());
  }

  @Test
  void aCommandTheDiskFencedIsAbandonedWithoutCswOrCompletion() {
    var adapter = adapter();
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    answerDmaRead(adapter, CB, ControlBlock.SIZE, Status.GOOD, controlBlock(Op.READ));
    answerDiskIo(adapter, Status.RESERVATION_CONFLICT, ByteString.emptyByteString());
    assertEquals(List.of(), drain());
  }

  /**
   * A Register lost on a cut that healed before anyone noticed: the disk says the incarnation holds
   * no registration it could not have, so the adapter registers again and asks once more, on the
   * same path; a second refusal it takes for a fence.
   */
  @Test
  void aWriteRefusedForALostRegistrationRegistersAgainAndIsAskedOnceMore() {
    var adapter = adapter();
    writeUpToTheDisk(adapter);
    var first = (Disk.Io) sent.receiveMessage();
    refuseAsUnregistered(first);
    adapter.runOne();

    assertEquals(new Disk.Register("adapter-1", 1), sent.receiveMessage(), "registers first");
    var again = (Disk.Io) sent.receiveMessage();
    assertEquals(first, again, "the same request, the same data");
    refuseAsUnregistered(again);
    adapter.runOne();
    assertEquals(List.of(), drain(), "asked once more only: then abandoned, no CSW");
  }

  /**
   * A refusal held through a hang comes after the server gave the job up and re-drove it, fencing
   * it where it could (the disk's fence may have been lost on a cut): registering the old
   * incarnation again then would let it write over later writes. It is abandoned.
   */
  @Test
  void aRefusalHeldThroughAHangIsNotAskedAgain() {
    var adapter = adapter();
    writeUpToTheDisk(adapter);
    var io = (Disk.Io) sent.receiveMessage();
    adapter.run(new Adapter.InjectFault(FaultMode.HANG, 0));
    refuseAsUnregistered(io);
    adapter.runOne();
    adapter.run(new Adapter.Repair());
    assertEquals(
        List.of(new Disk.Register("adapter-1", 2), new Adapter.Ready(2)),
        drain(),
        "only the new incarnation registers; the held job asks nothing again");
  }

  @Test
  void aRefusalThatIsAFenceIsNotAskedAgain() {
    var adapter = adapter();
    writeUpToTheDisk(adapter);
    answerDiskIo(adapter, Status.RESERVATION_CONFLICT, ByteString.emptyByteString());
    assertEquals(List.of(), drain(), "no Register, no second request");
  }

  @Test
  void aControlBlockNamingAnotherGrantIsAbandonedBeforeAnyDiskIo() {
    var adapter = adapter();
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    var other = new ControlBlock(GRANT + 1, 3, Op.WRITE, 5, 1, DATA, BLOCK, CSW).encode();
    answerDmaRead(adapter, CB, ControlBlock.SIZE, Status.GOOD, other);
    assertEquals(List.of(), drain());
  }

  @Test
  void aCommandSentToAnotherEpochIsIgnored() {
    var adapter = adapter();
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 2));
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 0));
    assertEquals(List.of(), drain());
  }

  @Test
  void aWorkingAdapterAnswersAHealthCheckWithItsEpoch() {
    var adapter = adapter();
    adapter.run(new Adapter.HealthCheck(5));
    assertEquals(List.of(new Adapter.HealthOk(5, 1)), drain());
  }

  @Test
  void aHungAdapterAnswersNoHealthCheckAndDoesNoWork() {
    var adapter = adapter();
    adapter.run(new Adapter.InjectFault(FaultMode.HANG, 0));
    adapter.run(new Adapter.HealthCheck(5));
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    assertEquals(List.of(), drain());
    assertTrue(
        history.events().stream()
            .anyMatch(e -> e.kind() == Kind.ADAPTER_FAILED && "hang".equals(e.detail())));
  }

  @Test
  void aRepairedHungAdapterReplaysWhatItHeldUnderItsOldEpochThenComesBackAsANewIncarnation() {
    var adapter = adapter();
    adapter.run(new Adapter.InjectFault(FaultMode.HANG, 0));
    adapter.run(new Adapter.HealthCheck(5));
    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    adapter.run(new Adapter.Repair());
    List<Object> after = drain();
    assertEquals(4, after.size(), after.toString());
    assertEquals(
        new Disk.Register("adapter-1", 2),
        after.get(0),
        "the new epoch registers with the disk before anything held runs: on the same path, the"
            + " old epoch's I/O finds it there and is refused, even if the disk's fence was lost");
    assertEquals(
        new Adapter.HealthOk(5, 1),
        after.get(1),
        "the held health check is answered as the old incarnation");
    var staleRead = (MemoryRegion.DmaRead) after.get(2);
    assertEquals(
        1,
        staleRead.epoch(),
        "the held command runs under the old epoch, where fencing refuses it");
    assertEquals(new Adapter.Ready(2), after.get(3));

    adapter.run(new Adapter.Execute(GRANT, "memory-1", memory, CB, 2));
    assertEquals(
        2,
        ((MemoryRegion.DmaRead) sent.receiveMessage()).epoch(),
        "the new incarnation serves its own epoch");
    adapter.run(new Adapter.HealthCheck(6));
    assertEquals(new Adapter.HealthOk(6, 2), sent.receiveMessage());
  }

  /** However much a hang held, a repair still brings the adapter back as a new incarnation. */
  @Test
  void aHungAdapterWhoseStashIsFullIsStillRepaired() {
    var adapter = adapter();
    adapter.run(new Adapter.InjectFault(FaultMode.HANG, 0));
    for (int i = 0; i < 10_050; i++) adapter.run(new Adapter.HealthCheck(i));
    adapter.run(new Adapter.Repair());
    List<Object> after = drain();
    assertEquals(new Disk.Register("adapter-1", 2), after.get(0));
    assertEquals(new Adapter.Ready(2), after.get(after.size() - 1), "back as epoch 2");
  }

  // ---- crash and reset, under the supervision its server gives it (Server.spawnAdapter) ----

  final TestProbe<Adapter.Report> server = testKit.createTestProbe();
  final TestProbe<Disk.Command> disk = testKit.createTestProbe();

  ActorRef<Adapter.Command> supervised() {
    var wiring =
        new Adapter.Wiring(
            "adapter-1", "server-1", server.getRef(), disk.getRef(), fabric, history, hardware);
    Behavior<Adapter.Command> supervised =
        Behaviors.supervise(
                Behaviors.supervise(Adapter.create(wiring))
                    .onFailure(
                        Adapter.Reset.class,
                        SupervisorStrategy.restart().withLoggingEnabled(false)))
            .onFailure(Adapter.Crashed.class, SupervisorStrategy.stop().withLoggingEnabled(false));
    var adapter = testKit.spawn(supervised, MailboxSelector.fromConfig("peerpath.adapter-mailbox"));
    disk.expectMessage(new Disk.Register("adapter-1", 1));
    server.expectMessage(new Adapter.Ready(1));
    return adapter;
  }

  @Test
  void aCrashedAdapterStopsWithoutReportingSoItsServerLearnsOfItByWatching() {
    var adapter = supervised();
    adapter.tell(new Adapter.InjectFault(FaultMode.CRASH, 0));
    server.expectTerminated(adapter);
    assertTrue(
        history.events().stream()
            .anyMatch(e -> e.kind() == Kind.ADAPTER_FAILED && "crash".equals(e.detail())));
  }

  @Test
  void aResetAdapterReportsDownThenComesBackByItselfAsANewIncarnation() {
    var adapter = supervised();
    adapter.tell(new Adapter.InjectFault(FaultMode.RESET, Duration.ofMillis(1).toNanos()));
    server.expectMessage(new Adapter.Down(1, "reset"));
    disk.expectMessage(new Disk.Register("adapter-1", 2));
    server.expectMessage(new Adapter.Ready(2));
    adapter.tell(new Adapter.HealthCheck(6));
    server.expectMessage(new Adapter.HealthOk(6, 2));
  }

  @Test
  void aResettingAdapterDropsWhatItIsSentAndARepairEndsTheResetAtOnce() {
    var adapter = supervised();
    adapter.tell(new Adapter.InjectFault(FaultMode.RESET, Duration.ofHours(1).toNanos()));
    server.expectMessage(new Adapter.Down(1, "reset"));
    adapter.tell(new Adapter.HealthCheck(5));
    adapter.tell(new Adapter.Execute(GRANT, "memory-1", memory, CB, 1));
    adapter.tell(new Adapter.Repair());
    disk.expectMessage(new Disk.Register("adapter-1", 2));
    server.expectMessage(new Adapter.Ready(2));
    adapter.tell(new Adapter.HealthCheck(6));
    server.expectMessage(
        Duration.ofSeconds(3),
        "no answer to the health check sent during the reset comes first",
        new Adapter.HealthOk(6, 2));
    assertFalse(sent.hasMessages(), "the command sent during the reset was dropped, not run");
  }

  @Test
  void aLateDiskReplyToTheIncarnationBeforeAResetIsNotTakenForTheNewIncarnationsCommand() {
    var adapter = supervised();
    TestProbe<MemoryRegion.Command> memoryProbe = testKit.createTestProbe();
    adapter.tell(new Adapter.Execute(GRANT, "memory-1", memoryProbe.getRef(), CB, 1));
    var oldRead = memoryProbe.expectMessageClass(MemoryRegion.DmaRead.class);
    oldRead
        .replyTo()
        .tell(new MemoryRegion.DmaReadResult(oldRead.tag(), Status.GOOD, controlBlock(Op.READ)));
    var oldIo = disk.expectMessageClass(Disk.Io.class);

    adapter.tell(new Adapter.InjectFault(FaultMode.RESET, Duration.ofHours(1).toNanos()));
    server.expectMessage(new Adapter.Down(1, "reset"));
    adapter.tell(new Adapter.Repair());
    disk.expectMessage(new Disk.Register("adapter-1", 2));
    server.expectMessage(new Adapter.Ready(2));

    adapter.tell(new Adapter.Execute(GRANT, "memory-1", memoryProbe.getRef(), CB, 2));
    var newRead = memoryProbe.expectMessageClass(MemoryRegion.DmaRead.class);
    assertEquals(2, newRead.epoch());
    // The old incarnation's disk reply arrives now, ahead of the new command's control block.
    oldIo.replyTo().tell(new Disk.IoDone(oldIo.tag(), Status.GOOD, "", fill(1, BLOCK)));
    newRead
        .replyTo()
        .tell(new MemoryRegion.DmaReadResult(newRead.tag(), Status.GOOD, controlBlock(Op.READ)));
    var newIo = disk.expectMessageClass(Disk.Io.class);
    assertEquals(2, newIo.epoch());
    newIo.replyTo().tell(new Disk.IoDone(newIo.tag(), Status.GOOD, "", fill(2, BLOCK)));
    assertEquals(
        new MemoryRegion.DmaWrite(GRANT, "adapter-1", 2, DATA, fill(2, BLOCK)),
        memoryProbe.receiveMessage(),
        "the first data written is the new command's: the old reply was dropped");
    assertEquals(
        new MemoryRegion.DmaWrite(
            GRANT, "adapter-1", 2, CSW, new StatusWord(GRANT, Status.GOOD).encode()),
        memoryProbe.receiveMessage());
    server.expectMessage(new Adapter.Completed(GRANT, "memory-1", 2, Status.GOOD));
  }
}
