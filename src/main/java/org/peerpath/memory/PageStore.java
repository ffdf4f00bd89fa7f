package org.peerpath.memory;

import java.util.HashMap;
import java.util.Map;

/**
 * The bytes of one memory region, addressed by offset and kept in pages that exist only once
 * written, so a large, sparsely used region costs little (simulation spawns thousands). Unwritten
 * bytes read as zero.
 */
final class PageStore {
  private static final int PAGE = 4096;
  private final Map<Long, byte[]> pages = new HashMap<>();

  byte[] read(long offset, int length) {
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      long at = offset + done;
      int inPage = (int) (at % PAGE);
      int n = Math.min(PAGE - inPage, length - done);
      byte[] page = pages.get(at / PAGE);
      if (page != null) System.arraycopy(page, inPage, out, done, n);
      done += n;
    }
    return out;
  }

  /** Copies the bytes straight into their pages, without an intermediate array. */
  void write(long offset, org.apache.pekko.util.ByteString data) {
    int done = 0;
    while (done < data.size()) {
      long at = offset + done;
      int inPage = (int) (at % PAGE);
      int n = Math.min(PAGE - inPage, data.size() - done);
      data.slice(done, done + n).copyToArray(pages.computeIfAbsent(at / PAGE, k -> new byte[PAGE]), inPage, n);
      done += n;
    }
  }
}
