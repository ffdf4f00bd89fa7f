package org.peerpath.trace;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * The three ways a trace gives data (docs/spec/trace-format.md): {@code {"fill":N,"blocks":k}},
 * {@code {"text":"...","blocks":k}} and {@code {"base64":"..."}}, resolved to bytes for a given
 * block size. Data that is wrong for a command is read as it is, and the model answers it
 * BAD_REQUEST, as it would any client: empty data, data that is not a whole number of blocks, a
 * negative {@code blocks} (no data at all), text longer than its {@code blocks} (its bytes
 * unpadded, and the block count it names kept, so that the two disagree). Only data that cannot be
 * bytes at all is refused, and so is data beyond 64 MiB, which no subsystem setting lets a command
 * carry and which is refused rather than allocated.
 */
final class DataForm {
  private static final List<String> FIELDS = List.of("fill", "text", "base64", "blocks");
  private static final String SHAPE =
      "{\"fill\":N,\"blocks\":k}, {\"text\":\"...\",\"blocks\":k} or {\"base64\":\"...\"}";

  private DataForm() {}

  /**
   * The bytes of a data form, and the number of blocks it names: a fill's or a text's {@code
   * blocks} (or its default) even when the bytes do not make that many, base64's length over the
   * block size. A write that gives no {@code blocks} of its own has this block count.
   */
  record Bytes(ByteString bytes, int blocks) {}

  /** The bytes of {@code line}'s {@code field}, which must hold one data form. */
  static ByteString read(TraceLine line, String field, int blockSize) {
    return form(line, field, blockSize).bytes();
  }

  /** {@code line}'s {@code field}, which must hold one data form, with the block count it names. */
  static Bytes form(TraceLine line, String field, int blockSize) {
    TraceLine data = line.object(field, SHAPE);
    data.allowOnly("data", FIELDS);
    int forms =
        (data.has("fill") ? 1 : 0) + (data.has("text") ? 1 : 0) + (data.has("base64") ? 1 : 0);
    if (forms != 1)
      throw data.error(null, "must have exactly one of fill, text and base64: " + SHAPE);
    if (data.has("fill")) return fill(data, blockSize);
    if (data.has("text")) return text(data, blockSize);
    ByteString bytes = base64(data);
    return new Bytes(bytes, bytes.size() / blockSize);
  }

  private static Bytes fill(TraceLine data, int blockSize) {
    int value = data.integer("fill", 0, 0, 255);
    int blocks = data.count("blocks", 1);
    byte[] bytes = new byte[size(data, "blocks", blocks, blockSize)];
    Arrays.fill(bytes, (byte) value);
    return new Bytes(ByteString.fromArrayUnsafe(bytes), blocks);
  }

  private static Bytes text(TraceLine data, int blockSize) {
    byte[] text = utf8(data);
    if (text.length > SubsystemSettings.MAX_BYTES_PER_COMMAND) {
      throw data.error(
          "text",
          "is " + text.length + " bytes in UTF-8, more than the 64 MiB any command can carry");
    }
    // The fewest whole blocks that hold the text: none for an empty one, a write the run refuses.
    int fewest = (int) ((text.length + (long) blockSize - 1) / blockSize);
    int blocks = data.count("blocks", fewest);
    int size = size(data, data.has("blocks") ? "blocks" : "text", blocks, blockSize);
    // Text longer than its blocks is kept whole and unpadded: its length then disagrees with the
    // block count, or is not whole blocks, and the run answers the write BAD_REQUEST.
    return new Bytes(
        ByteString.fromArrayUnsafe(text.length >= size ? text : Arrays.copyOf(text, size)), blocks);
  }

  /**
   * The text in UTF-8; a lone surrogate (a JSON string can escape one) has none, and is refused
   * rather than made a "?".
   */
  private static byte[] utf8(TraceLine data) {
    String text = data.string("text");
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      return Arrays.copyOf(bytes.array(), bytes.limit());
    } catch (CharacterCodingException e) {
      throw data.error(
          "text", "is not Unicode text: it has a lone surrogate, which UTF-8 cannot encode");
    }
  }

  private static ByteString base64(TraceLine data) {
    if (data.has("blocks"))
      throw data.error("blocks", "base64 data is taken as it is: its length gives its blocks");
    String text = data.string("base64");
    try {
      return ByteString.fromArrayUnsafe(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw data.error("base64", "is not valid base64: " + e.getMessage());
    }
  }

  /**
   * {@code blocks} blocks in bytes, none for a negative count (a write of no data, which the run
   * answers BAD_REQUEST); refused beyond what any command can carry rather than allocated.
   */
  private static int size(TraceLine data, String field, int blocks, int blockSize) {
    if (blocks < 0) return 0;
    if (blocks > SubsystemSettings.MAX_BYTES_PER_COMMAND / blockSize) {
      throw data.error(
          field,
          blocks
              + " blocks of "
              + blockSize
              + " bytes are more than the 64 MiB any command can carry");
    }
    return Math.toIntExact((long) blocks * blockSize);
  }
}
