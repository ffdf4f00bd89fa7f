package org.peerpath.demo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.pekko.util.ByteString;

/**
 * What the demo may read from each block. No two commands in flight touch the same block, so a
 * block holds the value of its last GOOD write, or zeros if it has none; a write whose outcome is
 * unknown (TIMEOUT, NO_PATH), as Jepsen's indeterminate operations, may have landed too, then or
 * later, so its value is allowed as well until the next GOOD write.
 */
final class ExpectedBlocks {
  private final int blockSize;
  private final ByteString zeros;
  private final Map<Long, ByteString> written = new HashMap<>();
  private final Map<Long, Set<ByteString>> maybe = new HashMap<>();

  ExpectedBlocks(int blockSize) {
    this.blockSize = blockSize;
    this.zeros = ByteString.fromArrayUnsafe(new byte[blockSize]);
  }

  /** A write that ended GOOD. */
  void wrote(long lba, ByteString data) {
    for (int k = 0; k < data.size() / blockSize; k++) {
      written.put(lba + k, block(data, k));
      maybe.remove(lba + k);
    }
  }

  /** A write whose outcome the host never learned. */
  void mayHaveWritten(long lba, ByteString data) {
    for (int k = 0; k < data.size() / blockSize; k++) {
      written.putIfAbsent(lba + k, zeros);
      maybe.computeIfAbsent(lba + k, b -> new HashSet<>()).add(block(data, k));
    }
  }

  /**
   * How many of the blocks a GOOD read from {@code lba} returned no write could have left there.
   */
  int mismatches(long lba, ByteString data) {
    int wrong = 0;
    for (int k = 0; k < data.size() / blockSize; k++) {
      ByteString got = block(data, k);
      boolean allowed =
          got.equals(written.getOrDefault(lba + k, zeros))
              || maybe.getOrDefault(lba + k, Set.of()).contains(got);
      if (!allowed) wrong++;
    }
    return wrong;
  }

  /** Every block a write may have touched, in order. */
  SortedSet<Long> blocks() {
    return new TreeSet<>(written.keySet());
  }

  private ByteString block(ByteString data, int k) {
    return data.slice(k * blockSize, (k + 1) * blockSize);
  }
}
