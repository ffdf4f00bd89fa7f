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
 *
 * <p>A command a host sent also carries the host's number and its serial there, the same on every
 * server the host resends it to: the disk applies a write under that identity at most once ({@link
 * #identity}).
 *
 * @param host the number N of the {@code host-N} that sent the command, or 0 if none did
 * @param serial the command's serial number at that host (0 if none)
 */
public record ControlBlock(
    long grantId,
    long command,
    Op op,
    long lba,
    int blocks,
    long dataOffset,
    int dataLength,
    long cswOffset,
    int host,
    long serial) {
  public static final int SIZE = 72;

  /** A block of a command that no host numbered (submitted to a server directly). */
  public ControlBlock(
      long grantId,
      long command,
      Op op,
      long lba,
      int blocks,
      long dataOffset,
      int dataLength,
      long cswOffset) {
    this(grantId, command, op, lba, blocks, dataOffset, dataLength, cswOffset, 0, 0);
  }

  /**
   * The command's identity at the disk, the same on every attempt: {@code host-N#serial} for a
   * command a host numbered (whichever server it went to), else {@code memory#command}, its number
   * in the origin server's {@code memory}.
   */
  public String identity(String memory) {
    return identity(host, serial, memory, command);
  }

  /** {@link #identity} of a block of these fields, for the server that lays it out. */
  public static String identity(int host, long serial, String memory, long command) {
    return host > 0 ? "host-" + host + "#" + serial : memory + "#" + command;
  }

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
        .putLong(command)
        .putInt(host)
        .putLong(serial);
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
    int host = b.getInt();
    long serial = b.getLong();
    return new ControlBlock(
        grantId, command, OPS[op], lba, blocks, dataOffset, dataLength, cswOffset, host, serial);
  }
}
