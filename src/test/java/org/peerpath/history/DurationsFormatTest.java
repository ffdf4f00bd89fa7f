package org.peerpath.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Durations#format} in whole numbers gives what exact decimals give: the largest unit that
 * leaves the value at least 1 with at most three decimals, trailing zeros dropped.
 */
class DurationsFormatTest {

  /** The rule in decimals, as the format was first written. */
  private static String inDecimals(long nanos) {
    if (nanos == 0) return "0ms";
    String[] units = {"s", "ms", "us"};
    long[] sizes = {1_000_000_000L, 1_000_000L, 1_000L};
    for (int i = 0; i < units.length; i++) {
      BigDecimal v = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(sizes[i]));
      if (v.abs().compareTo(BigDecimal.ONE) >= 0 && v.stripTrailingZeros().scale() <= 3) {
        return v.stripTrailingZeros().toPlainString() + units[i];
      }
    }
    return nanos + "ns";
  }

  @Test
  void examples() {
    assertEquals("1.5ms", Durations.format(1_500_000));
    assertEquals("250us", Durations.format(250_000));
    assertEquals("2s", Durations.format(2_000_000_000));
    assertEquals("1.001s", Durations.format(1_001_000_000));
    assertEquals("1000.001ms", Durations.format(1_000_001_000));
    assertEquals("999ns", Durations.format(999));
    assertEquals("-1.25ms", Durations.format(-1_250_000));
    assertEquals("0ms", Durations.format(0));
  }

  @Test
  void agreesWithDecimalsAtTheEdgesAndOnRandomValues() {
    long[] edges = {
      Long.MIN_VALUE,
      Long.MIN_VALUE + 1,
      Long.MAX_VALUE,
      Long.MAX_VALUE - 1,
      1,
      -1,
      999,
      1000,
      -1000,
      1001,
      999_999,
      1_000_000,
      1_000_500,
      1_000_050,
      999_999_999,
      1_000_000_000,
      -1_000_000_000,
      9_223_372_036_854_000_000L,
      -9_223_372_036_854_000_000L
    };
    for (long n : edges) assertEquals(inDecimals(n), Durations.format(n), "at " + n);
    SplittableRandom r = new SplittableRandom(17);
    long[] scales = {1, 1_000, 1_000_000, 1_000_000_000};
    for (int i = 0; i < 200_000; i++) {
      long n = r.nextLong() / scales[r.nextInt(scales.length)] * scales[r.nextInt(scales.length)];
      if (r.nextBoolean()) n = r.nextLong(-5_000_000_000L, 5_000_000_000L);
      assertEquals(inDecimals(n), Durations.format(n), "at " + n);
    }
  }
}
