package org.peerpath.trace;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.server.Completion;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * A failure trace (docs/spec/trace-format.md) as the program sees it: an optional configuration,
 * the inputs with their virtual times, and the expectations checked once the run is over. Built by
 * {@link TraceReader} from a file, or in code with {@link TraceBuilder}. Every data form is already
 * resolved to bytes; every {@code line} is the line it came from (0 when built in code).
 */
public record Trace(
    String name, Config config, List<Input> inputs, List<Expectation> expectations) {

  /**
   * @throws IllegalArgumentException for a time or a duration that is negative or longer than
   *     trace-v1 allows
   */
  public Trace {
    config = config == null ? Config.NONE : config;
    inputs = List.copyOf(inputs);
    expectations = List.copyOf(expectations);
    for (Input i : inputs) {
      String where =
          (i.line() > 0 ? "line " + i.line() + ": " : "")
              + (i instanceof Command c
                  ? "command " + c.id()
                  : "the " + i.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
      requireTime(where + " at", i.atNanos());
      if (i instanceof Fail f) requireTime(where + " with a duration", f.durationNanos());
    }
  }

  /** Times as trace-v1 allows them: 0..1000000s, so that no sum of a few of them overflows. */
  private static void requireTime(String what, long nanos) {
    if (nanos < 0 || nanos > SubsystemSettings.MAX_DURATION_NANOS) {
      throw new IllegalArgumentException(
          what + " " + nanos + " ns: a trace's times are 0.." + SubsystemSettings.longest());
    }
  }

  /**
   * The {@code config} line; null fields take the project's defaults ({@link
   * SubsystemSettings#traceDefaults()}).
   */
  public record Config(
      Integer servers,
      Integer blockSize,
      Long blocks,
      Completion completion,
      Long watchdogNanos,
      Long deadlineNanos,
      Long diskLatencyNanos,
      Long latencyDefaultNanos,
      Map<String, Long> latencyPaths,
      Integer queueDepth) {

    public static final Config NONE =
        new Config(null, null, null, null, null, null, null, null, null, null);

    /** A config that leaves the queue depth to the defaults. */
    public Config(
        Integer servers,
        Integer blockSize,
        Long blocks,
        Completion completion,
        Long watchdogNanos,
        Long deadlineNanos,
        Long diskLatencyNanos,
        Long latencyDefaultNanos,
        Map<String, Long> latencyPaths) {
      this(
          servers,
          blockSize,
          blocks,
          completion,
          watchdogNanos,
          deadlineNanos,
          diskLatencyNanos,
          latencyDefaultNanos,
          latencyPaths,
          null);
    }

    /** This config with {@code queueDepth} (null: the default). */
    public Config withQueueDepth(Integer queueDepth) {
      return new Config(
          servers,
          blockSize,
          blocks,
          completion,
          watchdogNanos,
          deadlineNanos,
          diskLatencyNanos,
          latencyDefaultNanos,
          latencyPaths,
          queueDepth);
    }

    /**
     * The paths are kept sorted by name: whoever walks them (writer, reader, shrinker) does so in
     * one order on every run.
     */
    public Config {
      latencyPaths =
          latencyPaths == null
              ? Collections.emptySortedMap()
              : Collections.unmodifiableSortedMap(new TreeMap<>(latencyPaths));
    }

    /**
     * {@code base} with every field this line sets; {@code hosts} is the number of hosts the trace
     * names.
     */
    public SubsystemSettings applyTo(SubsystemSettings base, int hosts) {
      SubsystemSettings s = base.withHosts(hosts);
      if (servers != null) s = s.withServers(servers);
      if (blockSize != null || blocks != null) {
        s =
            s.withGeometry(
                blockSize != null ? blockSize : s.blockSize(),
                blocks != null ? blocks : s.blocks());
      }
      if (completion != null) s = s.withCompletion(completion);
      if (watchdogNanos != null) s = s.withWatchdog(Duration.ofNanos(watchdogNanos));
      if (deadlineNanos != null) s = s.withDeadline(Duration.ofNanos(deadlineNanos));
      if (diskLatencyNanos != null) s = s.withDiskLatency(Duration.ofNanos(diskLatencyNanos));
      if (queueDepth != null) s = s.withQueueDepth(queueDepth);
      var latency =
          new org.peerpath.fabric.LatencyModel(
              latencyDefaultNanos != null ? latencyDefaultNanos : s.latency().defaultNanos(),
              latencyPaths);
      return s.withLatency(latency);
    }
  }

  /** Something that happens at a virtual time. */
  public sealed interface Input {
    long atNanos();

    int line();
  }

  /**
   * A host command; {@code blocks} is the read's block count, or the write's data length over the
   * block size.
   */
  public record Command(
      long atNanos,
      int line,
      String id,
      String host,
      String server,
      Op op,
      long lba,
      int blocks,
      ByteString data)
      implements Input {}

  public record Fail(long atNanos, int line, String target, FaultMode mode, long durationNanos)
      implements Input {}

  public record Repair(long atNanos, int line, String target) implements Input {}

  /** What the run must show for command {@code id}; null fields are not checked. */
  public record Expectation(
      int line,
      String id,
      Status status,
      ByteString data,
      String path,
      String servedBy,
      String order) {}

  /** The number of hosts the trace names (host-1 at least). */
  public int hosts() {
    int max = 1;
    for (Input i : inputs) {
      if (i instanceof Command c) max = Math.max(max, SubsystemSettings.index(c.host(), "host-"));
    }
    return max;
  }

  public List<Command> commands() {
    return inputs.stream().filter(i -> i instanceof Command).map(i -> (Command) i).toList();
  }
}
