package org.peerpath.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peerpath.command.Elements;
import org.peerpath.history.Durations;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * One JSON object of a trace (a line, or an object nested in one such as {@code data}), read field
 * by field with the types docs/spec/trace-format.md gives them. Every accessor either returns a
 * value of the right type or throws a {@link TraceFormatException} naming the line and the field,
 * so that the readers of each kind of line say only what the line means.
 */
final class TraceLine {
  private final String file;
  private final int number;
  private final ObjectNode json;
  private final String path;

  private TraceLine(String file, int number, ObjectNode json, String path) {
    this.file = file;
    this.number = number;
    this.json = json;
    this.path = path;
  }

  static TraceLine of(String file, int number, ObjectNode json) {
    return new TraceLine(file, number, json, null);
  }

  int number() {
    return number;
  }

  /**
   * An error on {@code field} of this object, or on this object itself when {@code field} is null.
   */
  TraceFormatException error(String field, String reason) {
    String named = field == null ? path : path == null ? field : path + "." + field;
    return new TraceFormatException(file, number, named, reason);
  }

  boolean has(String field) {
    return json.has(field);
  }

  /** Refuses the first field, in the line's order, that is not one of {@code known}. */
  void allowOnly(String what, List<String> known) {
    for (Map.Entry<String, JsonNode> f : json.properties()) {
      String name = f.getKey();
      if (!known.contains(name)) {
        throw error(name, "unknown field; " + what + " has only " + String.join(", ", known));
      }
    }
  }

  /**
   * The object held by {@code field}, read as a line of its own whose fields are named {@code
   * field.x}.
   */
  TraceLine object(String field, String shape) {
    JsonNode v = json.get(field);
    if (!(v instanceof ObjectNode o)) throw error(field, "must be an object: " + shape);
    return new TraceLine(file, number, o, path == null ? field : path + "." + field);
  }

  /** The fields of this object in the line's order. */
  Set<Map.Entry<String, JsonNode>> fields() {
    return json.properties();
  }

  String string(String field) {
    JsonNode v = json.get(field);
    if (v == null) throw error(field, "is missing");
    if (!v.isTextual()) throw error(field, "must be a string, not " + v);
    return v.asText();
  }

  /** An array of exactly two strings, as {@code shape} shows. */
  String[] twoStrings(String field, String shape) {
    JsonNode v = json.get(field);
    if (v == null) throw error(field, "is missing: write " + shape);
    if (!v.isArray() || v.size() != 2 || !v.get(0).isTextual() || !v.get(1).isTextual())
      throw error(field, "must be two names: " + shape + ", not " + v);
    return new String[] {v.get(0).asText(), v.get(1).asText()};
  }

  String string(String field, String absent) {
    return has(field) ? string(field) : absent;
  }

  /**
   * A string that must be one of {@code allowed}; null when absent and {@code required} is false.
   */
  String choice(String field, boolean required, List<String> allowed) {
    if (!required && !has(field)) return null;
    String v = string(field);
    if (!allowed.contains(v))
      throw error(field, "must be " + String.join(" or ", allowed) + ", not \"" + v + "\"");
    return v;
  }

  /**
   * A JSON integer that fits in 64 bits (docs/spec/trace-format.md: {@code lba} and the config's
   * {@code blocks}).
   */
  long integer(String field) {
    JsonNode v = json.get(field);
    if (v == null) throw error(field, "is missing");
    if (!v.isIntegralNumber())
      throw error(field, "must be an integer, written without a fraction or an exponent, not " + v);
    if (!v.canConvertToLong()) {
      throw error(
          field,
          "is out of range: it must fit in 64 bits, "
              + Long.MIN_VALUE
              + ".."
              + Long.MAX_VALUE
              + ", not "
              + v);
    }
    return v.longValue();
  }

  /** An integer that must be {@code min..max}. */
  int integer(String field, int absent, int min, int max) {
    int v = count(field, absent);
    if (v < min || v > max) throw error(field, "must be " + min + ".." + max + ", not " + v);
    return v;
  }

  /**
   * A JSON integer that fits in 32 bits, as every count but {@code lba} and the disk's size does
   * (docs/spec/trace-format.md).
   */
  int count(String field) {
    long v = integer(field);
    if (v != (int) v) {
      throw error(
          field,
          "is out of range: it must fit in 32 bits, "
              + Integer.MIN_VALUE
              + ".."
              + Integer.MAX_VALUE
              + ", not "
              + v);
    }
    return (int) v;
  }

  int count(String field, int absent) {
    return has(field) ? count(field) : absent;
  }

  /** An array of 32-bit integers, each 0 or more (a schedule's choices); it may be empty. */
  int[] indexes(String field) {
    JsonNode v = json.get(field);
    if (v == null) throw error(field, "is missing: write a list such as [0, 2, 1]");
    if (!v.isArray()) throw error(field, "must be a list of indexes such as [0, 2, 1], not " + v);
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = v.get(i);
      if (!ScheduleLine.isIndex(e))
        throw error(
            field,
            "holds "
                + e
                + " at position "
                + i
                + ": each choice is an index, a whole number 0.."
                + Integer.MAX_VALUE);
      out[i] = e.intValue();
    }
    return out;
  }

  /** A 32-bit count, or null when absent. */
  Integer optionalInt(String field) {
    return has(field) ? count(field) : null;
  }

  /**
   * A duration with a unit of trace-v1 ({@code ns}, {@code us} or {@code µs}, {@code ms}, {@code
   * s}), at most 1000000s, in nanoseconds.
   */
  long duration(String field) {
    JsonNode v = json.get(field);
    if (v == null) throw error(field, "is missing");
    if (!v.isTextual())
      throw error(field, "must be a duration with a unit, such as \"5ms\", not " + v);
    String text = v.asText();
    long nanos;
    try {
      nanos = Durations.parseNanos(text);
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
    return nanos;
  }

  long duration(String field, long absent) {
    return has(field) ? duration(field) : absent;
  }

  /** A duration, or null when absent. */
  Long optionalDuration(String field) {
    return has(field) ? duration(field) : null;
  }

  /** A host name, host-1..host-16. */
  String host(String field, String absent) {
    String v = string(field, absent);
    if (index(v, Elements.HOST_PREFIX) > SubsystemSettings.MAX_HOSTS) {
      throw error(
          field, "\"" + v + "\" is not a host: write host-1..host-" + SubsystemSettings.MAX_HOSTS);
    }
    return v;
  }

  /** An element {@code kind-i} with 1 <= i <= servers: a server or an adapter of this trace. */
  String element(String field, String kind, int servers) {
    String v = string(field);
    if (index(v, kind + "-") > servers) {
      throw error(
          field,
          "\""
              + v
              + "\" is not "
              + article(kind)
              + " of this trace: it has "
              + kind
              + "-1.."
              + kind
              + "-"
              + servers);
    }
    return v;
  }

  /** The index of {@code prefix}N, or MAX_VALUE when {@code name} is not of that form. */
  static int index(String name, String prefix) {
    int i = Elements.index(name, prefix);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static String article(String kind) {
    return (kind.startsWith("a") ? "an " : "a ") + kind;
  }
}
