package org.peerpath.memory;

import java.nio.ByteBuffer;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.Op;

/**
 * The command's control block as the server lays it out in its memory and an adapter DMA-reads it
 * (claims 8, 10): which command it is (its number at the origin server, the same on every attempt),
 * what to do, where the data is and where the status word goes. The adapter learns the command only
 * from these bytes, never from the server's objects, so serving a peer's command needs nothing but
 * DMA access to the peer's memory.
 */
public record ControlBlock(
    long grantId,
    long command,
    Op op,
    long lba,
    int blocks,
    long dataOffset,
    int dataLength,
    long cswOffset) {
  public static final int SIZE = 64;
  private static final int MAGIC = 0x50504342; // "PPCB"
  private static final Op[] OPS = Op.values();

  public ByteString encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.putInt(MAGIC)
        .putInt(op.ordinal())
        .putLong(grantId)
        .putLong(lba)
        .putInt(blocks)
        .putLong(dataOffset)
        .putInt(dataLength)
        .putLong(cswOffset)
        .putLong(command);
    return ByteString.fromArrayUnsafe(b.array());
  }

  /** Decodes a control block, or throws IllegalArgumentException if the bytes are not one. */
  public static ControlBlock decode(ByteString bytes) {
    ByteBuffer b = bytes.asByteBuffer();
    if (bytes.size() < SIZE || b.getInt() != MAGIC)
      throw new IllegalArgumentException("not a control block");
    int op = b.getInt();
    if (op < 0 || op >= OPS.length)
      throw new IllegalArgumentException("control block has an unknown op " + op);
    long grantId = b.getLong();
    long lba = b.getLong();
    int blocks = b.getInt();
    long dataOffset = b.getLong();
    int dataLength = b.getInt();
    long cswOffset = b.getLong();
    long command = b.getLong();
    return new ControlBlock(
        grantId, command, OPS[op], lba, blocks, dataOffset, dataLength, cswOffset);
  }
}
