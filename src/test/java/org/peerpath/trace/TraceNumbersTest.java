package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.peerpath.trace.TraceReaderRefusalTest.W1;
import static org.peerpath.trace.TraceReaderRefusalTest.assertRefused;
import static org.peerpath.trace.TraceReaderRefusalTest.refused;
import static org.peerpath.trace.TraceReaderTest.read;

import org.junit.jupiter.api.Test;

/**
 * Numbers in a trace (docs/spec/trace-format.md) are JSON integers that fit their field: 64-bit
 * signed for {@code lba} and the config's {@code blocks}, 32-bit signed for every other count. One
 * beyond its range is refused naming the line and the field, never wrapped; so is 1.0, 1e0 or "7".
 */
class TraceNumbersTest {
  static final String READ =
      "{\"kind\":\"command\",\"id\":\"r\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0}";

  @Test
  void readsAnLbaAcrossTheWhole64BitRange() {
    assertEquals(
        Long.MAX_VALUE,
        read(READ.replace("\"lba\":0", "\"lba\":9223372036854775807")).commands().get(0).lba());
    assertEquals(
        Long.MIN_VALUE,
        read(READ.replace("\"lba\":0", "\"lba\":-9223372036854775808")).commands().get(0).lba());
  }

  @Test
  void refusesAnLbaBeyond64BitsNamingTheRange() {
    assertRefused(
        refused(READ.replace("\"lba\":0", "\"lba\":9223372036854775808")),
        1,
        "lba",
        "out of range",
        "64 bits",
        "9223372036854775808");
    assertRefused(
        refused(READ.replace("\"lba\":0", "\"lba\":-9223372036854775809")),
        1,
        "lba",
        "out of range",
        "64 bits");
  }

  @Test
  void readsTheDisksSizeAsA64BitCount() {
    Trace t = read("{\"kind\":\"config\",\"blocks\":9223372036854775807}", READ);
    assertEquals(java.util.Optional.of(Long.MAX_VALUE), t.config().blocks());
    var e = refused("{\"kind\":\"config\",\"blocks\":9223372036854775808}", READ);
    assertRefused(e, 1, "blocks", "out of range", "64 bits");
  }

  @Test
  void readsAReadsBlocksAsA32BitCount() {
    assertEquals(
        Integer.MAX_VALUE,
        read(READ.replace("}", ",\"blocks\":2147483647}")).commands().get(0).blocks());
    assertEquals(
        Integer.MIN_VALUE,
        read(READ.replace("}", ",\"blocks\":-2147483648}")).commands().get(0).blocks());
    assertRefused(
        refused(READ.replace("}", ",\"blocks\":2147483648}")),
        1,
        "blocks",
        "out of range",
        "32 bits",
        "2147483648");
    assertRefused(
        refused(READ.replace("}", ",\"blocks\":-2147483649}")),
        1,
        "blocks",
        "out of range",
        "32 bits");
    assertRefused(
        refused(READ.replace("}", ",\"blocks\":4294967297}")),
        1,
        "blocks",
        "out of range",
        "32 bits");
  }

  @Test
  void refusesConfigCountsBeyond32BitsRatherThanWrappingThem() {
    // 4294967298 wraps to 2 in an int: it must not read as two servers.
    assertRefused(
        refused("{\"kind\":\"config\",\"servers\":4294967298}", READ),
        1,
        "servers",
        "out of range",
        "32 bits");
    assertRefused(
        refused("{\"kind\":\"config\",\"blockSize\":4294971392}", READ),
        1,
        "blockSize",
        "out of range",
        "32 bits");
    assertRefused(
        refused("{\"kind\":\"config\",\"queueDepth\":2147483648}", READ),
        1,
        "queueDepth",
        "out of range");
  }

  @Test
  void refusesDataBlocksBeyond32BitsRatherThanWrappingThem() {
    // 4294967297 wraps to 1 in an int: it must not read as one block.
    String fill = W1.replace("{\"fill\":1}", "{\"fill\":1,\"blocks\":4294967297}");
    assertRefused(refused(fill), 1, "data.blocks", "out of range", "32 bits");
    String text = W1.replace("{\"fill\":1}", "{\"text\":\"x\",\"blocks\":4294967297}");
    assertRefused(refused(text), 1, "data.blocks", "out of range", "32 bits");
    assertRefused(
        refused(W1.replace("\"fill\":1", "\"fill\":4294967297")), 1, "data.fill", "out of range");
  }

  @Test
  void refusesNumbersWrittenWithAFractionOrAnExponent() {
    assertRefused(
        refused(READ.replace("\"lba\":0", "\"lba\":1.0")), 1, "lba", "must be an integer", "1.0");
    assertRefused(
        refused(READ.replace("\"lba\":0", "\"lba\":1e0")),
        1,
        "lba",
        "must be an integer",
        "exponent");
    assertRefused(
        refused(READ.replace("\"lba\":0", "\"lba\":1E2")), 1, "lba", "must be an integer");
    assertRefused(
        refused(READ.replace("\"lba\":0", "\"lba\":-0.0")), 1, "lba", "must be an integer");
    assertRefused(
        refused(READ.replace("}", ",\"blocks\":2.0}")), 1, "blocks", "must be an integer");
    assertRefused(
        refused("{\"kind\":\"config\",\"servers\":2.0}", READ), 1, "servers", "must be an integer");
    assertRefused(
        refused(W1.replace("\"fill\":1", "\"fill\":1.0")), 1, "data.fill", "must be an integer");
  }

  @Test
  void refusesNumbersWrittenAsStringsOrOtherValues() {
    assertRefused(
        refused(READ.replace("\"lba\":0", "\"lba\":\"7\"")), 1, "lba", "must be an integer");
    assertRefused(
        refused(READ.replace("}", ",\"blocks\":\"1\"}")), 1, "blocks", "must be an integer");
    assertRefused(
        refused(READ.replace("}", ",\"blocks\":null}")), 1, "blocks", "must be an integer");
    assertRefused(
        refused("{\"kind\":\"config\",\"blocks\":true}", READ), 1, "blocks", "must be an integer");
  }

  @Test
  void refusesAnIntegerTooLongForTheJsonParserNamingItsField() {
    String digits = "9".repeat(5000);
    assertRefused(
        refused(READ.replace("\"lba\":0", "\"lba\":" + digits)), 1, "lba", "out of range");
    assertRefused(
        refused(W1.replace("\"fill\":1", "\"fill\":-" + digits)), 1, "data.fill", "out of range");
  }
}
