package org.peerpath.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.testing.Bytes;

/** What the demo may read back: the last GOOD write, or a later write whose outcome is unknown. */
class ExpectedBlocksTest {
  final ExpectedBlocks blocks = new ExpectedBlocks(512);

  static ByteString fill(int value, int blocks) {
    return Bytes.fill(value, 512 * blocks);
  }

  @Test
  void aBlockHoldsZerosUntilWrittenThenItsLastGoodWrite() {
    assertEquals(0, blocks.mismatches(3, fill(0, 1)));
    blocks.wrote(3, fill(7, 2));
    assertEquals(0, blocks.mismatches(3, fill(7, 2)));
    assertEquals(
        2, blocks.mismatches(3, fill(0, 2)), "the zeros are gone once a write was acknowledged");
    blocks.wrote(4, fill(8, 1));
    assertEquals(1, blocks.mismatches(3, fill(7, 2)), "block 4 now holds the later write");
  }

  @Test
  void aWriteWhoseOutcomeIsUnknownMayHaveLandedUntilTheNextGoodWrite() {
    blocks.wrote(3, fill(7, 1));
    blocks.mayHaveWritten(3, fill(9, 1));
    assertEquals(0, blocks.mismatches(3, fill(9, 1)), "it may have landed");
    assertEquals(0, blocks.mismatches(3, fill(7, 1)), "or not");
    assertEquals(1, blocks.mismatches(3, fill(5, 1)), "nothing else may be there");
    blocks.wrote(3, fill(6, 1));
    assertEquals(1, blocks.mismatches(3, fill(9, 1)), "an acknowledged write replaces it");
    assertEquals(java.util.List.of(3L), java.util.List.copyOf(blocks.blocks()));
  }

  @Test
  void aBlockOnlyEverWrittenWithUnknownOutcomeIsReadBackToo() {
    blocks.mayHaveWritten(10, fill(4, 1));
    assertEquals(java.util.List.of(10L), java.util.List.copyOf(blocks.blocks()));
    assertEquals(0, blocks.mismatches(10, fill(0, 1)));
  }
}
