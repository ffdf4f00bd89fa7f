package org.peerpath.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerpath.command.Elements;
import org.peerpath.server.Completion;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Reads a trace's {@code config} line (docs/spec/trace-format.md) into a {@link Trace.Config} and
 * checks its values the way the run will use them: applied to the project's defaults by {@link
 * Trace.Config#applyTo}, whose refusal becomes an error on this line naming the field.
 */
final class ConfigLine {
  private static final List<String> FIELDS =
      List.of(
          "kind",
          "servers",
          "blockSize",
          "blocks",
          "completion",
          "watchdog",
          "deadline",
          "diskLatency",
          "latency",
          "queueDepth",
          "unreachableAfter");
  private static final Pattern PATH = Pattern.compile("(\\S+?)->(\\S+)");
  private static final Pattern SETTING =
      Pattern.compile("peerpath\\.subsystem\\.(\\S+) (.*)", Pattern.DOTALL);

  /**
   * SubsystemSettings' keys as a config line names them; max-transfer-blocks can only break through
   * blockSize.
   */
  private static final Map<String, String> FIELD_OF_KEY =
      Map.ofEntries(
          Map.entry("servers", "servers"),
          Map.entry("block-size", "blockSize"),
          Map.entry("max-transfer-blocks", "blockSize"),
          Map.entry("blocks", "blocks"),
          Map.entry("watchdog", "watchdog"),
          Map.entry("deadline", "deadline"),
          Map.entry("disk-latency", "diskLatency"),
          Map.entry("latency.paths", "latency.paths"),
          Map.entry("queue-depth", "queueDepth"),
          Map.entry("unreachable-after", "unreachableAfter"));

  private ConfigLine() {}

  static Trace.Config read(TraceLine line, SubsystemSettings defaults) {
    line.allowOnly("a config line", FIELDS);
    ConfigBuilder builder = Trace.Config.builder();
    builder.servers = line.optionalInt("servers");
    builder.blockSize = line.optionalInt("blockSize");
    builder.blocks = line.has("blocks") ? line.integer("blocks") : null;
    String completion = line.choice("completion", false, List.of("both", "csw-only"));
    builder.completion = completion == null ? null : Completion.parse(completion);
    builder.watchdogNanos = line.optionalDuration("watchdog");
    builder.deadlineNanos = line.optionalDuration("deadline");
    builder.diskLatencyNanos = line.optionalDuration("diskLatency");
    builder.queueDepth = line.optionalInt("queueDepth");
    builder.unreachableAfterNanos = line.optionalDuration("unreachableAfter");
    int serverCount =
        check(line, builder.buildAsGiven(), defaults, SubsystemSettings.MAX_HOSTS).servers();
    if (!line.has("latency")) return builder.buildAsGiven();
    TraceLine latency =
        line.object("latency", "{\"default\":\"0ms\",\"paths\":{\"adapter-2->memory-1\":\"3ms\"}}");
    latency.allowOnly("latency", List.of("default", "paths"));
    if (latency.has("paths")) {
      builder.latencyPathNanos.putAll(
          paths(latency.object("paths", "{\"adapter-2->memory-1\":\"3ms\"}"), serverCount));
    }
    builder.latencyDefaultNanos = latency.optionalDuration("default");
    check(line, builder.buildAsGiven(), defaults, SubsystemSettings.MAX_HOSTS);
    return builder.buildAsGiven();
  }

  /**
   * Applies {@code config} to {@code defaults} for {@code hosts} hosts, refusing it on {@code line}
   * if the run would.
   */
  static SubsystemSettings check(
      TraceLine line, Trace.Config config, SubsystemSettings defaults, int hosts) {
    try {
      return config.applyTo(defaults, hosts);
    } catch (IllegalArgumentException e) {
      throw line.error(field(e), why(e));
    }
  }

  /**
   * Refuses a config built in code if a trace with it could not run, whatever its commands: applied
   * to the trace defaults with as many hosts as a trace may have.
   */
  static void checkAlone(Trace.Config config) {
    try {
      config.applyTo(SubsystemSettings.traceDefaults(), SubsystemSettings.MAX_HOSTS);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config " + field(e) + " " + why(e), e);
    }
  }

  /** The config key a refusal of the settings is about: the latency's, when it names none. */
  private static String field(IllegalArgumentException refusal) {
    Matcher m = SETTING.matcher(String.valueOf(refusal.getMessage()));
    return m.matches() && FIELD_OF_KEY.containsKey(m.group(1))
        ? FIELD_OF_KEY.get(m.group(1))
        : "latency";
  }

  private static String why(IllegalArgumentException refusal) {
    Matcher m = SETTING.matcher(String.valueOf(refusal.getMessage()));
    return m.matches() && FIELD_OF_KEY.containsKey(m.group(1))
        ? m.group(2)
        : String.valueOf(refusal.getMessage());
  }

  private static Map<String, Long> paths(TraceLine paths, int servers) {
    Map<String, Long> result = new TreeMap<>();
    for (Map.Entry<String, JsonNode> p : paths.fields()) {
      Matcher m = PATH.matcher(p.getKey());
      if (!m.matches() || m.group(2).contains("->")) {
        throw paths.error(
            null,
            "\"" + p.getKey() + "\" is not a path: write it as A->B, e.g. \"adapter-2->memory-1\"");
      }
      for (String end : List.of(m.group(1), m.group(2))) {
        if (!Elements.knows(end, servers, SubsystemSettings.MAX_HOSTS)) {
          throw paths.error(
              null,
              "\""
                  + p.getKey()
                  + "\" names "
                  + end
                  + ", which is not an element of this trace: it has server-, adapter-"
                  + " and memory-1.."
                  + servers
                  + ", host-1..host-"
                  + SubsystemSettings.MAX_HOSTS
                  + " and disk");
        }
      }
      result.put(p.getKey(), paths.duration(p.getKey()));
    }
    return result;
  }
}
