package org.peerpath.trace;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Elements;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.Durations;
import org.peerpath.history.HistoryEvent;
import org.peerpath.runtime.Schedule;
import org.peerpath.server.Completion;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * A failure trace (docs/spec/trace-format.md) as the program sees it: an optional configuration,
 * the inputs with their virtual times, and the expectations checked once the run is over. Built by
 * {@link TraceReader} from a file, or in code with {@link TraceBuilder}. Every data form is already
 * resolved to bytes; every {@code line} is the line it came from (0 when built in code).
 */
public record Trace(
    String name,
    Config config,
    List<Input> inputs,
    List<Expectation> expectations,
    Schedule schedule) {

  private static final Duration LONGEST = Duration.ofNanos(SubsystemSettings.MAX_DURATION_NANOS);

  /** A trace without a schedule line: its ready tasks run oldest first, whole turns. */
  public Trace(String name, Config config, List<Input> inputs, List<Expectation> expectations) {
    this(name, config, inputs, expectations, null);
  }

  /**
   * @param schedule how the run orders the tasks ready at one instant (the trace's {@code schedule}
   *     line), each mailbox one message per turn; null when it has none: oldest first, whole turns
   * @throws IllegalArgumentException for a time or a duration that is negative or longer than
   *     trace-v1 allows
   */
  public Trace {
    config = config == null ? Config.NONE : config;
    inputs = List.copyOf(inputs);
    expectations = List.copyOf(expectations);
    for (Input i : inputs) {
      requireTime(i, " at", i.atNanos());
      if (i instanceof Fail f) requireTime(i, " with a duration", f.durationNanos());
    }
  }

  /**
   * Times as trace-v1 allows them: 0..1000000s, so that no sum of a few of them overflows. The
   * message is put together only for a time out of range: every trace a simulation makes comes
   * through here.
   */
  private static void requireTime(Input i, String what, long nanos) {
    if (nanos < 0 || nanos > SubsystemSettings.MAX_DURATION_NANOS) {
      String where =
          (i.line() > 0 ? "line " + i.line() + ": " : "")
              + (i instanceof Command c
                  ? "command " + c.id()
                  : "the " + i.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
      throw new IllegalArgumentException(
          where
              + what
              + " "
              + nanos
              + " ns: a trace's times are 0.."
              + SubsystemSettings.longest());
    }
  }

  /**
   * {@code time} in nanoseconds, refused with {@code what} unless trace-v1 can say it
   * (0..1000000s). Compared before it is converted, so that a Duration of centuries is refused
   * rather than overflowed.
   */
  static long nanos(String what, Duration time) {
    Objects.requireNonNull(time, what);
    if (time.isNegative() || time.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(
          what + " must be 0.." + SubsystemSettings.longest() + ", not " + shown(time));
    }
    return time.toNanos();
  }

  /** In a trace's notation where it fits a long of nanoseconds, else in seconds. */
  private static String shown(Duration time) {
    long seconds = time.getSeconds();
    if (seconds > -9_000_000_000L && seconds < 9_000_000_000L)
      return Durations.format(time.toNanos());
    return new BigDecimal(seconds)
            .add(BigDecimal.valueOf(time.getNano(), 9))
            .stripTrailingZeros()
            .toPlainString()
        + "s";
  }

  /**
   * The {@code config} line, built with {@link #builder()}: a key left out is absent, is not
   * written, and takes the project's default ({@link SubsystemSettings#traceDefaults()}) when the
   * trace runs. Times are kept in nanoseconds, as the settings take them.
   */
  public static final class Config {
    /** No config line: every setting from the defaults. */
    public static final Config NONE = builder().buildAsGiven();

    final Integer servers;
    final Integer blockSize;
    final Long blocks;
    final Completion completion;
    final Long watchdogNanos;
    final Long deadlineNanos;
    final Long diskLatencyNanos;
    final Long latencyDefaultNanos;

    /** Sorted by path: whoever walks them (writer, reader, shrinker) does so in one order. */
    final SortedMap<String, Long> latencyPathNanos;

    final Integer queueDepth;
    final Long unreachableAfterNanos;

    Config(ConfigBuilder b) {
      servers = b.servers;
      blockSize = b.blockSize;
      blocks = b.blocks;
      completion = b.completion;
      watchdogNanos = b.watchdogNanos;
      deadlineNanos = b.deadlineNanos;
      diskLatencyNanos = b.diskLatencyNanos;
      latencyDefaultNanos = b.latencyDefaultNanos;
      latencyPathNanos = Collections.unmodifiableSortedMap(new TreeMap<>(b.latencyPathNanos));
      queueDepth = b.queueDepth;
      unreachableAfterNanos = b.unreachableAfterNanos;
    }

    /** {@code unreachableAfter}, if the config sets it. */
    public Optional<Duration> unreachableAfter() {
      return duration(unreachableAfterNanos);
    }

    /** A config with no key set yet. */
    public static ConfigBuilder builder() {
      return new ConfigBuilder();
    }

    /** A builder that starts with every key of this config. */
    public ConfigBuilder toBuilder() {
      return new ConfigBuilder(this);
    }

    /** {@code servers}, if the config sets it. */
    public Optional<Integer> servers() {
      return Optional.ofNullable(servers);
    }

    /** {@code blockSize} in bytes, if the config sets it. */
    public Optional<Integer> blockSize() {
      return Optional.ofNullable(blockSize);
    }

    /** {@code blocks}, the disk's size in blocks, if the config sets it. */
    public Optional<Long> blocks() {
      return Optional.ofNullable(blocks);
    }

    /** {@code completion}, if the config sets it. */
    public Optional<Completion> completion() {
      return Optional.ofNullable(completion);
    }

    /** {@code watchdog}, if the config sets it. */
    public Optional<Duration> watchdog() {
      return duration(watchdogNanos);
    }

    /** {@code deadline}, if the config sets it. */
    public Optional<Duration> deadline() {
      return duration(deadlineNanos);
    }

    /** {@code diskLatency}, if the config sets it. */
    public Optional<Duration> diskLatency() {
      return duration(diskLatencyNanos);
    }

    /** {@code queueDepth}, if the config sets it. */
    public Optional<Integer> queueDepth() {
      return Optional.ofNullable(queueDepth);
    }

    /**
     * {@code latency.default}, if the config sets it: the latency of every path not in {@link
     * #latencyPaths()}.
     */
    public Optional<Duration> latencyDefault() {
      return duration(latencyDefaultNanos);
    }

    /** {@code latency.paths}, sorted by path. */
    public SortedMap<String, Duration> latencyPaths() {
      SortedMap<String, Duration> paths = new TreeMap<>();
      latencyPathNanos.forEach((path, nanos) -> paths.put(path, Duration.ofNanos(nanos)));
      return Collections.unmodifiableSortedMap(paths);
    }

    private static Optional<Duration> duration(Long nanos) {
      return Optional.ofNullable(nanos).map(Duration::ofNanos);
    }

    /**
     * {@code base} with every field this line sets; {@code hosts} is the number of hosts the trace
     * names. A line that sets no latency (no default and no paths) keeps {@code base}'s latency
     * model as it is, a model of code included. A line that sets any latency makes the run's model
     * its own table of paths (the default from {@code base}'s table, or 0, unless it sets one):
     * that replaces a model of code, since a trace's latencies mean the same run wherever it is
     * replayed.
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
      if (unreachableAfterNanos != null)
        s = s.withUnreachableAfter(Duration.ofNanos(unreachableAfterNanos));
      if (latencyDefaultNanos == null && latencyPathNanos.isEmpty()) return s;
      var latency =
          new org.peerpath.fabric.PathLatencies(
              latencyDefaultNanos != null
                  ? latencyDefaultNanos
                  : s.latency() instanceof org.peerpath.fabric.PathLatencies table
                      ? table.defaultNanos()
                      : 0,
              latencyPathNanos);
      return s.withLatency(latency);
    }

    private List<Object> keys() {
      return Arrays.asList(
          servers,
          blockSize,
          blocks,
          completion,
          watchdogNanos,
          deadlineNanos,
          diskLatencyNanos,
          latencyDefaultNanos,
          latencyPathNanos,
          queueDepth,
          unreachableAfterNanos);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Config c && keys().equals(c.keys());
    }

    @Override
    public int hashCode() {
      return keys().hashCode();
    }

    /** The config line it is written as, which says it best in a failed assertion. */
    @Override
    public String toString() {
      return TraceWriter.configLine(this);
    }
  }

  /** Something that happens at a virtual time. */
  public sealed interface Input {
    /** When it happens, in nanoseconds of virtual time from the start of the run. */
    long atNanos();

    /** When it happens, from the start of the run. */
    default Duration at() {
      return Duration.ofNanos(atNanos());
    }

    /** Its line in the trace file (0 for a trace built in code). */
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
      implements Input {
    /** How long a reset lasts (zero for a crash or a hang). */
    public Duration duration() {
      return Duration.ofNanos(durationNanos);
    }
  }

  public record Repair(long atNanos, int line, String target) implements Input {}

  /** Every path between the nodes of elements {@code a} and {@code b} is cut, both ways. */
  public record Partition(long atNanos, int line, String a, String b) implements Input {}

  /** One cut between the nodes of elements {@code a} and {@code b} is healed. */
  public record Heal(long atNanos, int line, String a, String b) implements Input {}

  /**
   * What the run must show for command {@code id}, built with {@link #builder(String)}; null fields
   * are not checked.
   */
  public record Expectation(
      int line,
      String id,
      Status status,
      ByteString data,
      HistoryEvent.Path path,
      String servedBy,
      HistoryEvent.Order order) {

    /**
     * An expectation of command {@code id} that checks nothing yet.
     *
     * @throws IllegalArgumentException for an empty id, which no command has
     */
    public static ExpectationBuilder builder(String id) {
      return new ExpectationBuilder(id);
    }
  }

  /** The number of hosts the trace names (host-1 at least). */
  public int hosts() {
    int max = 1;
    for (Input i : inputs) {
      if (i instanceof Command c)
        max = Math.max(max, Elements.index(c.host(), Elements.HOST_PREFIX));
      if (i instanceof Partition p) max = Math.max(max, hostIndex(p.a(), p.b()));
      if (i instanceof Heal h) max = Math.max(max, hostIndex(h.a(), h.b()));
    }
    return max;
  }

  private static int hostIndex(String a, String b) {
    return Math.max(
        Elements.index(a, Elements.HOST_PREFIX), Elements.index(b, Elements.HOST_PREFIX));
  }

  /** This trace with other inputs (its schedule kept). */
  public Trace withInputs(List<Input> in) {
    return new Trace(name, config, in, expectations, schedule);
  }

  /** This trace with other expectations (its schedule kept). */
  public Trace withExpectations(List<Expectation> e) {
    return new Trace(name, config, inputs, e, schedule);
  }

  /** This trace with another config (its schedule kept). */
  public Trace withConfig(Config c) {
    return new Trace(name, c, inputs, expectations, schedule);
  }

  /** This trace under another name. */
  public Trace withName(String n) {
    return new Trace(n, config, inputs, expectations, schedule);
  }

  /** This trace with schedule {@code s} (null: none). */
  public Trace withSchedule(Schedule s) {
    return new Trace(name, config, inputs, expectations, s);
  }

  public List<Command> commands() {
    return inputs.stream().filter(i -> i instanceof Command).map(i -> (Command) i).toList();
  }
}
