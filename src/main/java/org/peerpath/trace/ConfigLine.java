package org.peerpath.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
          "queueDepth");
  private static final Pattern PATH = Pattern.compile("(\\S+?)->(\\S+)");
  private static final Pattern SETTING =
      Pattern.compile("peerpath\\.subsystem\\.(\\S+) (.*)", Pattern.DOTALL);

  /**
   * SubsystemSettings' keys as a config line names them; max-transfer-blocks can only break through
   * blockSize.
   */
  private static final Map<String, String> FIELD_OF_KEY =
      Map.of(
          "servers",
          "servers",
          "block-size",
          "blockSize",
          "max-transfer-blocks",
          "blockSize",
          "blocks",
          "blocks",
          "watchdog",
          "watchdog",
          "deadline",
          "deadline",
          "disk-latency",
          "diskLatency",
          "latency.paths",
          "latency.paths",
          "queue-depth",
          "queueDepth");

  private ConfigLine() {}

  static Trace.Config read(TraceLine line, SubsystemSettings defaults) {
    line.allowOnly("a config line", FIELDS);
    Integer servers = line.optionalInt("servers");
    Integer blockSize = line.optionalInt("blockSize");
    Long blocks = line.has("blocks") ? line.integer("blocks") : null;
    String completion = line.choice("completion", false, List.of("both", "csw-only"));
    Trace.Config scalars =
        new Trace.Config(
            servers,
            blockSize,
            blocks,
            completion == null ? null : Completion.parse(completion),
            line.optionalDuration("watchdog"),
            line.optionalDuration("deadline"),
            line.optionalDuration("diskLatency"),
            null,
            Map.of(),
            line.optionalInt("queueDepth"));
    int serverCount = check(line, scalars, defaults, SubsystemSettings.MAX_HOSTS).servers();
    if (!line.has("latency")) return scalars;
    TraceLine latency =
        line.object("latency", "{\"default\":\"0ms\",\"paths\":{\"adapter-2->memory-1\":\"3ms\"}}");
    latency.allowOnly("latency", List.of("default", "paths"));
    Map<String, Long> paths =
        latency.has("paths")
            ? paths(latency.object("paths", "{\"adapter-2->memory-1\":\"3ms\"}"), serverCount)
            : Map.of();
    Trace.Config config =
        new Trace.Config(
            servers,
            blockSize,
            blocks,
            scalars.completion(),
            scalars.watchdogNanos(),
            scalars.deadlineNanos(),
            scalars.diskLatencyNanos(),
            latency.optionalDuration("default"),
            paths,
            scalars.queueDepth());
    check(line, config, defaults, SubsystemSettings.MAX_HOSTS);
    return config;
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
      Matcher m = SETTING.matcher(String.valueOf(e.getMessage()));
      if (m.matches() && FIELD_OF_KEY.containsKey(m.group(1)))
        throw line.error(FIELD_OF_KEY.get(m.group(1)), m.group(2));
      throw line.error("latency", String.valueOf(e.getMessage()));
    }
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
        if (!SubsystemSettings.knows(end, servers, SubsystemSettings.MAX_HOSTS)) {
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
