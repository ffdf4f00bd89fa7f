package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.disk.DiskBackend;
import org.peerpath.disk.InMemoryDisk;
import org.peerpath.history.HistoryEvent;

/**
 * The disk backend as an extension point: a medium of one's own (here blocks in a sorted map, with
 * some blocks that fail) plugged in through the builder serves the direct and the peer path, its
 * failures end commands MEDIUM_ERROR, and the subsystem closes it when it stops.
 */
class OwnDiskBackendTest {

  /** Blocks in a map; reading or writing a bad block fails as a worn-out sector would. */
  static final class BadBlocksDisk implements DiskBackend {
    final Map<Long, byte[]> blocks = new TreeMap<>();
    final Set<Long> bad;
    int closes;

    BadBlocksDisk(Set<Long> bad) {
      this.bad = bad;
    }

    @Override
    public byte[] read(long lba, int count) throws IOException {
      byte[] out = new byte[count * blockSize()];
      for (int i = 0; i < count; i++) {
        if (bad.contains(lba + i)) throw new IOException("bad block " + (lba + i));
        byte[] b = blocks.get(lba + i);
        if (b != null) System.arraycopy(b, 0, out, i * blockSize(), blockSize());
      }
      return out;
    }

    @Override
    public void write(long lba, ByteString data) throws IOException {
      for (int i = 0; i < data.size() / blockSize(); i++) {
        if (bad.contains(lba + i)) throw new IOException("bad block " + (lba + i));
      }
      for (int i = 0; i < data.size() / blockSize(); i++) {
        blocks.put(lba + i, data.slice(i * blockSize(), (i + 1) * blockSize()).toArray());
      }
    }

    @Override
    public int blockSize() {
      return 4096;
    }

    @Override
    public long blocks() {
      return 1024;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  private static byte[] filled(int value) {
    byte[] b = new byte[4096];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void ownBackendServesBothPathsAndItsFailuresEndMediumError() {
    var disk = new BadBlocksDisk(Set.of(9L));
    var builder = Subsystem.builder(Fixtures.settings()).diskBackend(disk);
    try (var run = VirtualSubsystem.start(builder)) {
      run.submitAt(
              Duration.ZERO,
              IoCommand.write("w3", 3, 4096, ByteString.fromArray(filled(3))),
              "server-1")
          .failAt(Duration.ofMillis(1), "adapter-1", FaultMode.CRASH, Duration.ZERO)
          .submitAt(
              Duration.ofMillis(2),
              IoCommand.write("w4", 4, 4096, ByteString.fromArray(filled(4))),
              "server-1")
          .submitAt(Duration.ofMillis(3), IoCommand.read("r9", 9, 1), "server-2")
          .submitAt(Duration.ofMillis(4), IoCommand.read("r4", 4, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));

      assertEquals(Status.GOOD, run.result("w3").status());
      assertEquals(Status.GOOD, run.result("w4").status());
      assertEquals(HistoryEvent.Path.PEER, run.result("w4").path(), "adapter-1 had crashed");
      assertArrayEquals(filled(3), disk.blocks.get(3L));
      assertArrayEquals(filled(4), disk.blocks.get(4L));
      assertEquals(ByteString.fromArray(filled(4)), run.result("r4").data());
      assertEquals(Status.MEDIUM_ERROR, run.result("r9").status());

      run.subsystem().stop();
      run.runFor(Duration.ofMillis(1));
      assertEquals(1, disk.closes, "closed once, when the subsystem stopped");
    }
  }

  /** Blocks in memory, but reading block 9 trips over a bug in the backend's own code. */
  static final class BuggyDisk implements DiskBackend {
    final InMemoryDisk blocks = new InMemoryDisk(4096, 1024);

    @Override
    public byte[] read(long lba, int count) {
      if (lba == 9) throw new IllegalStateException("index out of order");
      return blocks.read(lba, count);
    }

    @Override
    public void write(long lba, ByteString data) {
      blocks.write(lba, data);
    }

    @Override
    public int blockSize() {
      return blocks.blockSize();
    }

    @Override
    public long blocks() {
      return blocks.blocks();
    }

    @Override
    public void close() {}
  }

  @Test
  void aBackendThatThrowsAnUncheckedExceptionFailsThatCommandAndTheDiskGoesOnServing() {
    var builder = Subsystem.builder(Fixtures.settings()).diskBackend(new BuggyDisk());
    try (var run = VirtualSubsystem.start(builder)) {
      run.submitAt(Duration.ZERO, IoCommand.read("r9", 9, 1), "server-1")
          .submitAt(
              Duration.ofMillis(1),
              IoCommand.write("w4", 4, 4096, ByteString.fromArray(filled(4))),
              "server-1")
          .submitAt(Duration.ofMillis(2), IoCommand.read("r4", 4, 1), "server-2");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));

      assertEquals(Status.MEDIUM_ERROR, run.result("r9").status());
      assertEquals(Status.GOOD, run.result("w4").status());
      assertEquals(ByteString.fromArray(filled(4)), run.result("r4").data());
    }
  }

  @Test
  void aBackendOfAnotherGeometryIsRefusedBeforeAnythingIsSpawned() {
    var builder = Subsystem.builder(Fixtures.settings());
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> builder.diskBackend(new InMemoryDisk(512, 1024)));
    assertEquals(
        "the disk backend has 1024 blocks of 512 bytes, but the settings say 1024 blocks of 4096"
            + " bytes",
        e.getMessage());
  }
}
