package org.peerpath.disk;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.util.ByteString;

/**
 * The default backend: blocks in the JVM's memory, stored only once written (unwritten ones read as
 * zeros).
 */
public final class InMemoryDisk implements DiskBackend {
  private final int blockSize;
  private final long blocks;

  /**
   * Each written block as the write brought it: a {@code ByteString} is immutable, so a slice of
   * the payload is the block, kept without a copy (the one copy a read makes is the read's).
   */
  private final Map<Long, ByteString> written = new HashMap<>();

  public InMemoryDisk(int blockSize, long blocks) {
    this.blockSize = blockSize;
    this.blocks = blocks;
  }

  @Override
  public synchronized byte[] read(long lba, int count) {
    byte[] out = new byte[count * blockSize];
    for (int i = 0; i < count; i++) {
      ByteString block = written.get(lba + i);
      if (block != null) block.copyToArray(out, i * blockSize, blockSize);
    }
    return out;
  }

  /** Keeps each block of the payload as a slice of it: no copy. */
  @Override
  public synchronized void write(long lba, ByteString data) {
    for (int i = 0; i < data.size() / blockSize; i++)
      written.put(lba + i, data.slice(i * blockSize, (i + 1) * blockSize));
  }

  @Override
  public int blockSize() {
    return blockSize;
  }

  @Override
  public long blocks() {
    return blocks;
  }

  @Override
  public void close() {}
}
