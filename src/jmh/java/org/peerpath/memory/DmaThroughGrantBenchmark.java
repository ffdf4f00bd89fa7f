package org.peerpath.memory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.peerpath.command.Status;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;

/**
 * A 4 KiB DMA through a grant (claims 8, 10): the memory region's handling of one {@code DmaRead}
 * (an adapter reading a write command's data) and one {@code DmaWrite} (an adapter writing a read
 * command's response data), each checked against the fence and the grant's windows, stored or read
 * from the region's extents, and (a read) answered through a zero-latency fabric. The grant check
 * is private to the {@link MemoryRegion} actor, so the actor's own handler is driven here,
 * synchronously, by a {@link BehaviorTestKit} (no mailbox, no dispatcher); the history keeps
 * nothing, as in the bench. {@link #storeIn} and {@link #storeOut} are the extent store's share
 * alone (a write keeps the payload itself, a read hands out a slice: no copy either way), and
 * {@link #emptyHandler} the test kit's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DmaThroughGrantBenchmark {
  private static final int BYTES = 4096;
  private static final long WRITE_GRANT = (1L << 16) | 1;
  private static final long READ_GRANT = (2L << 16) | 1;

  /** A command's slot, laid out as a server lays it out: control block, CSW, then the data. */
  private static final long SLOT_BYTES = 128 + 64L * BYTES;

  private final ByteString payload = ByteString.fromArrayUnsafe(filled(BYTES));
  private final TestInbox<MemoryRegion.DmaReadResult> reads = TestInbox.create();
  private BehaviorTestKit<MemoryRegion.Command> region;
  private final BehaviorTestKit<MemoryRegion.Command> nothing =
      BehaviorTestKit.create(
          Behaviors.receive(MemoryRegion.Command.class)
              .onAnyMessage(m -> Behaviors.same())
              .build());
  private MemoryRegion.DmaRead dmaRead;
  private MemoryRegion.DmaWrite dmaWrite;
  private final ExtentStore extents = new ExtentStore();

  @Setup
  public void layOut() {
    region =
        BehaviorTestKit.create(
            MemoryRegion.create(
                "memory-1",
                "server-1",
                new Fabric(LatencyModel.zero(), null, null),
                new History(() -> 0L, 0)));
    TestInbox<MemoryRegion.SetUp> setUps = TestInbox.create();
    TestInbox<MemoryRegion.CswWritten> doorbell = TestInbox.create();
    long writeData = 128;
    region.run(
        new MemoryRegion.Setup(
            WRITE_GRANT,
            "w1",
            1,
            List.of(new MemoryRegion.Placed(writeData, payload)),
            "adapter-1",
            windows(0, Window.Access.READ),
            doorbell.getRef(),
            setUps.getRef()));
    long readData = SLOT_BYTES + 128;
    region.run(
        new MemoryRegion.Setup(
            READ_GRANT,
            "r1",
            1,
            List.of(),
            "adapter-1",
            windows(SLOT_BYTES, Window.Access.WRITE),
            doorbell.getRef(),
            setUps.getRef()));
    if (setUps.getAllReceived().size() != 2) throw new IllegalStateException("not laid out");
    dmaRead =
        new MemoryRegion.DmaRead(WRITE_GRANT, "adapter-1", 1, 1, writeData, BYTES, reads.getRef());
    dmaWrite = new MemoryRegion.DmaWrite(READ_GRANT, "adapter-1", 1, readData, payload);
    extents.write(0, payload);
    // A refused DMA copies nothing and would look fast: check that both land. (This also loads
    // and initialises their classes here, not in the first measured operation.)
    dmaRead();
    dmaWrite();
    TestInbox<MemoryRegion.Fetched> fetched = TestInbox.create();
    region.run(new MemoryRegion.Fetch(READ_GRANT, readData, BYTES, fetched.getRef()));
    if (!fetched.receiveMessage().data().equals(payload))
      throw new IllegalStateException("the DMA write did not land");
  }

  private static byte[] filled(int length) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) 0x5A);
    return b;
  }

  /** The windows of one command's grant at {@code base}: the data readable or writable. */
  private static List<Window> windows(long base, Window.Access data) {
    return List.of(
        new Window(base, ControlBlock.SIZE, Window.Access.READ),
        new Window(base + 128, BYTES, data),
        new Window(base + ControlBlock.SIZE, StatusWord.SIZE, Window.Access.CSW));
  }

  /** An adapter reads 4 KiB of a write command's data out of the memory. */
  @Benchmark
  public MemoryRegion.DmaReadResult dmaRead() {
    region.run(dmaRead);
    MemoryRegion.DmaReadResult r = reads.receiveMessage();
    if (r.status() != Status.GOOD) throw new IllegalStateException("refused: " + r.status());
    return r;
  }

  /** An adapter writes 4 KiB of a read command's response data into the memory (posted). */
  @Benchmark
  public void dmaWrite() {
    region.run(dmaWrite);
  }

  /** The test kit handing the same DMA write to a behaviour that does nothing with it. */
  @Benchmark
  public void emptyHandler() {
    nothing.run(dmaWrite);
  }

  /** What the extent store does for a 4 KiB DMA read, alone. */
  @Benchmark
  public ByteString storeOut() {
    return extents.read(0, BYTES);
  }

  /** What the extent store does for a 4 KiB DMA write, alone. */
  @Benchmark
  public ExtentStore storeIn() {
    extents.write(0, payload);
    return extents;
  }
}
