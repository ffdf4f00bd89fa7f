package org.peerpath.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.testing.Bytes.fill;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.command.Status;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * Grants: an adapter touches only the windows granted for its command, and fencing refuses a stale
 * incarnation.
 */
class MemoryRegionTest {
  final History history = new History(() -> 0L, Integer.MAX_VALUE);
  final BehaviorTestKit<MemoryRegion.Command> memory =
      BehaviorTestKit.create(
          MemoryRegion.create(
              "memory-1", "server-1", new Fabric(LatencyModel.zero(), null, null), history));
  final TestInbox<MemoryRegion.SetUp> setUps = TestInbox.create();
  final TestInbox<MemoryRegion.CswWritten> doorbell = TestInbox.create();
  final TestInbox<MemoryRegion.DmaReadResult> reads = TestInbox.create();
  final TestInbox<MemoryRegion.Fetched> fetched = TestInbox.create();

  void grantAdapter2() {
    memory.run(
        new MemoryRegion.Setup(
            7,
            "c1",
            1,
            List.of(new MemoryRegion.Placed(0, fill(1, 64))),
            "adapter-2",
            List.of(
                new Window(0, 64, Window.Access.READ),
                new Window(128, 4096, Window.Access.WRITE),
                new Window(64, 16, Window.Access.CSW)),
            doorbell.getRef(),
            setUps.getRef()));
    assertEquals(new MemoryRegion.SetUp(7), setUps.receiveMessage());
  }

  ByteString fetch(long offset, int length) {
    memory.run(new MemoryRegion.Fetch(7, offset, length, fetched.getRef()));
    return fetched.receiveMessage().data();
  }

  @Test
  void aPeerAdapterReadsAndWritesInsideItsGrant() {
    grantAdapter2();
    memory.run(new MemoryRegion.DmaRead(7, "adapter-2", 1, 99, 0, 64, reads.getRef()));
    assertEquals(
        new MemoryRegion.DmaReadResult(99, Status.GOOD, fill(1, 64)), reads.receiveMessage());
    memory.run(new MemoryRegion.DmaWrite(7, "adapter-2", 1, 128, fill(5, 4096)));
    assertEquals(fill(5, 4096), fetch(128, 4096));
  }

  @Test
  void aDmaOutsideTheGrantIsRefusedAndChangesNoByte() {
    grantAdapter2();
    ByteString before = fetch(0, 8192);
    memory.run(new MemoryRegion.DmaWrite(7, "adapter-2", 1, 4000, fill(9, 512)));
    memory.run(new MemoryRegion.DmaWrite(7, "adapter-2", 1, 0, fill(9, 64)));
    memory.run(new MemoryRegion.DmaWrite(7, "adapter-3", 1, 128, fill(9, 64)));
    memory.run(new MemoryRegion.DmaWrite(8, "adapter-2", 1, 128, fill(9, 64)));
    memory.run(new MemoryRegion.DmaRead(7, "adapter-2", 1, 1, 128, 8192, reads.getRef()));
    assertEquals(Status.DMA_FAULT, reads.receiveMessage().status());
    assertEquals(before, fetch(0, 8192));
    assertEquals(5, history.events().stream().filter(e -> e.kind() == Kind.REFUSED).count());
  }

  @Test
  void aDmaWhoseEndOverflowsIsRefusedNotWrappedIntoTheGrant() {
    grantAdapter2();
    ByteString before = fetch(0, 8192);
    memory.run(new MemoryRegion.DmaWrite(7, "adapter-2", 1, Long.MAX_VALUE - 10, fill(9, 64)));
    memory.run(
        new MemoryRegion.DmaRead(7, "adapter-2", 1, 1, Long.MAX_VALUE - 10, 64, reads.getRef()));
    assertEquals(Status.DMA_FAULT, reads.receiveMessage().status());
    memory.run(new MemoryRegion.DmaRead(7, "adapter-2", 1, 2, 0, -1, reads.getRef()));
    assertEquals(Status.DMA_FAULT, reads.receiveMessage().status());
    assertEquals(before, fetch(0, 8192));
    assertEquals(3, history.events().stream().filter(e -> e.kind() == Kind.REFUSED).count());
  }

  @Test
  void windowsOverlapAndCoverByTheirBytesEvenAtTheEndOfTheAddressSpace() {
    Window top = new Window(Long.MAX_VALUE - 16, 16, Window.Access.WRITE);
    assertTrue(top.covers(Long.MAX_VALUE - 16, 16, true));
    assertFalse(top.covers(Long.MAX_VALUE - 8, 16, true));
    assertTrue(top.overlaps(Long.MAX_VALUE - 1, 100));
    assertFalse(new Window(0, 64, Window.Access.READ).overlaps(Long.MAX_VALUE - 10, 64));
  }

  @Test
  void aFencedIncarnationIsRefusedAndANewerOneIsNot() {
    grantAdapter2();
    memory.run(
        new MemoryRegion.Fence(
            "adapter-2", 1, 7, TestInbox.<MemoryRegion.Fenced>create().getRef()));
    memory.run(new MemoryRegion.DmaWrite(7, "adapter-2", 1, 128, fill(9, 64)));
    assertEquals(fill(0, 64), fetch(128, 64));
    grantAdapter2();
    memory.run(new MemoryRegion.DmaWrite(7, "adapter-2", 2, 128, fill(9, 64)));
    assertEquals(fill(9, 64), fetch(128, 64));
  }

  @Test
  void aCswWriteRingsTheOwnersDoorbell() {
    grantAdapter2();
    ByteString csw = new StatusWord(7, Status.GOOD).encode();
    memory.run(new MemoryRegion.DmaWrite(7, "adapter-2", 1, 64, csw));
    MemoryRegion.CswWritten rung = doorbell.receiveMessage();
    assertEquals(7, rung.grantId());
    assertEquals(new StatusWord(7, Status.GOOD), StatusWord.decode(rung.csw()));
    assertFalse(doorbell.hasMessages());
    assertTrue(
        history.events().stream()
            .anyMatch(e -> e.kind() == Kind.CSW && "adapter-2".equals(e.peer())));
  }
}
