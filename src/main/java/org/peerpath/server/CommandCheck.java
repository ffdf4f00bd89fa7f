package org.peerpath.server;

import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * The checks a server makes before it touches memory for a command: anything that fails here is
 * answered BAD_REQUEST with the reason, and nothing is written anywhere.
 */
final class CommandCheck {
  private CommandCheck() {}

  /** Why the command cannot be run, or null if it can. */
  static String problem(IoCommand c, SubsystemSettings s) {
    int blockSize = s.blockSize();
    long blocks = c.blocks();
    if (c.op() == Op.WRITE) {
      if (c.data().isEmpty()) return "a write needs data";
      if (c.data().size() % blockSize != 0) {
        return "data length " + c.data().size() + " is not a multiple of the block size " + blockSize;
      }
      blocks = c.data().size() / blockSize;
    }
    if (blocks <= 0) return "a command must cover at least one block, not " + blocks;
    if (blocks > s.maxTransferBlocks()) return blocks + " blocks is more than the largest command, " + s.maxTransferBlocks();
    if (c.lba() < 0) return "LBA " + c.lba() + " is negative";
    // Written so that it cannot overflow: lba + blocks can, for an LBA near 2^63.
    if (c.lba() > s.blocks() - blocks) {
      return blocks + " blocks from LBA " + c.lba() + " run past the end of the disk (" + s.blocks() + " blocks)";
    }
    return null;
  }

  /** The command with a write's block count taken from its data. */
  static IoCommand normalized(IoCommand c, SubsystemSettings s) {
    int blocks = c.data().size() / s.blockSize();
    if (c.op() != Op.WRITE || c.blocks() == blocks) return c;
    return new IoCommand(c.id(), c.op(), c.lba(), blocks, c.data());
  }
}
