package org.peerpath.command;

import org.apache.pekko.util.ByteString;
import org.peerpath.CborSerializable;

/**
 * One host command as the host issues it: a read of {@code blocks} blocks at {@code lba}, or a
 * write of {@code data} there (whose length then fixes the block count). Nothing is checked here: a
 * wrong command must still reach a server, which answers BAD_REQUEST like any other client would
 * get.
 */
public record IoCommand(String id, Op op, long lba, int blocks, ByteString data)
    implements CborSerializable {

  public IoCommand {
    if (id == null || id.isEmpty()) throw new IllegalArgumentException("a command needs an id");
    if (op == null) throw new IllegalArgumentException("command " + id + " needs an op");
    data = data == null ? ByteString.emptyByteString() : data;
  }

  public static IoCommand read(String id, long lba, int blocks) {
    return new IoCommand(id, Op.READ, lba, blocks, ByteString.emptyByteString());
  }

  /** A write; its block count is its data length over the block size (checked by the server). */
  public static IoCommand write(String id, long lba, int blockSize, ByteString data) {
    return new IoCommand(id, Op.WRITE, lba, data.size() / blockSize, data);
  }
}
