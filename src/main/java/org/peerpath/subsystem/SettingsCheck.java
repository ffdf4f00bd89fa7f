package org.peerpath.subsystem;

import static org.peerpath.subsystem.SubsystemSettings.MAX_BYTES_PER_COMMAND;
import static org.peerpath.subsystem.SubsystemSettings.MAX_DURATION_NANOS;
import static org.peerpath.subsystem.SubsystemSettings.MAX_HOSTS;
import static org.peerpath.subsystem.SubsystemSettings.MAX_SERVERS;

import org.peerpath.history.Durations;

/**
 * What settings a subsystem can run with, checked as they are built: whatever built them (the
 * configuration, a trace's config line, code), a value that is refused names its key as
 * reference.conf spells it ({@code peerpath.subsystem.block-size}), so that the message tells the
 * user what to change.
 */
final class SettingsCheck {
  private SettingsCheck() {}

  static void check(SubsystemSettings s) {
    require(SubsystemSettings.isName(s.name()), "name", "must be letters, digits, '-' or '_'");
    int servers = s.servers();
    int hosts = s.hosts();
    require(
        servers >= 1 && servers <= MAX_SERVERS,
        "servers",
        "must be 1.." + MAX_SERVERS + ", not " + servers);
    require(
        hosts >= 1 && hosts <= MAX_HOSTS, "hosts", "must be 1.." + MAX_HOSTS + ", not " + hosts);
    int blockSize = s.blockSize();
    require(
        blockSize >= 512 && blockSize <= 65536 && Integer.bitCount(blockSize) == 1,
        "block-size",
        "must be a power of two 512..65536, not " + blockSize);
    require(s.blocks() >= 1, "blocks", "must be at least 1, not " + s.blocks());
    require(
        s.maxTransferBlocks() >= 1 && s.bytesPerCommandMax() <= MAX_BYTES_PER_COMMAND,
        "max-transfer-blocks",
        "must be at least 1 and at most 64 MiB per command");
    require(s.queueDepth() >= 1, "queue-depth", "must be at least 1, not " + s.queueDepth());
    require(s.completion() != null, "completion", "must be given");
    // Each time as the settings hold it: in nanoseconds, as far as a long reaches.
    long watchdog = s.watchdog().toNanos();
    long deadline = s.deadline().toNanos();
    long diskLatency = s.diskLatency().toNanos();
    require(watchdog > 0, "watchdog", "must be positive");
    require(deadline > 0, "deadline", "must be positive");
    require(diskLatency >= 0, "disk-latency", "cannot be negative");
    requireAtMostLongest("watchdog", watchdog);
    requireAtMostLongest("deadline", deadline);
    requireAtMostLongest("disk-latency", diskLatency);
    require(s.hostPolicy() != null, "host-policy", "must be given");
    require(s.latency() != null, "latency", "must be given");
    requireAtMostLongest("latency.default", s.latency().defaultNanos());
    for (var path : s.latency().pathNanos().entrySet())
      requireAtMostLongest("latency.paths.\"" + path.getKey() + "\"", path.getValue());
    for (String element : s.latency().elementNames()) {
      require(
          SubsystemSettings.knows(element, servers, hosts),
          "latency.paths",
          "names an unknown element '" + element + "'");
    }
  }

  private static void requireAtMostLongest(String key, long nanos) {
    require(
        nanos <= MAX_DURATION_NANOS,
        key,
        "must be at most "
            + SubsystemSettings.longest()
            + " (about 11.5 days), not "
            + (nanos == Long.MAX_VALUE ? "292 years or more" : Durations.format(nanos)));
  }

  static void require(boolean ok, String key, String why) {
    if (!ok) throw refusal(key, why);
  }

  static IllegalArgumentException refusal(String key, String why) {
    return new IllegalArgumentException("peerpath.subsystem." + key + " " + why);
  }
}
