package org.peerpath.trace;

import org.apache.pekko.util.ByteString;

/** Short, readable descriptions of block contents for failure messages. */
final class Describe {
  private Describe() {}

  /** {@code "4096 bytes, all 0xab"} or {@code "8192 bytes starting 00 01 02 …"}. */
  static String bytes(ByteString b) {
    if (b.isEmpty()) return "no bytes";
    byte first = b.apply(0);
    boolean uniform = true;
    for (int i = 1; i < b.size() && uniform; i++) uniform = b.apply(i) == first;
    if (uniform) return b.size() + " bytes, all 0x" + String.format("%02x", first & 0xff);
    StringBuilder s = new StringBuilder(b.size() + " bytes starting");
    for (int i = 0; i < Math.min(8, b.size()); i++)
      s.append(String.format(" %02x", b.apply(i) & 0xff));
    return s.append(" ...").toString();
  }
}
