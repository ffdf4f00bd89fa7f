package org.peerpath.history;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the trace format writes them (docs/spec/trace-format.md): a non-negative decimal
 * number and a unit, {@code ns}, {@code us} (or {@code µs}), {@code ms} or {@code s} ({@code
 * "250us"}, {@code "1.5s"}), exact to the nanosecond and at most {@code 1000000s}. Anything else (a
 * missing or other unit, a sign, an exponent, a space, a fraction of a nanosecond) is an error,
 * never a guess. The digits are checked before any arithmetic, so no length of string overflows or
 * takes long to refuse.
 */
public final class Durations {
  /**
   * The longest duration and the latest time a trace may give, 1000000s: no sum of a few of them
   * overflows a long.
   */
  public static final long MAX_NANOS = 1_000_000L * 1_000_000_000L;

  private static final Pattern FORMAT = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?(ns|us|µs|ms|s)");
  private static final Pattern NUMBER_ONLY = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");

  /** More whole digits than this exceed Long.MAX_VALUE nanoseconds in any unit. */
  private static final int MAX_WHOLE_DIGITS = 19;

  private Durations() {}

  /** A trace's duration or time, in nanoseconds: at most {@link #MAX_NANOS}. */
  public static long parseNanos(String text) {
    return parse(text, MAX_NANOS);
  }

  /**
   * A time a run reached, written by {@link #format} (a history's {@code at}): the same form, up to
   * Long.MAX_VALUE nanoseconds, since a run goes on past the last time its trace gives.
   */
  public static long parseTimeNanos(String text) {
    return parse(text, Long.MAX_VALUE);
  }

  private static long parse(String text, long max) {
    if (text == null) throw new IllegalArgumentException("a duration is missing");
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) throw new IllegalArgumentException(notADuration(text));
    String whole = withoutLeadingZeros(m.group(1));
    String fraction = m.group(2) == null ? "" : withoutTrailingZeros(m.group(2));
    int scale = unitScale(m.group(3));
    if (fraction.length() > scale) {
      throw new IllegalArgumentException(
          quoted(text) + " is finer than a nanosecond: a duration is a whole number of ns");
    }
    if (whole.length() > MAX_WHOLE_DIGITS) throw new IllegalArgumentException(tooLong(text, max));
    BigDecimal nanos =
        new BigDecimal(fraction.isEmpty() ? whole : whole + "." + fraction).movePointRight(scale);
    if (nanos.compareTo(BigDecimal.valueOf(max)) > 0)
      throw new IllegalArgumentException(tooLong(text, max));
    return nanos.longValueExact();
  }

  private static String withoutLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
    return digits.substring(i);
  }

  private static String withoutTrailingZeros(String digits) {
    int end = digits.length();
    while (end > 0 && digits.charAt(end - 1) == '0') end--;
    return digits.substring(0, end);
  }

  /** The number of decimal places of a unit below the nanosecond. */
  private static int unitScale(String unit) {
    return switch (unit) {
      case "ns" -> 0;
      case "us", "µs" -> 3;
      case "ms" -> 6;
      default -> 9;
    };
  }

  private static String notADuration(String text) {
    String how =
        "write a non-negative decimal number and a unit (ns, us or µs, ms, s), e.g. \"250us\"";
    if (text.startsWith("-")) return quoted(text) + " is not a duration, it is negative: " + how;
    if (NUMBER_ONLY.matcher(text).matches())
      return quoted(text) + " is not a duration, it has no unit: " + how;
    return quoted(text) + " is not a duration: " + how;
  }

  private static String tooLong(String text, long max) {
    return quoted(text)
        + " is above "
        + (max == MAX_NANOS ? "1000000s, the longest a trace may give" : max + "ns");
  }

  /**
   * The text as an error message shows it, shortened when it is long enough to drown the message.
   */
  private static String quoted(String text) {
    return "'"
        + (text.length() <= 40
            ? text
            : text.substring(0, 20) + "..." + text.substring(text.length() - 10))
        + "'";
  }

  /** {@code a + b}, or the longest (shortest) long where that overflows. */
  public static long saturatingAdd(long a, long b) {
    long sum = a + b;
    // Overflow only when both have the same sign and the sum's differs.
    if (((a ^ sum) & (b ^ sum)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    return sum;
  }

  /**
   * {@code d} in nanoseconds, as far as a long reaches; beyond, the longest or shortest long, which
   * every caller refuses as too long or negative (naming its limit) rather than overflowing.
   */
  public static long saturatedNanos(java.time.Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException beyondALong) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * The shortest exact form: {@code 1500000 -> "1.5ms"}, {@code 250000 -> "250us"}. The largest
   * unit that leaves the value at least 1 and at most three decimals; nanoseconds when none does.
   * In whole numbers, not decimals: a run formats a duration for every timed-out command.
   */
  public static String format(long nanos) {
    if (nanos == 0) return "0ms";
    String[] units = {"s", "ms", "us"};
    long[] sizes = {1_000_000_000L, 1_000_000L, 1_000L};
    for (int i = 0; i < units.length; i++) {
      long size = sizes[i];
      long thousandth = size / 1000;
      if ((nanos >= size || nanos <= -size) && nanos % thousandth == 0) {
        // Division truncates toward zero and the remainder keeps the sign: neither overflows, not
        // even for Long.MIN_VALUE.
        long fraction = Math.abs(nanos % size) / thousandth;
        String whole = Long.toString(nanos / size);
        if (fraction == 0) return whole + units[i];
        String digits = Long.toString(1000 + fraction).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') end--;
        return whole + "." + digits.substring(0, end) + units[i];
      }
    }
    return nanos + "ns";
  }
}
