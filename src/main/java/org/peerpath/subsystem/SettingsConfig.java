package org.peerpath.subsystem;

import static org.peerpath.subsystem.SettingsCheck.require;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.TreeMap;
import org.peerpath.fabric.PathLatencies;
import org.peerpath.host.HostPolicy;
import org.peerpath.server.Completion;

/**
 * The {@code peerpath.subsystem} section of a configuration, read into settings (reference.conf
 * documents each key), and the two sets of defaults read once per JVM.
 */
final class SettingsConfig {
  private SettingsConfig() {}

  private static volatile SubsystemSettings defaults;
  private static volatile SubsystemSettings traceDefaults;

  /**
   * The application's defaults, read and checked when first asked for and then kept. An invalid
   * application setting is refused each time it is asked for, with its key named, and never touches
   * {@link #traceDefaults()}: a trace means the same whatever application.conf says.
   */
  static SubsystemSettings defaults() {
    SubsystemSettings s = defaults;
    if (s == null) defaults = s = SubsystemSettings.fromConfig(ConfigFactory.load());
    return s;
  }

  /** What a trace leaves out: read once (replay and simulation ask once per run). */
  static SubsystemSettings traceDefaults() {
    SubsystemSettings s = traceDefaults;
    if (s == null) traceDefaults = s = SubsystemSettings.fromConfig(traceConfig());
    return s;
  }

  /**
   * Every reference.conf on the classpath, merged, and nothing else: not the system properties that
   * ConfigFactory.defaultReference() lays over them, which would let -Dpeerpath.subsystem.servers=1
   * change what a trace means.
   */
  static Config traceConfig() {
    Config reference =
        ConfigFactory.parseResources(SubsystemSettings.class.getClassLoader(), "reference.conf")
            .resolve();
    return reference
        .getConfig("peerpath.trace")
        .atPath("peerpath.subsystem")
        .withFallback(reference);
  }

  /** Every value of {@code root}'s {@code peerpath.subsystem} section, to be checked as built. */
  static SubsystemSettingsBuilder read(Config root) {
    Config c = root.getConfig("peerpath.subsystem");
    Map<String, Long> paths = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("latency.paths").root().entrySet()) {
      paths.put(
          e.getKey(), c.getConfig("latency.paths").getDuration("\"" + e.getKey() + "\"").toNanos());
    }
    String backend = c.getString("disk.backend");
    require(
        backend.equals("memory") || backend.equals("file"),
        "disk.backend",
        "must be memory or file, not '" + backend + "'");
    String file = c.getString("disk.file");
    require(
        backend.equals("memory") || !file.isBlank(),
        "disk.file",
        "must name a file when disk.backend = file");
    return new SubsystemSettingsBuilder()
        .name(c.getString("name"))
        .servers(c.getInt("servers"))
        .hosts(c.getInt("hosts"))
        .blockSize(c.getInt("block-size"))
        .blocks(c.getLong("blocks"))
        .maxTransferBlocks(c.getInt("max-transfer-blocks"))
        .queueDepth(c.getInt("queue-depth"))
        .completion(Completion.parse(c.getString("completion")))
        .watchdog(c.getDuration("watchdog"))
        .unreachableAfter(c.getDuration("unreachable-after"))
        .deadline(c.getDuration("deadline"))
        .diskLatency(c.getDuration("disk-latency"))
        .hostPolicy(HostPolicy.parse(c.getString("host-policy")))
        .latency(new PathLatencies(c.getDuration("latency.default").toNanos(), paths))
        .diskFile(backend.equals("file") ? file : null)
        .keepHistory(c.getBoolean("keep-history"))
        .historyLimit(c.getInt("history-limit"));
  }
}
