package org.peerpath.disk;

import java.io.IOException;

/**
 * Where the disk's blocks live. A write returns only once its bytes are durable for this backend:
 * the file backend forces them to stable storage first. Only the Disk actor calls it.
 */
public interface DiskBackend extends AutoCloseable {
  byte[] read(long lba, int blocks) throws IOException;

  void write(long lba, org.apache.pekko.util.ByteString data) throws IOException;

  int blockSize();

  long blocks();

  @Override
  void close() throws IOException;
}
