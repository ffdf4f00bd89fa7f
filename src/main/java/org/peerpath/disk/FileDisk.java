package org.peerpath.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A disk in a file of exactly {@code blocks x blockSize} bytes. A write is forced to stable storage
 * before it returns, so an acknowledged write survives the JVM. An existing file of another size is
 * refused rather than silently reinterpreted.
 */
public final class FileDisk implements DiskBackend {
  private final FileChannel channel;
  private final int blockSize;
  private final long blocks;

  public FileDisk(Path file, int blockSize, long blocks) throws IOException {
    if (blocks > Long.MAX_VALUE / blockSize) {
      throw new IOException(
          "a disk of "
              + blocks
              + " blocks of "
              + blockSize
              + " bytes is more bytes than a file can hold");
    }
    long size = blocks * blockSize;
    if (Files.exists(file) && Files.size(file) != 0 && Files.size(file) != size) {
      throw new IOException(
          file
              + " holds "
              + Files.size(file)
              + " bytes, but a disk of "
              + blocks
              + " blocks of "
              + blockSize
              + " bytes needs "
              + size
              + ": use another file or the same geometry");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (channel.size() == 0) {
      channel.write(ByteBuffer.allocate(1), size - 1);
      channel.force(true);
    }
    this.blockSize = blockSize;
    this.blocks = blocks;
  }

  @Override
  public byte[] read(long lba, int count) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(count * blockSize);
    long at = lba * blockSize;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, at + buf.position());
      if (n < 0) throw new IOException("unexpected end of disk file at block " + lba);
    }
    return buf.array();
  }

  @Override
  public void write(long lba, org.apache.pekko.util.ByteString data) throws IOException {
    ByteBuffer buf = data.asByteBuffer();
    long at = lba * blockSize;
    while (buf.hasRemaining()) channel.write(buf, at + buf.position());
    channel.force(false);
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
  public void close() throws IOException {
    channel.close();
  }
}
