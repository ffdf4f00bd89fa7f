package org.peerpath.trace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the trace format writes them: a number and a unit ({@code "250us"},
 * {@code "1.5s"}), exact to the nanosecond. A duration without a unit is an error, never a guess.
 */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m)\\s*");

  private Durations() {}

  public static long parseNanos(String text) {
    if (text == null) throw new IllegalArgumentException("a duration is missing");
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: write a number and a unit (ns, us, ms, s, m), e.g. \"250us\"");
    }
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2))));
    try {
      return nanos.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is finer than a nanosecond or too long");
    }
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      default -> 60_000_000_000L;
    };
  }

  /** The shortest exact form: {@code 1500000 -> "1.5ms"}, {@code 250000 -> "250us"}. */
  public static String format(long nanos) {
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
}
