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

  /**
   * Pages by {@link #key}: command slots are a whole transfer apart, so their page numbers share
   * their low bits and, used as keys unchanged, would all land in a few buckets of the map.
   */
  private final Map<Long, byte[]> pages = new HashMap<>();

  /** The page number times an odd constant: a one-to-one mix that spreads the low bits. */
  private static Long key(long offset) {
    return (offset / PAGE) * 0x9E3779B97F4A7C15L;
  }

  byte[] read(long offset, int length) {
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      long at = offset + done;
      int inPage = (int) (at % PAGE);
      int n = Math.min(PAGE - inPage, length - done);
      byte[] page = pages.get(key(at));
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
      data.slice(done, done + n)
          .copyToArray(pages.computeIfAbsent(key(at), k -> new byte[PAGE]), inPage, n);
      done += n;
    }
  }
}
