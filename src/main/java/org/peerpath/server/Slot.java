package org.peerpath.server;

import org.peerpath.memory.ControlBlock;
import org.peerpath.memory.StatusWord;

/**
 * Where one command lives in its origin server's memory: the control block, the status word right
 * after it, then the data buffer. Slots are reused once a command is finished.
 */
record Slot(int index, long controlBlockOffset, long cswOffset, long dataOffset) {
  private static final int HEADER = 128;

  static {
    assert ControlBlock.SIZE + StatusWord.SIZE <= HEADER;
  }

  static Slot of(int index, long maxTransferBytes) {
    long base = index * (HEADER + maxTransferBytes);
    return new Slot(index, base, base + ControlBlock.SIZE, base + HEADER);
  }
}
