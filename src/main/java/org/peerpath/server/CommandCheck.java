package org.peerpath.server;

import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;

/**
 * The checks a server makes before it touches memory for a command: anything that fails here is
 * answered BAD_REQUEST with the reason, and nothing is written anywhere.
 */
final class CommandCheck {
  private CommandCheck() {}

  /** Why the command cannot be run, or null if it can. */
  static String problem(IoCommand c, ServerSettings s) {
    int blockSize = s.blockSize();
    long blocks = c.blocks();
    if (c.op() == Op.READ && !c.data().isEmpty()) {
      // Data sent with a read means the client has its ops confused; running it as a read would
      // hide that.
      return "a read carries no data, but this one carries " + c.data().size() + " bytes";
    }
    if (c.op() == Op.WRITE) {
      if (c.data().isEmpty()) return "a write needs data";
      if (c.data().size() % blockSize != 0) {
        return "data length "
            + c.data().size()
            + " is not a multiple of the block size "
            + blockSize;
      }
      blocks = c.data().size() / blockSize;
      if (c.blocks() != blocks) {
        // A client that counted its blocks with another block size would have one block written and
        // told GOOD.
        return "the write names "
            + c.blocks()
            + " blocks but carries "
            + c.data().size()
            + " bytes, "
            + blocks
            + " blocks of "
            + blockSize;
      }
    }
    if (blocks <= 0) return "a command must cover at least one block, not " + blocks;
    if (blocks > s.maxTransferBlocks())
      return blocks + " blocks is more than the largest command, " + s.maxTransferBlocks();
    if (c.lba() < 0) return "LBA " + c.lba() + " is negative";
    // Written so that it cannot overflow: lba + blocks can, for an LBA near 2^63.
    if (c.lba() > s.blocks() - blocks) {
      return blocks
          + " blocks from LBA "
          + c.lba()
          + " run past the end of the disk ("
          + s.blocks()
          + " blocks)";
    }
    return null;
  }
}
