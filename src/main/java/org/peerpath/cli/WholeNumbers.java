package org.peerpath.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads the whole numbers of the command line, saying what is wrong in words ("is more than
 * 2147483647, the most this option takes") where picocli would only say "is not an int".
 */
final class WholeNumbers {
  private WholeNumbers() {}

  static final ITypeConverter<Integer> INT =
      text -> (int) parse(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
  static final ITypeConverter<Long> LONG = text -> parse(text, Long.MIN_VALUE, Long.MAX_VALUE);

  private static long parse(String text, long min, long max) {
    String digits = text.strip();
    if (!digits.matches("[-+]?[0-9]+"))
      throw new TypeConversionException("'" + text + "' is not a whole number");
    java.math.BigInteger value = new java.math.BigInteger(digits);
    if (value.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw new TypeConversionException(
          "'" + text + "' is more than " + max + ", the most this option takes");
    }
    if (value.compareTo(java.math.BigInteger.valueOf(min)) < 0) {
      throw new TypeConversionException(
          "'" + text + "' is less than " + min + ", the least this option takes");
    }
    return value.longValue();
  }
}
