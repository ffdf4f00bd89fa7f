package org.peerpath.trace.check;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;

/**
 * The distinct values of one block's history, numbered so the search compares integers instead of
 * block-sized byte strings: 0 is the initial value, then each new value in the order the writes
 * come. It also names values the way an explanation should: by the writes that wrote them.
 */
final class BlockValues {
  private final Map<Value, Integer> ids = new HashMap<>();
  private final List<List<String>> writers = new ArrayList<>();
  private final int[] opValues;
  private int unknownRead = -1;

  BlockValues(List<BlockOperation> ops, ByteString initial) {
    intern(initial);
    opValues = new int[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      BlockOperation op = ops.get(i);
      if (!op.write()) continue;
      opValues[i] = intern(op.value());
      writers.get(opValues[i]).add(op.id());
    }
    for (int i = 0; i < ops.size(); i++) {
      BlockOperation op = ops.get(i);
      if (op.write()) continue;
      Integer id = ids.get(Value.of(op.value()));
      if (id == null) {
        if (unknownRead < 0) unknownRead = i;
        opValues[i] = -1;
      } else {
        opValues[i] = id;
      }
    }
  }

  /**
   * A value as a map key: equal only when every byte is equal (ByteBuffer.equals, vectorised), but
   * hashed from its length and a few dozen sampled bytes, since hashing every byte of every
   * block-sized value dominated the check.
   */
  private record Value(ByteBuffer bytes, int hash) {
    static Value of(ByteString value) {
      ByteBuffer b = value.asByteBuffer();
      int n = b.remaining();
      int h = n;
      int step = Math.max(1, n / 32);
      for (int i = 0; i < n; i += step) h = 31 * h + b.get(b.position() + i);
      if (n > 0) h = 31 * h + b.get(b.position() + n - 1);
      return new Value(b, h);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Value v && v.hash == hash && v.bytes.equals(bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private int intern(ByteString value) {
    return ids.computeIfAbsent(
        Value.of(value),
        k -> {
          writers.add(new ArrayList<>());
          return writers.size() - 1;
        });
  }

  /**
   * The value number of each operation: what it wrote or read (-1 for a read of a value nobody
   * wrote).
   */
  int[] opValues() {
    return opValues.clone();
  }

  /**
   * The first read, by index, that returned a value that is neither initial nor written; -1 if
   * none.
   */
  int unknownRead() {
    return unknownRead;
  }

  /**
   * "the initial value", "w1's value", "the value of w1 and w4", "the initial value, also written
   * by w3".
   */
  String name(int value) {
    List<String> by = writers.get(value);
    if (value == 0)
      return by.isEmpty() ? "the initial value" : "the initial value, also written by " + and(by);
    return by.size() == 1 ? by.get(0) + "'s value" : "the value of " + and(by);
  }

  private static String and(List<String> ids) {
    if (ids.size() == 1) return ids.get(0);
    return String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
  }

  /** The first bytes in hex, for a value no write explains. */
  static String hex(ByteString value) {
    StringBuilder s = new StringBuilder("0x");
    int shown = Math.min(8, value.size());
    for (int i = 0; i < shown; i++) s.append(String.format("%02x", value.apply(i) & 0xff));
    if (value.size() > shown) s.append("… (").append(value.size()).append(" bytes)");
    return s.toString();
  }
}
