package org.peerpath.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.peerpath.fabric.PathLatencies;
import org.peerpath.history.HistoryEvent;
import org.peerpath.subsystem.Subsystem;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * The heap a command in flight holds: commands are held where a write spends its time in a real
 * array, on their way to the disk, and the heap is measured after a full collection with one held
 * and with {@code n} held; the difference over {@code n − 1} is one command's share. Everything the
 * model keeps for it counts: the host's and the server's state, the control block and the data in
 * its server's memory, the adapter's job and the data it DMA-read, the request in flight to the
 * disk. The client's payload is one array shared by every command, and server memory and the disk
 * keep the {@code ByteString} they are given rather than a copy, so the payload's bytes are not in
 * the figure: what a command holds is all beyond its payload.
 *
 * <p>To hold them, the path from every adapter to the disk takes {@link #HOLD}; nothing reaches the
 * disk, no deadline passes, and nothing completes while the heap is measured. Each measurement has
 * an ActorSystem of its own, terminated afterwards, which drops the held requests with its
 * scheduler. The heap is what the memory pools held just after {@code System.gc()}, once two
 * collections in a row agree; with explicit collections disabled or made concurrent the figure
 * would be meaningless, and none is given.
 */
final class InFlightMemory {

  /** Far longer than a measurement: the held commands never arrive. */
  private static final Duration HOLD = Duration.ofSeconds(1000);

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** Bytes within which two readings of the live heap count as the same. */
  private static final long SETTLED = 16 * 1024;

  private static final AtomicLong SYSTEMS = new AtomicLong();

  private InFlightMemory() {}

  /**
   * Bytes of heap per command in flight with {@code outstanding} held over {@code servers} servers;
   * null when it cannot be measured (fewer than two commands, or explicit collections disabled).
   */
  static Double bytesPerCommand(int servers, int outstanding, ByteString payload) throws Exception {
    if (outstanding < 2 || !explicitGcCollects()) return null;
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(), "peerpath-bench-memory-" + SYSTEMS.incrementAndGet(), Bench.QUIET);
    try {
      Subsystem s = Subsystem.spawn(system, held(servers, outstanding));
      AtomicLong dataRead = new AtomicLong();
      // The data's DMA read is a write's last step before its request leaves for the disk.
      s.history()
          .listen(
              e -> {
                if (e.kind() == HistoryEvent.Kind.DMA_READ
                    && e.length() != null
                    && e.length() == payload.size()) dataRead.incrementAndGet();
              });
      List<String> all = IntStream.rangeClosed(1, servers).mapToObj(i -> "server-" + i).toList();
      Loops loops = new Loops(system);
      loops.start(s, new ClosedLoop.Load(all, payload, 1, "one-").untimed(), 1);
      awaitHeld(dataRead, 1);
      long one = settledHeap();
      loops.start(
          s,
          new ClosedLoop.Load(all, payload, outstanding - 1, "many-").untimed(),
          outstanding - 1);
      awaitHeld(dataRead, outstanding);
      long many = settledHeap();
      return (double) (many - one) / (outstanding - 1);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** The bench's settings, with every adapter's path to the disk held and no deadline close. */
  private static SubsystemSettings held(int servers, int outstanding) {
    PathLatencies latency = PathLatencies.zero();
    for (int i = 1; i <= servers; i++) latency = latency.withPath("adapter-" + i + "->disk", HOLD);
    return Bench.settings("memory", servers, outstanding).toBuilder()
        .latency(latency)
        .deadline(HOLD.multipliedBy(2))
        .build();
  }

  private static void awaitHeld(AtomicLong dataRead, int commands) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (dataRead.get() < commands) {
      if (System.nanoTime() > deadline)
        throw new IllegalStateException(
            dataRead.get() + " of " + commands + " commands reached their adapter in " + PATIENCE);
      TimeUnit.MILLISECONDS.sleep(2);
    }
  }

  /**
   * The live heap once it has stopped changing: two readings in a row within {@link #SETTLED} (at
   * most ten), since what the bench stopped a moment before (a subsystem, an ActorSystem) takes a
   * little while to become garbage.
   */
  private static long settledHeap() throws InterruptedException {
    long last = heapAfterGc();
    for (int i = 0; i < 10; i++) {
      TimeUnit.MILLISECONDS.sleep(20);
      long now = heapAfterGc();
      if (Math.abs(now - last) <= SETTLED) return now;
      last = now;
    }
    return last;
  }

  /**
   * Heap the live objects take, as a full collection leaves it: the memory pools' usage after the
   * last collection, which nothing allocated since then changes (heap in use read a moment later
   * would count whatever the JVM's own threads allocated meanwhile, a new region's worth at a
   * time).
   */
  static long heapAfterGc() {
    System.gc();
    long live = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (after != null) live += after.getUsed();
    }
    return live;
  }

  /** Whether {@code System.gc()} runs a full, stop-the-world collection in this JVM. */
  private static boolean explicitGcCollects() {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (hotspot == null) return true;
    return !"true".equals(hotspot.getVMOption("DisableExplicitGC").getValue())
        && !"true".equals(hotspot.getVMOption("ExplicitGCInvokesConcurrent").getValue());
  }
}
