package com.example.storage;

import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;
import org.peerpath.disk.DiskBackend;

/** A prototype's own medium: only written blocks take space, as in a thin-provisioned volume. */
final class SparseDisk implements DiskBackend {
  final Map<Long, ByteString> written = new TreeMap<>();
  private final int blockSize;
  private final long blocks;
  volatile boolean closed;

  SparseDisk(int blockSize, long blocks) {
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

  @Override
  public synchronized void write(long lba, ByteString data) {
    for (int i = 0; i < data.size() / blockSize; i++) {
      written.put(lba + i, data.slice(i * blockSize, (i + 1) * blockSize).compact());
    }
  }

  synchronized ByteString block(long lba) {
    return written.get(lba);
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
  public void close() {
    closed = true;
  }
}
