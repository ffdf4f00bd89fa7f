package org.peerpath.disk;

import java.util.HashMap;
import java.util.Map;

/**
 * The default backend: blocks in the JVM's memory, stored only once written (unwritten ones read as
 * zeros).
 */
public final class InMemoryDisk implements DiskBackend {
  private final int blockSize;
  private final long blocks;
  private final Map<Long, byte[]> written = new HashMap<>();

  public InMemoryDisk(int blockSize, long blocks) {
    this.blockSize = blockSize;
    this.blocks = blocks;
  }

  @Override
  public synchronized byte[] read(long lba, int count) {
    byte[] out = new byte[count * blockSize];
    for (int i = 0; i < count; i++) {
      byte[] block = written.get(lba + i);
      if (block != null) System.arraycopy(block, 0, out, i * blockSize, blockSize);
    }
    return out;
  }

  /** Copies each block of the payload once, into the array that stores it. */
  @Override
  public synchronized void write(long lba, org.apache.pekko.util.ByteString data) {
    for (int i = 0; i < data.size() / blockSize; i++) {
      byte[] block = new byte[blockSize];
      data.slice(i * blockSize, (i + 1) * blockSize).copyToArray(block, 0, blockSize);
      written.put(lba + i, block);
    }
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
