package org.peerpath.memory;

import java.nio.ByteBuffer;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.Status;

/**
 * The command status word (CSW) an adapter DMA-writes into the origin server's memory when it has
 * finished a command (claim 4). It names the grant it answers, so a CSW from a stale attempt is
 * recognised as such by the command's waiting state.
 */
public record StatusWord(long grantId, Status status) {
  public static final int SIZE = 16;
  private static final int MAGIC = 0x50504353; // "PPCS"

  public ByteString encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.putInt(MAGIC).putInt(status.code()).putLong(grantId);
    return ByteString.fromArrayUnsafe(b.array());
  }

  /** Decodes a CSW, or throws IllegalArgumentException if the bytes are not one. */
  public static StatusWord decode(ByteString bytes) {
    ByteBuffer b = bytes.asByteBuffer();
    if (bytes.size() < SIZE || b.getInt() != MAGIC)
      throw new IllegalArgumentException("not a command status word");
    Status status = Status.ofCode(b.getInt());
    return new StatusWord(b.getLong(), status);
  }
}
