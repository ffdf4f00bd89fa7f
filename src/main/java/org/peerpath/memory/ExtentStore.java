package org.peerpath.memory;

import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;

/**
 * The bytes of one memory region, addressed by offset and kept as the immutable byte strings that
 * were written there (extents that never overlap), so a large, sparsely used region costs little
 * (simulation spawns thousands) and no payload is copied on its way in or out: a DMA write keeps
 * the adapter's bytes as they are, and a DMA read hands out slices of them. What the patent's DMAs
 * copy between memories and the disk, the model shares, since a {@code ByteString} cannot change.
 * Unwritten bytes read as zero.
 */
final class ExtentStore {
  private static final ByteString ZEROS = ByteString.fromArrayUnsafe(new byte[4096]);

  /** Extents by their first offset; none overlaps another, and none is empty. */
  private final TreeMap<Long, ByteString> extents = new TreeMap<>();

  ByteString read(long offset, int length) {
    if (length == 0) return ByteString.emptyByteString();
    long end = offset + length;
    Map.Entry<Long, ByteString> first = extents.floorEntry(offset);
    long from = first != null && endOf(first) > offset ? first.getKey() : offset;
    ByteString out = ByteString.emptyByteString();
    long at = offset;
    for (Map.Entry<Long, ByteString> e : extents.subMap(from, true, end, false).entrySet()) {
      long start = e.getKey();
      if (start > at) {
        out = out.concat(zeros(start - at));
        at = start;
      }
      long stop = Math.min(endOf(e), end);
      if (stop <= at) continue;
      out = out.concat(e.getValue().slice((int) (at - start), (int) (stop - start)));
      at = stop;
    }
    if (at < end) out = out.concat(zeros(end - at));
    return out;
  }

  /** Keeps {@code data} itself at {@code offset}, trimming whatever it overlaps. */
  void write(long offset, ByteString data) {
    if (data.isEmpty()) return;
    long end = offset + data.size();
    Map.Entry<Long, ByteString> before = extents.lowerEntry(offset);
    if (before != null && endOf(before) > offset) {
      ByteString b = before.getValue();
      long start = before.getKey();
      extents.put(start, b.slice(0, (int) (offset - start)));
      if (endOf(before) > end) extents.put(end, b.slice((int) (end - start), b.size()));
    }
    Map<Long, ByteString> covered = extents.subMap(offset, true, end, false);
    Map.Entry<Long, ByteString> last = extents.lowerEntry(end);
    if (last != null && last.getKey() >= offset && endOf(last) > end) {
      ByteString l = last.getValue();
      extents.put(end, l.slice((int) (end - last.getKey()), l.size()));
    }
    covered.clear();
    extents.put(offset, data);
  }

  private static long endOf(Map.Entry<Long, ByteString> e) {
    return e.getKey() + e.getValue().size();
  }

  private static ByteString zeros(long n) {
    if (n <= ZEROS.size()) return ZEROS.slice(0, (int) n);
    return ByteString.fromArrayUnsafe(new byte[Math.toIntExact(n)]);
  }
}
