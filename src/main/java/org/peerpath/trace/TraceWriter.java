package org.peerpath.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Op;
import org.peerpath.history.Durations;
import org.peerpath.runtime.Schedule;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Writes a {@link Trace} as a trace-v1 file (docs/spec/trace-format.md) that {@link TraceReader}
 * reads back to an equal trace, line numbers aside: how simulate saves a failing run for replay.
 * The output is a function of the trace alone, byte for byte: fields in a fixed order, latency
 * paths sorted, durations in their shortest exact form, data as a fill when it is one. A command
 * that is wrong (a read with data, a write whose block count is not its data's) is written as it
 * is, to run and end BAD_REQUEST again. A trace the format cannot say (no command, a repeated id, a
 * time beyond 1000000s, a crash with a duration, a write without data) is refused with an
 * IllegalArgumentException rather than written as a file the reader would refuse or read
 * differently.
 */
public final class TraceWriter {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TraceWriter() {}

  public static String toText(Trace t) {
    return toText(t, null);
  }

  /**
   * The trace as text, after a {@code #} comment of {@code comment}'s lines when it is not null.
   */
  public static String toText(Trace t, String comment) {
    StringBuilder out = new StringBuilder();
    if (comment != null) {
      for (String line : comment.split("\\R", -1))
        out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    checkCommands(t);
    int blockSize = t.config().blockSize().orElse(SubsystemSettings.traceDefaults().blockSize());
    if (!t.config().equals(Trace.Config.NONE)) out.append(json(config(t.config()))).append('\n');
    if (t.schedule() != null)
      out.append(json(ScheduleLine.write(t.schedule(), JSON.createObjectNode()))).append('\n');
    for (Trace.Input i : t.inputs()) out.append(json(input(i, blockSize))).append('\n');
    for (Trace.Expectation e : t.expectations())
      out.append(json(expectation(e, blockSize))).append('\n');
    return out.toString();
  }

  public static void write(Trace t, Writer out) {
    write(t, null, out);
  }

  public static void write(Trace t, String comment, Writer out) {
    try {
      out.write(toText(t, comment));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Trace t, Path file) {
    write(t, null, file);
  }

  public static void write(Trace t, String comment, Path file) {
    try {
      Files.writeString(file, toText(t, comment), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * At least one command, each id once (docs/spec/trace-format.md): what the reader checks across
   * lines.
   */
  private static void checkCommands(Trace t) {
    if (t.commands().isEmpty()) throw cannot(t.name(), "a trace needs at least one command");
    Set<String> ids = new HashSet<>();
    for (Trace.Command c : t.commands()) {
      if (!ids.add(c.id()))
        throw cannot(c.id(), "two commands have this id; an id is unique in a trace");
      // trace-v1 requires a command's server; one built in code without it would be written as null
      // and refused on reading.
      if (c.server() == null)
        throw cannot(c.id(), "a command in a trace file names its server; this one names none");
    }
  }

  /** The config line of {@code c}, whether or not a trace would write one. */
  static String configLine(Trace.Config c) {
    return json(config(c));
  }

  private static ObjectNode config(Trace.Config c) {
    ObjectNode o = JSON.createObjectNode().put("kind", "config");
    if (c.servers != null) o.put("servers", c.servers);
    if (c.blockSize != null) o.put("blockSize", c.blockSize);
    if (c.blocks != null) o.put("blocks", c.blocks);
    if (c.completion != null) o.put("completion", c.completion.wireName());
    if (c.watchdogNanos != null) o.put("watchdog", duration(c.watchdogNanos));
    if (c.deadlineNanos != null) o.put("deadline", duration(c.deadlineNanos));
    if (c.diskLatencyNanos != null) o.put("diskLatency", duration(c.diskLatencyNanos));
    if (c.queueDepth != null) o.put("queueDepth", c.queueDepth);
    if (c.unreachableAfterNanos != null)
      o.put("unreachableAfter", duration(c.unreachableAfterNanos));
    if (c.latencyDefaultNanos != null || !c.latencyPathNanos.isEmpty()) {
      ObjectNode latency = o.putObject("latency");
      if (c.latencyDefaultNanos != null) latency.put("default", duration(c.latencyDefaultNanos));
      if (!c.latencyPathNanos.isEmpty()) {
        ObjectNode paths = latency.putObject("paths");
        for (Map.Entry<String, Long> p : c.latencyPathNanos.entrySet())
          paths.put(p.getKey(), duration(p.getValue()));
      }
    }
    return o;
  }

  private static ObjectNode input(Trace.Input input, int blockSize) {
    ObjectNode o = JSON.createObjectNode().put("at", duration(input.atNanos()));
    if (input instanceof Trace.Command c) {
      o.put("kind", "command")
          .put("id", c.id())
          .put("host", c.host())
          .put("server", c.server())
          .put("op", c.op().wireName())
          .put("lba", c.lba());
      if (c.op() == Op.READ) {
        o.put("blocks", c.blocks());
        // A read with data is wrong but runs (BAD_REQUEST): written so that it reads back the same.
        if (c.data() != null && !c.data().isEmpty()) o.set("data", data(c.data(), blockSize));
      } else {
        if (c.data() == null) throw cannot(c.id(), "a write needs data");
        // Without blocks the reader takes the data's length over the block size: given only when it
        // is another count.
        if (c.blocks() != c.data().size() / blockSize) o.put("blocks", c.blocks());
        o.set("data", data(c.data(), blockSize));
      }
    } else if (input instanceof Trace.Fail f) {
      o.put("kind", "fail").put("target", f.target()).put("mode", f.mode().wireName());
      if (f.mode() == FaultMode.RESET) o.put("duration", duration(f.durationNanos()));
      else if (f.durationNanos() != 0) throw cannot(f.target(), "only a reset has a duration");
    } else if (input instanceof Trace.Repair r) {
      o.put("kind", "repair").put("target", r.target());
    } else if (input instanceof Trace.Partition p) {
      o.put("kind", "partition").putArray("between").add(p.a()).add(p.b());
    } else if (input instanceof Trace.Heal h) {
      o.put("kind", "heal").putArray("between").add(h.a()).add(h.b());
    }
    return o;
  }

  private static ObjectNode expectation(Trace.Expectation e, int blockSize) {
    ObjectNode o = JSON.createObjectNode().put("kind", "expect").put("id", e.id());
    if (e.status() != null) {
      if (!e.status().reachesHost()) throw cannot(e.id(), e.status() + " is not a host's status");
      o.put("status", e.status().name());
    }
    if (e.data() != null) o.set("data", data(e.data(), blockSize));
    if (e.path() != null) o.put("path", e.path().wireName());
    if (e.servedBy() != null) o.put("servedBy", e.servedBy());
    if (e.order() != null) o.put("order", e.order().wireName());
    return o;
  }

  /** A fill when every byte is the same and the length is whole blocks; base64 otherwise. */
  private static ObjectNode data(ByteString data, int blockSize) {
    ObjectNode o = JSON.createObjectNode();
    byte[] bytes = data.toArray();
    boolean fill = bytes.length > 0 && bytes.length % blockSize == 0;
    for (int i = 1; fill && i < bytes.length; i++) fill = bytes[i] == bytes[0];
    if (fill) return o.put("fill", bytes[0] & 0xff).put("blocks", bytes.length / blockSize);
    return o.put("base64", Base64.getEncoder().encodeToString(bytes));
  }

  private static String duration(long nanos) {
    if (nanos < 0)
      throw new IllegalArgumentException(
          "a trace has no negative times or durations: " + nanos + "ns");
    if (nanos > Durations.MAX_NANOS) {
      throw new IllegalArgumentException(
          "a trace has no time or duration above 1000000s: " + nanos + "ns");
    }
    return Durations.format(nanos);
  }

  private static IllegalArgumentException cannot(String what, String why) {
    return new IllegalArgumentException("trace-v1 cannot say this of " + what + ": " + why);
  }

  private static String json(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always writes", e);
    }
  }

  /**
   * A schedule as its schedule line holds it, without the kind: {@code strategy}, then {@code
   * seed}, {@code depth} and {@code steps}, or {@code choices}, as the strategy takes them.
   */
  public static ObjectNode scheduleFields(Schedule s) {
    return ScheduleLine.fields(s, JSON.createObjectNode());
  }
}
