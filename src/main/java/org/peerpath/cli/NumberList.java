package org.peerpath.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An option's list of whole numbers ({@code --outstanding 1,16,256}), read and checked in one go so
 * that whatever is wrong with it is said in one line: a part that is no number, a value out of
 * range, a value given twice, too many values. The values come back in ascending order.
 */
final class NumberList {
  /** The most values a list takes: each one is a measurement of its own. */
  static final int MOST = 16;

  private NumberList() {}

  /**
   * @throws IllegalArgumentException saying, after the option's name, what is wrong
   */
  static List<Integer> parse(String option, String text, int min, int max) {
    String[] parts = text.split(",", -1);
    if (parts.length > MOST)
      throw new IllegalArgumentException(
          option + " must have at most " + MOST + " values, not " + parts.length);
    TreeSet<Integer> values = new TreeSet<>();
    for (String part : parts) {
      String p = part.strip();
      if (!p.matches("[-+]?[0-9]+"))
        throw new IllegalArgumentException(
            option
                + " must be whole numbers "
                + min
                + ".."
                + max
                + " separated by commas, not '"
                + text
                + "'");
      BigInteger v = new BigInteger(p);
      if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0)
        throw new IllegalArgumentException(
            option + " must be " + min + ".." + max + " each, not " + p);
      if (!values.add(v.intValueExact()))
        throw new IllegalArgumentException(option + " must not repeat a value, as " + v);
    }
    return new ArrayList<>(values);
  }
}
