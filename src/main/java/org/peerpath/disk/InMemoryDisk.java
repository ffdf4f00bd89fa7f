package org.peerpath.disk;

import java.util.HashMap;
import java.util.Map;

/** The default backend: blocks in the JVM's memory, stored only once written (unwritten ones read as zeros). */
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

  @Override
  public synchronized void write(long lba, byte[] data) {
    for (int i = 0; i < data.length / blockSize; i++) {
      byte[] block = new byte[blockSize];
      System.arraycopy(data, i * blockSize, block, 0, blockSize);
      written.put(lba + i, block);
    }
  }

  @Override public int blockSize() { return blockSize; }
  @Override public long blocks() { return blocks; }
  @Override public void close() {}
}
