package org.peerpath.history;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads back the names a history writes for its enums: an unknown name is refused with the names
 * that would do, never mapped to a guess.
 */
final class WireNames {
  private WireNames() {}

  static <E extends Enum<E>> E of(
      E[] values, Function<E, String> wireName, String text, String what) {
    for (E e : values) if (wireName.apply(e).equals(text)) return e;
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not "
            + what
            + ": write one of "
            + Arrays.stream(values).map(wireName).collect(Collectors.joining(", ")));
  }
}
