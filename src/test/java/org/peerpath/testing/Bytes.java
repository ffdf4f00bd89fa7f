package org.peerpath.testing;

import java.util.Arrays;
import org.apache.pekko.util.ByteString;

/**
 * Test data made of one repeated byte, the form most tests write and expect: a block of 0xAB is
 * easy to tell from a block of zeros or of another command's value when an assertion fails. Every
 * test builds it here rather than with its own copy of {@code Arrays.fill}.
 */
public final class Bytes {
  private Bytes() {}

  /** {@code length} bytes, each {@code value}'s low 8 bits (so 171 and 0xAB are the same byte). */
  public static ByteString fill(int value, int length) {
    return ByteString.fromArrayUnsafe(fillArray(value, length));
  }

  /** {@link #fill} as a new array, for files and for assertions on arrays. */
  public static byte[] fillArray(int value, int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
