package org.peerpath.subsystem;

import static org.peerpath.subsystem.SubsystemSettings.MAX_BYTES_PER_COMMAND;
import static org.peerpath.subsystem.SubsystemSettings.MAX_DURATION_NANOS;
import static org.peerpath.subsystem.SubsystemSettings.MAX_HOSTS;
import static org.peerpath.subsystem.SubsystemSettings.MAX_SERVERS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peerpath.command.Elements;
import org.peerpath.fabric.PathLatencies;
import org.peerpath.history.Durations;

/**
 * What settings a subsystem can run with, checked as they are built: whatever built them (the
 * configuration, a trace's config line, code), a value that is refused names its key as
 * reference.conf spells it ({@code peerpath.subsystem.block-size}), so that the message tells the
 * user what to change.
 */
final class SettingsCheck {
  private SettingsCheck() {}

  /**
   * Refuses settings a subsystem cannot run with; returns the longest latency of any path between
   * its elements, in nanoseconds.
   */
  static long check(SubsystemSettings s) {
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
    long unreachable = s.unreachableAfter().toNanos();
    require(unreachable > 0, "unreachable-after", "must be positive");
    requireAtMostLongest("unreachable-after", unreachable);
    require(deadline > 0, "deadline", "must be positive");
    require(diskLatency >= 0, "disk-latency", "cannot be negative");
    requireAtMostLongest("watchdog", watchdog);
    requireAtMostLongest("deadline", deadline);
    requireAtMostLongest("disk-latency", diskLatency);
    require(s.historyLimit() >= 1, "history-limit", "must be at least 1, not " + s.historyLimit());
    require(s.hostPolicy() != null, "host-policy", "must be given");
    require(s.latency() != null, "latency", "must be given");
    return longestLatency(s);
  }

  /**
   * The longest path of the settings' latency model, checked: a table's entries each within the
   * longest time and naming elements that exist; a model of code asked for every path between the
   * subsystem's elements, each answer within 0..the longest time.
   */
  private static long longestLatency(SubsystemSettings s) {
    if (s.latency() instanceof PathLatencies table) {
      requireAtMostLongest("latency.default", table.defaultNanos());
      for (var path : table.pathNanos().entrySet())
        requireAtMostLongest("latency.paths.\"" + path.getKey() + "\"", path.getValue());
      for (String element : table.elementNames()) {
        require(
            Elements.knows(element, s.servers(), s.hosts()),
            "latency.paths",
            "names an unknown element '" + element + "'");
      }
      return table.maxNanos();
    }
    List<String> elements = new ArrayList<>();
    for (int i = 1; i <= s.hosts(); i++) elements.add(Elements.host(i));
    for (int i = 1; i <= s.servers(); i++) {
      elements.add(Elements.server(i));
      elements.add(Elements.adapter(i));
      elements.add(Elements.memory(i));
    }
    elements.add(Elements.DISK);
    long longest = 0;
    for (String from : elements) {
      for (String to : elements) {
        if (from.equals(to)) continue;
        String path = from + "->" + to;
        Duration d;
        try {
          d = s.latency().latency(from, to);
        } catch (RuntimeException e) {
          throw refusal("latency", "failed for " + path + ": " + e);
        }
        require(d != null, "latency", "gives no latency for " + path);
        require(!d.isNegative(), "latency", "gives a negative latency for " + path + ": " + d);
        long nanos =
            d.compareTo(Duration.ofNanos(MAX_DURATION_NANOS)) > 0 ? Long.MAX_VALUE : d.toNanos();
        requireAtMostLongest("latency (" + path + ")", nanos);
        longest = Math.max(longest, nanos);
      }
    }
    return longest;
  }

  /**
   * The latency of one path given in code ({@code withLatencyPath}), in nanoseconds, refused with
   * its key named as the other settings are: never an overflow or a NullPointerException.
   */
  static long pathLatencyNanos(String path, Duration latency) {
    require(path != null, "latency.paths", "needs a path written A->B, not null");
    String key = "latency.paths.\"" + path + "\"";
    require(path.contains("->"), key, "is not a path: write it as A->B");
    require(latency != null, key, "must be given");
    require(!latency.isNegative(), key, "cannot be negative, not " + latency);
    long nanos =
        latency.compareTo(Duration.ofNanos(MAX_DURATION_NANOS)) > 0
            ? Long.MAX_VALUE
            : latency.toNanos();
    requireAtMostLongest(key, nanos);
    return nanos;
  }

  private static void requireAtMostLongest(String key, long nanos) {
    // The message only when refusing: formatting a duration is exact decimal arithmetic, and
    // settings are built several times per simulated seed.
    if (nanos > MAX_DURATION_NANOS) {
      throw refusal(
          key,
          "must be at most "
              + SubsystemSettings.longest()
              + " (about 11.5 days), not "
              + (nanos == Long.MAX_VALUE ? "292 years or more" : Durations.format(nanos)));
    }
  }

  static void require(boolean ok, String key, String why) {
    if (!ok) throw refusal(key, why);
  }

  static IllegalArgumentException refusal(String key, String why) {
    return new IllegalArgumentException("peerpath.subsystem." + key + " " + why);
  }
}
