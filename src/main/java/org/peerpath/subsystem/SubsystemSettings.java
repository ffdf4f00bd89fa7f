package org.peerpath.subsystem;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.TreeMap;
import org.peerpath.fabric.LatencyModel;

/**
 * Everything that shapes one subsystem, read once from the {@code peerpath.subsystem} section of
 * the configuration (documented in reference.conf). Invalid values are refused here, with the key
 * named, before any actor exists.
 *
 * @param diskFile the file of the file backend, or null for the in-memory disk
 */
public record SubsystemSettings(
    String name,
    int servers,
    int hosts,
    int blockSize,
    long blocks,
    int maxTransferBlocks,
    int queueDepth,
    CompletionRule completion,
    long watchdogNanos,
    long deadlineNanos,
    long diskLatencyNanos,
    HostPolicy hostPolicy,
    LatencyModel latency,
    String diskFile,
    boolean keepHistory) {

  public enum HostPolicy {
    ROUND_ROBIN,
    LEAST_OUTSTANDING;

    static HostPolicy parse(String text) {
      return switch (text) {
        case "round-robin" -> ROUND_ROBIN;
        case "least-outstanding" -> LEAST_OUTSTANDING;
        default ->
            throw new IllegalArgumentException(
                "host-policy must be round-robin or least-outstanding, not '" + text + "'");
      };
    }
  }

  /**
   * Compiled once: every {@code with} method validates a new record (simulate makes several per
   * seed).
   */
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  /** An element's index: no leading zero, and too short to overflow an int. */
  private static final java.util.regex.Pattern INDEX =
      java.util.regex.Pattern.compile("[1-9][0-9]{0,8}");

  /** The most servers and the most hosts a subsystem has (1..16 of each). */
  public static final int MAX_SERVERS = 16;

  public static final int MAX_HOSTS = 16;

  /** The most bytes one command may carry: max-transfer-blocks x block-size. */
  public static final long MAX_BYTES_PER_COMMAND = 64L << 20;

  /**
   * The longest any time may be (a setting here, a duration or time in a trace, a reset): 1,000,000
   * s, about 11.5 days, as trace-v1 gives it. No sum of a few such times overflows a long of
   * nanoseconds, and Pekko's real-time scheduler, which refuses delays beyond 2^31 ticks (about 248
   * days at its default 10 ms tick, 24 days at 1 ms), takes every one.
   */
  public static final long MAX_DURATION_NANOS = org.peerpath.history.Durations.MAX_NANOS;

  public SubsystemSettings {
    require(
        name != null && NAME.matcher(name).matches(),
        "name",
        "must be letters, digits, '-' or '_'");
    require(
        servers >= 1 && servers <= MAX_SERVERS,
        "servers",
        "must be 1.." + MAX_SERVERS + ", not " + servers);
    require(
        hosts >= 1 && hosts <= MAX_HOSTS, "hosts", "must be 1.." + MAX_HOSTS + ", not " + hosts);
    require(
        blockSize >= 512 && blockSize <= 65536 && Integer.bitCount(blockSize) == 1,
        "block-size",
        "must be a power of two 512..65536, not " + blockSize);
    require(blocks >= 1, "blocks", "must be at least 1, not " + blocks);
    require(
        maxTransferBlocks >= 1 && (long) maxTransferBlocks * blockSize <= MAX_BYTES_PER_COMMAND,
        "max-transfer-blocks",
        "must be at least 1 and at most 64 MiB per command");
    require(queueDepth >= 1, "queue-depth", "must be at least 1, not " + queueDepth);
    require(watchdogNanos > 0, "watchdog", "must be positive");
    require(deadlineNanos > 0, "deadline", "must be positive");
    require(diskLatencyNanos >= 0, "disk-latency", "cannot be negative");
    requireAtMostLongest("watchdog", watchdogNanos);
    requireAtMostLongest("deadline", deadlineNanos);
    requireAtMostLongest("disk-latency", diskLatencyNanos);
    requireAtMostLongest("latency.default", latency.defaultNanos());
    for (var path : latency.pathNanos().entrySet())
      requireAtMostLongest("latency.paths.\"" + path.getKey() + "\"", path.getValue());
    for (String element : latency.elementNames()) {
      require(
          knows(element, servers, hosts),
          "latency.paths",
          "names an unknown element '" + element + "'");
    }
  }

  private static void requireAtMostLongest(String key, long nanos) {
    require(
        nanos <= MAX_DURATION_NANOS,
        key,
        "must be at most "
            + longest()
            + " (about 11.5 days), not "
            + (nanos == Long.MAX_VALUE
                ? "292 years or more"
                : org.peerpath.history.Durations.format(nanos)));
  }

  /** {@link #MAX_DURATION_NANOS} as a duration is written: {@code 1000000s}. */
  public static String longest() {
    return org.peerpath.history.Durations.format(MAX_DURATION_NANOS);
  }

  private static void require(boolean ok, String key, String why) {
    if (!ok) throw new IllegalArgumentException("peerpath.subsystem." + key + " " + why);
  }

  /** The N of {@code prefix}N ({@code host-3}: 3), or -1 when {@code name} is not of that form. */
  public static int index(String name, String prefix) {
    if (!name.startsWith(prefix)) return -1;
    String n = name.substring(prefix.length());
    return INDEX.matcher(n).matches() ? Integer.parseInt(n) : -1;
  }

  /** Whether {@code element} names an element of a subsystem of this size. */
  public static boolean knows(String element, int servers, int hosts) {
    if (element.equals("disk")) return true;
    for (String prefix : new String[] {"server-", "adapter-", "memory-", "host-"}) {
      if (element.startsWith(prefix)) {
        int i = index(element, prefix);
        return i >= 1 && i <= (prefix.equals("host-") ? hosts : servers);
      }
    }
    return false;
  }

  /**
   * The settings of {@code system}'s own configuration (its {@code peerpath.subsystem} section,
   * over reference.conf's defaults): what {@code ActorTestKit.create(config)} or {@code
   * ActorSystem.create(behavior, name, config)} was given is what the subsystem gets.
   */
  public static SubsystemSettings create(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return fromConfig(system.settings().config());
  }

  /**
   * The defaults of reference.conf, as the application's configuration overrides them: for
   * real-time runs.
   */
  public static SubsystemSettings defaults() {
    return Defaults.SETTINGS;
  }

  /**
   * What a trace's {@code config} line leaves out takes: reference.conf's {@code
   * peerpath.subsystem} with its {@code peerpath.trace} section on top, whatever application.conf
   * says, so that a trace means the same on every machine (its run is a function of the trace
   * alone).
   */
  public static SubsystemSettings traceDefaults() {
    return Defaults.TRACE;
  }

  /** Read and checked once per JVM: replay and simulation ask for the defaults once per run. */
  private static final class Defaults {
    static final SubsystemSettings SETTINGS = fromConfig(ConfigFactory.load());
    static final SubsystemSettings TRACE = fromConfig(traceConfig());
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

  public static SubsystemSettings fromConfig(Config root) {
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
    return new SubsystemSettings(
        c.getString("name"),
        c.getInt("servers"),
        c.getInt("hosts"),
        c.getInt("block-size"),
        c.getLong("blocks"),
        c.getInt("max-transfer-blocks"),
        c.getInt("queue-depth"),
        Completion.parse(c.getString("completion")),
        c.getDuration("watchdog").toNanos(),
        c.getDuration("deadline").toNanos(),
        c.getDuration("disk-latency").toNanos(),
        HostPolicy.parse(c.getString("host-policy")),
        new LatencyModel(c.getDuration("latency.default").toNanos(), paths),
        backend.equals("file") ? file : null,
        c.getBoolean("keep-history"));
  }

  public String serverName(int i) {
    return "server-" + i;
  }

  public String adapterName(int i) {
    return "adapter-" + i;
  }

  public String memoryName(int i) {
    return "memory-" + i;
  }

  public String hostName(int i) {
    return "host-" + i;
  }

  public long bytesPerCommandMax() {
    return (long) maxTransferBlocks * blockSize;
  }

  public SubsystemSettings withName(String v) {
    return new SubsystemSettings(
        v,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withServers(int v) {
    return new SubsystemSettings(
        name,
        v,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withQueueDepth(int v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        v,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withHosts(int v) {
    return new SubsystemSettings(
        name,
        servers,
        v,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withGeometry(int bs, long n) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        bs,
        n,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withCompletion(CompletionRule v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        v,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withWatchdogNanos(long v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        v,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withDeadlineNanos(long v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        v,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withDiskLatencyNanos(long v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        v,
        hostPolicy,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withHostPolicy(HostPolicy v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        v,
        latency,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withLatency(LatencyModel v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        v,
        diskFile,
        keepHistory);
  }

  public SubsystemSettings withDiskFile(String v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        v,
        keepHistory);
  }

  public SubsystemSettings withKeepHistory(boolean v) {
    return new SubsystemSettings(
        name,
        servers,
        hosts,
        blockSize,
        blocks,
        maxTransferBlocks,
        queueDepth,
        completion,
        watchdogNanos,
        deadlineNanos,
        diskLatencyNanos,
        hostPolicy,
        latency,
        diskFile,
        v);
  }
}
