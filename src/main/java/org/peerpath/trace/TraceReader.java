package org.peerpath.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.peerpath.command.Elements;
import org.peerpath.runtime.Schedule;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Reads a trace-v1 file (docs/spec/trace-format.md) into a {@link Trace}. The whole file is checked
 * before anything runs: the first line that is not trace-v1 throws a {@link TraceFormatException}
 * naming the line and the field. A line that is well-formed is taken as given even when the command
 * it describes is wrong (a negative LBA, zero blocks, ragged data): the run answers that
 * BAD_REQUEST, as it would any client. Fields left out take the defaults of {@link
 * SubsystemSettings#traceDefaults()}, the base the run applies the trace's config to.
 */
public final class TraceReader {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final String BOM = "\uFEFF";
  private static final List<String> KINDS =
      List.of("config", "schedule", "command", "fail", "repair", "partition", "heal", "expect");

  private final String name;
  private final SubsystemSettings defaults = SubsystemSettings.traceDefaults();
  private TraceLine configLine;
  private Trace.Config config = Trace.Config.NONE;
  private int firstLine;
  private int scheduleLine;

  /** The first line that is neither the config nor the schedule (0: none yet). */
  private int firstInput;

  private Schedule schedule;
  private final InputLines inputs;
  private final List<Trace.Expectation> expectations = new ArrayList<>();

  private TraceReader(String name) {
    this.name = name;
    this.inputs = new InputLines();
  }

  public static Trace read(Path file) {
    try {
      return read(
          java.util.Objects.toString(file.getFileName(), file.toString()),
          Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the classpath resource {@code classpathResource} ({@code
   * "peerpath/examples/peer-path.jsonl"}); its name is the last part.
   */
  public static Trace readResource(String classpathResource) {
    String resource =
        classpathResource.startsWith("/") ? classpathResource.substring(1) : classpathResource;
    InputStream stream = TraceReader.class.getClassLoader().getResourceAsStream(resource);
    if (stream == null)
      throw new IllegalArgumentException("no trace on the classpath at " + classpathResource);
    try (stream) {
      return read(resource.substring(resource.lastIndexOf('/') + 1), stream.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read trace " + classpathResource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a trace from {@code reader}, which the caller closes; {@code name} is the trace's name
   * and names it in errors.
   */
  public static Trace read(String name, Reader reader) {
    StringWriter text = new StringWriter();
    try {
      reader.transferTo(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + name + ": " + e.getMessage(), e);
    }
    return new TraceReader(name).readAll(text.toString());
  }

  /** Decodes {@code bytes} as UTF-8, naming the line of the first byte that is not. */
  private static Trace read(String name, byte[] bytes) {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = utf8.decode(in, out, true);
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
      throw new TraceFormatException(
          name, line, null, "is not UTF-8 (byte " + (in.position() + 1) + " of the file)");
    }
    utf8.flush(out);
    return new TraceReader(name).readAll(out.flip().toString());
  }

  /**
   * Lines end in LF or CRLF; a lone CR is not a line end, so it stays in its line
   * (docs/spec/trace-format.md). A byte-order mark is skipped at the very start of the file only.
   */
  private Trace readAll(String text) {
    String[] lines = (text.startsWith(BOM) ? text.substring(1) : text).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (!ignored(line)) readLine(TraceLine.of(name, i + 1, parse(i + 1, line)));
    }
    if (inputs.commands() == 0) {
      int last = Math.max(1, text.endsWith("\n") ? lines.length - 1 : lines.length);
      throw new TraceFormatException(
          name,
          last,
          "kind",
          "the trace has no command line: a trace without one would pass"
              + " without testing anything");
    }
    Trace trace = new Trace(name, config, inputs.all(), expectations, schedule);
    checkReferences(trace);
    return trace;
  }

  /**
   * Whether a line is blank or a comment: blank is JSON's whitespace (space, tab, CR), so what the
   * reader skips is what a JSON parser would find nothing in.
   */
  private static boolean ignored(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r') return c == '#';
    }
    return true;
  }

  private ObjectNode parse(int number, String text) {
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (StreamConstraintsException e) {
      String why = String.valueOf(e.getOriginalMessage());
      StreamReadConstraints limits = JSON.getFactory().streamReadConstraints();
      if (why.startsWith("Number value length")) {
        throw new TraceFormatException(
            name,
            number,
            fieldAt(text),
            "is out of range: a number of over "
                + limits.getMaxNumberLength()
                + " digits, more than any field holds");
      }
      if (why.startsWith("String value length")) {
        throw new TraceFormatException(
            name,
            number,
            fieldAt(text),
            "is a string of over "
                + limits.getMaxStringLength()
                + " characters, more than a trace's JSON parser takes");
      }
      throw new TraceFormatException(
          name, number, null, "is not JSON that a trace can hold: " + why);
    } catch (JsonProcessingException e) {
      String why = String.valueOf(e.getOriginalMessage());
      if (why.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser p) {
        throw new TraceFormatException(
            name, number, fieldPath(p.getParsingContext().pathAsPointer()), "is given twice");
      }
      if (why.startsWith("Trailing token"))
        why = "more follows the line's object; one object per line";
      String where =
          e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
      throw new TraceFormatException(name, number, null, "is not JSON" + where + ": " + why);
    }
    if (!(json instanceof ObjectNode o)) {
      throw new TraceFormatException(
          name, number, null, "must be one JSON object, not " + json.getNodeType());
    }
    return o;
  }

  /**
   * The field a parser was reading when {@code text} broke one of its length limits (that exception
   * does not say).
   */
  private static String fieldAt(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      try {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.VALUE_STRING)
            p.getText(); // a string's length is checked only when it is read
        }
      } catch (IOException e) {
        return fieldPath(p.getParsingContext().pathAsPointer());
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** {@code /data/fill} as the field name {@code data.fill}; null for the line as a whole. */
  private static String fieldPath(JsonPointer pointer) {
    List<String> names = new ArrayList<>();
    for (JsonPointer p = pointer; !p.matches(); p = p.tail()) names.add(p.getMatchingProperty());
    return names.isEmpty() ? null : String.join(".", names);
  }

  private void readLine(TraceLine line) {
    String kind = line.string("kind");
    if (!KINDS.contains(kind)) {
      throw line.error(
          "kind",
          "unknown kind \""
              + kind
              + "\": a line is config, schedule, command, fail, repair, partition, heal or"
              + " expect");
    }
    if (kind.equals("config")) {
      if (configLine != null)
        throw line.error(
            "kind",
            "a second config line: a trace has at most one, here on line " + configLine.number());
      if (firstLine != 0)
        throw line.error("kind", "the config line must come first, before line " + firstLine);
      configLine = line;
      config = ConfigLine.read(line, defaults);
    } else if (kind.equals("schedule")) {
      if (scheduleLine != 0)
        throw line.error(
            "kind",
            "a second schedule line: a trace has at most one, here on line " + scheduleLine);
      if (firstInput != 0)
        throw line.error(
            "kind",
            "the schedule line comes before the inputs and expectations (after the config line,"
                + " if any), before line "
                + firstInput);
      scheduleLine = line.number();
      schedule = ScheduleLine.read(line);
    } else if (kind.equals("expect")) {
      expectations.add(InputLines.expectation(line, servers(), blockSize()));
    } else {
      inputs.read(line, kind, servers(), blockSize());
    }
    if (firstInput == 0 && !kind.equals("config") && !kind.equals("schedule"))
      firstInput = line.number();
    if (firstLine == 0) firstLine = line.number();
  }

  /**
   * What only the whole file shows: every expectation names a command; the config's hosts exist.
   */
  private void checkReferences(Trace trace) {
    for (Trace.Expectation e : expectations) {
      if (!inputs.hasCommand(e.id())) {
        throw new TraceFormatException(
            name, e.line(), "id", "names no command: no command line has id \"" + e.id() + "\"");
      }
    }
    if (configLine == null) return;
    int hosts = trace.hosts();
    for (String path : config.latencyPaths().keySet()) {
      for (String end : path.split("->", 2)) {
        if (end.startsWith(Elements.HOST_PREFIX)
            && TraceLine.index(end, Elements.HOST_PREFIX) > hosts) {
          throw configLine.error(
              "latency.paths",
              "\""
                  + path
                  + "\" names "
                  + end
                  + ", but the trace's hosts are host-1..host-"
                  + hosts
                  + " (the highest a command, a partition or a heal names)");
        }
      }
    }
    ConfigLine.check(configLine, config, defaults, hosts);
  }

  private int servers() {
    return config.servers().orElse(defaults.servers());
  }

  private int blockSize() {
    return config.blockSize().orElse(defaults.blockSize());
  }
}
