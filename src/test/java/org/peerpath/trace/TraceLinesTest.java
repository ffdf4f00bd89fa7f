package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.peerpath.trace.TraceReaderRefusalTest.W1;
import static org.peerpath.trace.TraceReaderRefusalTest.assertRefused;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a trace file splits into lines (docs/spec/trace-format.md): lines end in LF or CRLF, a lone
 * CR is not a line end, a byte-order mark is ignored at the very start and nowhere else, blank
 * lines and lines whose first non-blank character is # are skipped, and a trace has at least one
 * command.
 */
class TraceLinesTest {
  static final String W2 = W1.replace("\"w1\"", "\"w2\"");
  static final String REPAIR = "{\"kind\":\"repair\",\"target\":\"adapter-1\"}";

  @TempDir Path dir;

  @Test
  void refusesATraceWithoutACommandLine() {
    assertRefused(refusedText(""), 1, "kind", "no command line");
    assertRefused(refusedText("# only a comment\n\n# and another\n"), 3, "kind", "no command line");
    assertRefused(
        refusedText("{\"kind\":\"config\",\"servers\":2}\n"), 1, "kind", "no command line");
    assertRefused(
        refusedText("{\"kind\":\"config\",\"servers\":2}\n" + REPAIR),
        2,
        "kind",
        "no command line");
  }

  @Test
  void endsLinesAtLfAndAtCrlfAlike() throws Exception {
    List<Integer> lines = List.of(1, 3);
    assertEquals(lines, lineNumbers(read(W1 + "\n# a comment\n" + W2 + "\n")));
    assertEquals(lines, lineNumbers(read(W1 + "\r\n# a comment\r\n" + W2 + "\r\n")));
    assertEquals(lines, lineNumbers(read(W1 + "\r\n# a comment\n" + W2)));
  }

  @Test
  void aLoneCrIsNoLineEndSoTwoObjectsAroundOneAreOneBadLine() {
    assertRefused(refusedText(W1 + "\r" + W2 + "\n"), 1, null, "one object per line");
    assertRefused(refusedText(W1 + "\n" + "a\rb\n"), 2, null, "is not JSON");
  }

  @Test
  void aLoneCrNeitherEndsACommentNorStartsALine() throws Exception {
    assertEquals(List.of(2), lineNumbers(read("# a comment\r" + W2 + "\n" + W1)));
    assertEquals(List.of(1), lineNumbers(read(W1 + "\n  \r\t\n")));
  }

  @Test
  void ignoresAByteOrderMarkAtTheVeryStartOfAFile() throws Exception {
    Path file = dir.resolve("bom.jsonl");
    Files.write(file, bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, W1 + "\n"));
    assertEquals(List.of(1), lineNumbers(TraceReader.read(file)));
    assertEquals(List.of(2), lineNumbers(read("\uFEFF# a comment after the mark\n" + W1)));
  }

  @Test
  void refusesAByteOrderMarkAnywhereElse() {
    assertRefused(refusedText(W1 + "\n\uFEFF" + W2), 2, null, "is not JSON");
    assertRefused(refusedText("\uFEFF\uFEFF" + W1), 1, null, "is not JSON");
    assertRefused(refusedText(" \uFEFF" + W1), 1, null, "is not JSON");
  }

  @Test
  void skipsBlankLinesAndCommentsIndentedWithSpacesOrTabs() throws Exception {
    assertEquals(
        List.of(4),
        lineNumbers(read("", "   ", "\t# indented with a tab", "  " + W1 + "  ", " \t ")));
  }

  @Test
  void takesBlankToMeanJsonWhitespaceSoOtherSpacesAreNoComment() {
    assertRefused(
        refusedText(W1 + "\n\u3000# an ideographic space is not JSON whitespace"),
        2,
        null,
        "is not JSON");
    assertRefused(refusedText(W1 + "\n\f"), 2, null, "is not JSON");
  }

  @Test
  void aHashInsideALineIsNoComment() {
    assertRefused(refusedText(W1 + " # trailing words"), 1, null, "is not JSON");
  }

  @Test
  void refusesInvalidUtf8NamingItsLineByLfAlone() throws Exception {
    Path file = dir.resolve("bad-utf8.jsonl");
    byte[] overlong = {(byte) 0xC0, (byte) 0xAF};
    Files.write(
        file,
        bytes(
            (W1 + "\r\n# a\rb\n# ").getBytes(StandardCharsets.UTF_8),
            new String(overlong, StandardCharsets.ISO_8859_1)));
    var e = assertThrows(TraceFormatException.class, () -> TraceReader.read(file));
    assertRefused(e, 3, null, "not UTF-8");
    Path surrogate = dir.resolve("surrogate.jsonl");
    Files.write(
        surrogate, bytes((W1 + "\n# ").getBytes(StandardCharsets.UTF_8), "\u00ED\u00A0\u0080"));
    assertRefused(
        assertThrows(TraceFormatException.class, () -> TraceReader.read(surrogate)),
        2,
        null,
        "not UTF-8");
  }

  static Trace read(String... lines) {
    return TraceReader.read("lines.jsonl", new StringReader(String.join("\n", lines)));
  }

  static TraceFormatException refusedText(String text) {
    return assertThrows(
        TraceFormatException.class, () -> TraceReader.read("bad.jsonl", new StringReader(text)));
  }

  private static List<Integer> lineNumbers(Trace t) {
    return t.inputs().stream().map(Trace.Input::line).toList();
  }

  /** {@code head} then {@code tail}'s chars as bytes 0..255, for bytes that are no UTF-8. */
  private static byte[] bytes(byte[] head, String tail) {
    byte[] out = new byte[head.length + tail.length()];
    System.arraycopy(head, 0, out, 0, head.length);
    for (int i = 0; i < tail.length(); i++) out[head.length + i] = (byte) tail.charAt(i);
    return out;
  }
}
