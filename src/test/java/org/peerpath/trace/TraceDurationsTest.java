package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.trace.TraceReaderRefusalTest.W1;
import static org.peerpath.trace.TraceReaderRefusalTest.assertRefused;
import static org.peerpath.trace.TraceReaderRefusalTest.refused;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.peerpath.history.Durations;

/**
 * A trace's durations (docs/spec/trace-format.md): a non-negative decimal number and a unit, ns, us
 * or µs, ms or s, exact to the nanosecond, at most 1000000s. Everything else is refused, however
 * long the digits, without overflowing and without taking long.
 */
class TraceDurationsTest {

  @Test
  void readsEachUnitExactlyToTheNanosecond() {
    assertEquals(7, Durations.parseNanos("7ns"));
    assertEquals(250_000, Durations.parseNanos("250us"));
    assertEquals(250_000, Durations.parseNanos("250µs"));
    assertEquals(1_500_000, Durations.parseNanos("1.5ms"));
    assertEquals(1_000_000_001, Durations.parseNanos("1.000000001s"));
    assertEquals(1, Durations.parseNanos("0.001us"));
    assertEquals(
        3, Durations.parseNanos("3.000ns"), "trailing zeros are no finer than a nanosecond");
    assertEquals(5_000_000, Durations.parseNanos("005ms"));
    assertEquals(0, Durations.parseNanos("0s"));
  }

  @Test
  void acceptsExactly1000000sAndRefusesAnythingAbove() {
    assertEquals(1_000_000_000_000_000L, Durations.parseNanos("1000000s"));
    assertEquals(1_000_000_000_000_000L, Durations.parseNanos("1000000000000000ns"));
    assertRefusal("1000000.000000001s", "above 1000000s");
    assertRefusal("1000000000000001ns", "above 1000000s");
    assertRefusal("1000000001ms", "above 1000000s");
  }

  @Test
  void refusesAFractionOfANanosecond() {
    assertRefusal("1.5ns", "finer than a nanosecond");
    assertRefusal("0.0001us", "finer than a nanosecond");
    assertRefusal("0.0000000001s", "finer than a nanosecond");
  }

  @Test
  void refusesANegativeValueAnotherUnitAMissingUnitAndAnExponent() {
    assertRefusal("-1ms", "negative");
    assertRefusal("-0ms", "negative");
    assertRefusal("1m", "not a duration");
    assertRefusal("1h", "not a duration");
    assertRefusal("1MS", "not a duration");
    assertRefusal("5", "no unit");
    assertRefusal("1.5", "no unit");
    assertRefusal("1e3ms", "not a duration");
    assertRefusal("1E3ns", "not a duration");
    assertRefusal("", "not a duration");
  }

  @Test
  void refusesWhatIsNotQuiteADecimalNumberAndAUnit() {
    for (String text :
        new String[] {
          " 5ms", "5ms ", "5 ms", "+5ms", ".5ms", "5.ms", "1,5ms", "0x10ns", "５ms", "5μs"
        }) {
      assertRefusal(text, "not a duration");
    }
  }

  @Test
  void refusesHugeDigitStringsWithoutOverflowingOrTakingLong() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertRefusal("99999999999999999999999s", "above 1000000s");
          assertRefusal("9223372036854775808ns", "above 1000000s");
          assertRefusal("18446744073709551617ns", "above 1000000s");
          assertRefusal("9".repeat(1_000_000) + "ns", "above 1000000s");
          assertRefusal("0." + "0".repeat(1_000_000) + "1s", "finer than a nanosecond");
          assertEquals(
              1_000_000,
              Durations.parseNanos("0".repeat(1_000_000) + "1." + "0".repeat(1_000_000) + "ms"));
        });
  }

  @Test
  void aHistoryTimeMayPassTheTraceLimitSinceARunGoesOnAfterItsLastInput() {
    long late = Durations.MAX_NANOS + 200_000_000L;
    assertEquals(late, Durations.parseTimeNanos(Durations.format(late)));
    assertEquals(Long.MAX_VALUE, Durations.parseTimeNanos(Long.MAX_VALUE + "ns"));
    assertThrows(
        IllegalArgumentException.class, () -> Durations.parseTimeNanos("9223372036854775808ns"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parseTimeNanos("1.5ns"));
  }

  @Test
  void formatsWhatItReadsBack() {
    for (long nanos :
        new long[] {0, 1, 999, 1_000, 250_000, 1_500_000, 1_000_000_001, Durations.MAX_NANOS}) {
      assertEquals(nanos, Durations.parseNanos(Durations.format(nanos)), Durations.format(nanos));
    }
  }

  @Test
  void aTraceRefusesABadDurationNamingTheLineAndTheField() {
    assertRefused(
        refused(W1, "{\"at\":\"1000001s\",\"kind\":\"repair\",\"target\":\"adapter-1\"}"),
        2,
        "at",
        "above 1000000s");
    String reset =
        "{\"kind\":\"fail\",\"target\":\"adapter-1\",\"mode\":\"reset\",\"duration\":\"1.5ns\"}";
    assertRefused(refused(W1, reset), 2, "duration", "finer than a nanosecond");
    assertRefused(
        refused("{\"kind\":\"config\",\"deadline\":\"-5ms\"}", W1), 1, "deadline", "negative");
    assertRefused(
        refused("{\"kind\":\"config\",\"latency\":{\"default\":\"2m\"}}", W1),
        1,
        "latency.default",
        "not a duration");
    var paths =
        refused(
            "{\"kind\":\"config\",\"latency\":{\"paths\":{\"adapter-2->memory-1\":\"3e0ms\"}}}",
            W1);
    assertRefused(paths, 1, "latency.paths.adapter-2->memory-1", "not a duration");
  }

  private static void assertRefusal(String text, String why) {
    var e = assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(text), text);
    assertTrue(e.getMessage().contains(why), "'" + why + "' in: " + e.getMessage());
    assertTrue(
        e.getMessage().length() < 200,
        "a long duration is shortened in its message: " + e.getMessage().length());
  }
}
