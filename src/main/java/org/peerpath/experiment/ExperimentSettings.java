package org.peerpath.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.function.Function;
import org.peerpath.history.Durations;

/**
 * One preset's parameters, read once from its configuration (reference.conf's {@code
 * peerpath.experiment}, where every setting is documented). Times are nanoseconds of virtual time,
 * bandwidths bytes a second. Each value is checked against its limits on the way in, so that a
 * wrong one is refused in one line before anything runs.
 */
public record ExperimentSettings(
    String preset,
    long warmup,
    long failAt,
    long repairAt,
    long end,
    long bucket,
    int clientsPerServer,
    long thinkTime,
    double readFraction,
    int blockSize,
    long blocks,
    long hotBlocks,
    double locality,
    int serverCores,
    long serverCommandTime,
    long serverCompletionTime,
    long serverForwardTime,
    int cacheBlocks,
    long cacheHitTime,
    long adapterCommandTime,
    long adapterBandwidth,
    long pcieHop,
    int diskChannels,
    long diskReadTime,
    long diskWriteTime,
    long hostLinkLatency,
    long hostLinkBandwidth,
    long serverLinkLatency,
    long serverLinkBandwidth,
    long retryInterval,
    long failbackDelay) {

  /** The longest run: an hour of virtual time (each second of it costs seconds of real time). */
  static final long MAX_END = 3_600_000_000_000L;

  /** The most clients a server has: more only slows the simulation down. */
  static final int MAX_CLIENTS = 100_000;

  /**
   * The largest cache, in blocks (16 GiB of 4 KiB blocks): its bookkeeping takes about 160 MB, and
   * a run has six caches.
   */
  static final int MAX_CACHE_BLOCKS = 1 << 22;

  /** The most cores, adapter or disk channels a station has. */
  static final int MAX_CHANNELS = 4096;

  /**
   * Reads preset {@code preset}'s settings from {@code c} (its merged configuration).
   *
   * @throws IllegalArgumentException naming the setting, its limits and the value given
   */
  public static ExperimentSettings from(String preset, Config c) {
    Reader r = new Reader(preset, c);
    ExperimentSettings s =
        new ExperimentSettings(
            preset,
            r.time("timeline.warmup", 0, MAX_END),
            r.time("timeline.fail-at", 0, MAX_END),
            r.time("timeline.repair-at", 0, MAX_END),
            r.time("timeline.end", 1, MAX_END),
            r.time("timeline.bucket", 1_000, MAX_END),
            (int) r.count("workload.clients-per-server", 1, MAX_CLIENTS),
            r.time("workload.think-time", 0, Durations.MAX_NANOS),
            r.fraction("workload.read-fraction"),
            (int) r.size("workload.block-size", 512, 1 << 20),
            r.count("workload.blocks", 2, 1L << 40),
            r.count("workload.hot-blocks", 1, 1L << 39),
            r.fraction("workload.locality"),
            (int) r.count("server.cores", 1, MAX_CHANNELS),
            r.time("server.command-time", 0, Durations.MAX_NANOS),
            r.time("server.completion-time", 0, Durations.MAX_NANOS),
            r.time("server.forward-time", 0, Durations.MAX_NANOS),
            (int) r.count("server.cache-blocks", 0, MAX_CACHE_BLOCKS),
            r.time("server.cache-hit-time", 0, Durations.MAX_NANOS),
            r.time("adapter.command-time", 0, Durations.MAX_NANOS),
            r.size("adapter.bandwidth", 1, 1L << 50),
            r.time("adapter.pcie-hop", 0, Durations.MAX_NANOS),
            (int) r.count("disk.channels", 1, MAX_CHANNELS),
            r.time("disk.read-time", 0, Durations.MAX_NANOS),
            r.time("disk.write-time", 0, Durations.MAX_NANOS),
            r.time("host-link.latency", 0, Durations.MAX_NANOS),
            r.size("host-link.bandwidth", 1, 1L << 50),
            r.time("server-link.latency", 0, Durations.MAX_NANOS),
            r.size("server-link.bandwidth", 1, 1L << 50),
            r.time("host.retry-interval", 1, Durations.MAX_NANOS),
            r.time("host.failback-delay", 0, Durations.MAX_NANOS));
    s.checkTogether();
    return s;
  }

  private void checkTogether() {
    if (!(warmup <= failAt && failAt < repairAt && repairAt <= end)) {
      throw new IllegalArgumentException(
          String.format(
              "preset %s: the timeline must run warmup <= fail-at < repair-at <= end, not %s, %s, %s, %s",
              preset,
              Durations.format(warmup),
              Durations.format(failAt),
              Durations.format(repairAt),
              Durations.format(end)));
    }
    if (end / bucket > 100_000) {
      throw new IllegalArgumentException(
          "preset "
              + preset
              + ": timeline.bucket is too short for timeline.end (over 100000 buckets)");
    }
    if (2 * hotBlocks > blocks) {
      throw new IllegalArgumentException(
          "preset "
              + preset
              + ": workload.hot-blocks must be at most half of workload.blocks (each server has its own hot set), not "
              + hotBlocks
              + " of "
              + blocks);
    }
  }

  /** How long {@code bytes} take at {@code bytesPerSecond}, in nanoseconds, rounded up. */
  static long transfer(long bytes, long bytesPerSecond) {
    return (long) Math.ceil(bytes * 1e9 / bytesPerSecond);
  }

  /** Reads one preset's values, naming the preset and the setting in every refusal. */
  private record Reader(String preset, Config c) {
    long time(String key, long min, long max) {
      Duration d = read(key, "a duration such as 10us", c::getDuration);
      long nanos = Durations.saturatedNanos(d);
      if (d.isNegative() || nanos < min || nanos > max) {
        throw new IllegalArgumentException(
            String.format(
                "preset %s: %s must be %s..%s, not %s",
                preset, key, Durations.format(min), Durations.format(max), c.getString(key)));
      }
      return nanos;
    }

    long count(String key, long min, long max) {
      return within(key, read(key, "a whole number", c::getLong), min, max);
    }

    long size(String key, long min, long max) {
      return within(
          key, read(key, "a size in bytes such as 4KiB or 3200MB", c::getBytes), min, max);
    }

    double fraction(String key) {
      double f = read(key, "a number from 0 to 1", c::getDouble);
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException(
            String.format("preset %s: %s must be 0..1, not %s", preset, key, c.getString(key)));
      }
      return f;
    }

    private long within(String key, long n, long min, long max) {
      if (n < min || n > max) {
        throw new IllegalArgumentException(
            String.format("preset %s: %s must be %d..%d, not %d", preset, key, min, max, n));
      }
      return n;
    }

    /**
     * The value at {@code key} as {@code get} reads it; refused as not {@code what} if it cannot.
     */
    private <T> T read(String key, String what, Function<String, T> get) {
      try {
        return get.apply(key);
      } catch (ConfigException e) {
        String why = e instanceof ConfigException.Missing ? "is missing" : "must be " + what;
        throw new IllegalArgumentException(String.format("preset %s: %s %s", preset, key, why), e);
      }
    }
  }
}
