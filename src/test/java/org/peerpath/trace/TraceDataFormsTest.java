package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.peerpath.trace.TraceReaderRefusalTest.W1;
import static org.peerpath.trace.TraceReaderRefusalTest.assertRefused;
import static org.peerpath.trace.TraceReaderRefusalTest.refused;
import static org.peerpath.trace.TraceReaderTest.read;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.peerpath.testing.Bytes;

/**
 * The three data forms (docs/spec/trace-format.md): {@code {"fill":N,"blocks":k}} with N 0..255 and
 * k 1 by default; {@code {"text":"...","blocks":k}} in UTF-8, zero-padded, k by default the fewest
 * whole blocks that hold the text; {@code {"base64":"..."}} taken as it is. Data no command could
 * carry is refused before it is allocated; data that is only wrong for its command (a negative
 * count, text longer than its blocks) is read as it is, for the run to answer BAD_REQUEST.
 */
class TraceDataFormsTest {
  static final String SMALL_BLOCKS = "{\"kind\":\"config\",\"blockSize\":512}";

  @Test
  void fillsEveryByteOfEachBlockWithTheGivenValue() {
    assertArrayEquals(
        Bytes.fillArray(255, 3 * 512), data(SMALL_BLOCKS, "{\"fill\":255,\"blocks\":3}"));
    assertArrayEquals(new byte[512], data(SMALL_BLOCKS, "{\"fill\":0}"));
    assertRefused(refused(SMALL_BLOCKS, write("{\"fill\":-1}")), 2, "data.fill", "0..255", "-1");
  }

  @Test
  void givesTextTheFewestWholeBlocksThatHoldItsUtf8Bytes() {
    String e256 = "é".repeat(256);
    assertEquals(
        512,
        data(SMALL_BLOCKS, "{\"text\":\"" + e256 + "\"}").length,
        "256 é are 512 bytes: one block");
    byte[] twoBlocks = data(SMALL_BLOCKS, "{\"text\":\"" + e256 + "x\"}");
    assertArrayEquals(
        Arrays.copyOf((e256 + "x").getBytes(StandardCharsets.UTF_8), 1024), twoBlocks);
  }

  @Test
  void givesEmptyTextNoBlocksTheFewestThatHoldIt() {
    Trace t =
        read(
            W1.replace("{\"fill\":1}", "{\"text\":\"\"}"),
            "{\"kind\":\"expect\",\"id\":\"w1\",\"data\":{\"text\":\"\"}}");
    assertArrayEquals(new byte[0], t.commands().get(0).data().toArray());
    assertEquals(0, t.commands().get(0).blocks());
    assertArrayEquals(new byte[0], t.expectations().get(0).data().toArray());
    assertArrayEquals(new byte[1024], data(SMALL_BLOCKS, "{\"text\":\"\",\"blocks\":2}"));
  }

  @Test
  void refusesTextThatIsNoUnicodeRatherThanWritingAQuestionMark() {
    var e = refused(W1.replace("{\"fill\":1}", "{\"text\":\"a\\ud800b\"}"));
    assertRefused(e, 1, "data.text", "lone surrogate");
    assertArrayEquals(
        Arrays.copyOf("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), 512),
        data(SMALL_BLOCKS, "{\"text\":\"\\ud83d\\ude00\"}"),
        "a surrogate pair is one character, four bytes");
  }

  @Test
  void takesBase64AsItIsWhateverItsLength() {
    assertArrayEquals(new byte[] {1, 2, 3}, data(SMALL_BLOCKS, "{\"base64\":\"AQID\"}"));
    assertArrayEquals(new byte[0], data(SMALL_BLOCKS, "{\"base64\":\"\"}"));
    assertEquals(
        513,
        data(
                SMALL_BLOCKS,
                "{\"base64\":\""
                    + java.util.Base64.getEncoder().encodeToString(new byte[513])
                    + "\"}")
            .length);
  }

  @Test
  void refusesDataNoCommandCanCarryWithoutAllocatingIt() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertRefused(
              refused(write("{\"fill\":1,\"blocks\":2147483647}")), 1, "data.blocks", "64 MiB");
          assertRefused(
              refused(write("{\"fill\":1,\"blocks\":16385}")), 1, "data.blocks", "64 MiB");
          assertRefused(
              refused(write("{\"text\":\"x\",\"blocks\":2147483647}")), 1, "data.blocks", "64 MiB");
          String big = "{\"kind\":\"config\",\"blockSize\":65536}";
          assertRefused(
              refused(big, write("{\"fill\":1,\"blocks\":32769}")), 2, "data.blocks", "64 MiB");
          assertRefused(
              refused(write("{\"text\":\"x\",\"blocks\":16385}")), 1, "data.blocks", "64 MiB");
        });
  }

  @Test
  void readsANegativeBlockCountAsNoDataWithoutAllocating() {
    // trace-v1: a well-formed data form runs; a write of no data ends BAD_REQUEST ("a write needs
    // data").
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          String big = "{\"kind\":\"config\",\"blockSize\":65536}";
          Trace.Command c =
              read(big, write("{\"fill\":1,\"blocks\":-2147483648}")).commands().get(0);
          assertArrayEquals(new byte[0], c.data().toArray());
          assertEquals(-2147483648, c.blocks());
          c = read(write("{\"fill\":7,\"blocks\":-1}")).commands().get(0);
          assertArrayEquals(new byte[0], c.data().toArray());
          assertEquals(-1, c.blocks());
        });
  }

  @Test
  void keepsTextLongerThanItsBlocksWholeAndUnpaddedWithTheBlocksItNames() {
    String x513 = "x".repeat(513);
    Trace.Command c =
        read(SMALL_BLOCKS, write("{\"text\":\"" + x513 + "\",\"blocks\":1}")).commands().get(0);
    assertArrayEquals(
        x513.getBytes(StandardCharsets.UTF_8), c.data().toArray(), "not a whole number of blocks");
    assertEquals(1, c.blocks());
    String x1024 = "x".repeat(1024);
    c = read(SMALL_BLOCKS, write("{\"text\":\"" + x1024 + "\",\"blocks\":1}")).commands().get(0);
    assertEquals(1024, c.data().size(), "two whole blocks");
    assertEquals(
        1, c.blocks(), "the block count the text names, which its two blocks disagree with");
    c = read(SMALL_BLOCKS, write("{\"text\":\"ab\",\"blocks\":-1}")).commands().get(0);
    assertArrayEquals(new byte[] {'a', 'b'}, c.data().toArray());
    assertEquals(-1, c.blocks());
  }

  @Test
  void refusesAStringTooLongForTheJsonParserNamingItsField() {
    var e = refused(write("{\"base64\":\"" + "A".repeat(20_000_004) + "\"}"));
    assertRefused(e, 1, "data.base64", "a string of over 20000000 characters");
  }

  private static String write(String data) {
    return W1.replace("{\"fill\":1}", data);
  }

  private static byte[] data(String config, String data) {
    return read(config, write(data)).commands().get(0).data().toArray();
  }
}
