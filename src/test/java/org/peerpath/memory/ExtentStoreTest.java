package org.peerpath.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * A region's bytes read back as a plain array of the same writes would: every overlap of writes,
 * reads across extents and gaps, and unwritten bytes as zero; and a written payload is kept, not
 * copied.
 */
class ExtentStoreTest {

  @Test
  void readsAgreeWithAPlainArrayUnderRandomOverlappingWrites() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      int size = 1 + random.nextInt(20_000);
      byte[] expected = new byte[size];
      ExtentStore store = new ExtentStore();
      for (int step = 0; step < 60; step++) {
        int offset = random.nextInt(size);
        int length = random.nextInt(Math.min(size - offset, 6000) + 1);
        if (random.nextBoolean()) {
          byte[] data = new byte[length];
          random.nextBytes(data);
          store.write(offset, ByteString.fromArray(data));
          System.arraycopy(data, 0, expected, offset, length);
        } else {
          byte[] want = new byte[length];
          System.arraycopy(expected, offset, want, 0, length);
          assertArrayEquals(
              want,
              store.read(offset, length).toArray(),
              "seed " + seed + ", step " + step + ": read " + offset + "+" + length);
        }
      }
      assertArrayEquals(expected, store.read(0, size).toArray(), "seed " + seed + ": whole region");
    }
  }

  @Test
  void unwrittenBytesReadAsZeroEvenBeyondOnePage() {
    ExtentStore store = new ExtentStore();
    store.write(10_000, ByteString.fromArray(new byte[] {7}));
    byte[] want = new byte[10_002];
    want[10_000] = 7;
    assertArrayEquals(want, store.read(0, 10_002).toArray());
  }

  @Test
  void aWrittenPayloadIsReadBackWithoutACopy() {
    ExtentStore store = new ExtentStore();
    ByteString payload = ByteString.fromArray(new byte[4096]);
    store.write(128, payload);
    assertSame(payload, store.read(128, 4096), "the whole extent is the payload itself");
  }
}
