package org.peerpath.trace;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.peerpath.server.Completion;

/**
 * Builds a {@link Trace.Config} key by key, each named as in a trace's config line:
 *
 * <pre>{@code
 * Trace.Config config = Trace.Config.builder()
 *     .servers(2)
 *     .watchdog(Duration.ofMillis(5))
 *     .latencyDefault(Duration.ZERO)
 *     .latency("adapter-2->memory-1", Duration.ofMillis(3))
 *     .build();
 * }</pre>
 *
 * A key never set stays absent: the trace's file leaves it out and the run takes its default. Times
 * are refused at once unless a trace can say them (0..1000000s); the rest is checked by {@link
 * #build()}, as a run would apply it.
 */
public final class ConfigBuilder {
  Integer servers;
  Integer blockSize;
  Long blocks;
  Completion completion;
  Long watchdogNanos;
  Long deadlineNanos;
  Long diskLatencyNanos;
  Long latencyDefaultNanos;
  final SortedMap<String, Long> latencyPathNanos = new TreeMap<>();
  Integer queueDepth;
  Long unreachableAfterNanos;

  ConfigBuilder() {}

  ConfigBuilder(Trace.Config c) {
    servers = c.servers;
    blockSize = c.blockSize;
    blocks = c.blocks;
    completion = c.completion;
    watchdogNanos = c.watchdogNanos;
    deadlineNanos = c.deadlineNanos;
    diskLatencyNanos = c.diskLatencyNanos;
    latencyDefaultNanos = c.latencyDefaultNanos;
    latencyPathNanos.putAll(c.latencyPathNanos);
    queueDepth = c.queueDepth;
    unreachableAfterNanos = c.unreachableAfterNanos;
  }

  /** {@code servers}, 1..16: server-i controls adapter-i and owns memory-i. */
  public ConfigBuilder servers(int servers) {
    this.servers = servers;
    return this;
  }

  /** {@code blockSize} in bytes, a power of two 512..65536. */
  public ConfigBuilder blockSize(int bytes) {
    this.blockSize = bytes;
    return this;
  }

  /** {@code blocks}: the disk's size in blocks. */
  public ConfigBuilder blocks(long blocks) {
    this.blocks = blocks;
    return this;
  }

  /** {@code completion}: whether a command waits for both the CSW and the notice. */
  public ConfigBuilder completion(Completion completion) {
    this.completion = Objects.requireNonNull(completion, "completion");
    return this;
  }

  /**
   * {@code completion} as a trace writes it.
   *
   * @throws IllegalArgumentException unless it is {@code both} or {@code csw-only}
   */
  public ConfigBuilder completion(String completion) {
    return completion(Completion.parse(Objects.requireNonNull(completion, "completion")));
  }

  /**
   * {@code watchdog}: how long a health check may stay unanswered before its adapter is declared
   * hung.
   */
  public ConfigBuilder watchdog(Duration watchdog) {
    this.watchdogNanos = Trace.nanos("config watchdog", watchdog);
    return this;
  }

  /** {@code deadline}: a command's whole lifetime before it ends in TIMEOUT. */
  public ConfigBuilder deadline(Duration deadline) {
    this.deadlineNanos = Trace.nanos("config deadline", deadline);
    return this;
  }

  /** {@code diskLatency}: the time the disk takes to serve one request. */
  public ConfigBuilder diskLatency(Duration diskLatency) {
    this.diskLatencyNanos = Trace.nanos("config diskLatency", diskLatency);
    return this;
  }

  /**
   * {@code unreachableAfter}: how long after a server's node dies or is cut off the elements that
   * depend on it learn that they cannot reach it.
   */
  public ConfigBuilder unreachableAfter(Duration after) {
    this.unreachableAfterNanos = Trace.nanos("config unreachableAfter", after);
    return this;
  }

  /** {@code queueDepth}: the most host commands one server holds; more are answered BUSY. */
  public ConfigBuilder queueDepth(int commands) {
    this.queueDepth = commands;
    return this;
  }

  /** {@code latency.default}: the latency of every path not given by {@link #latency}. */
  public ConfigBuilder latencyDefault(Duration latency) {
    this.latencyDefaultNanos = Trace.nanos("config latency.default", latency);
    return this;
  }

  /**
   * One of {@code latency.paths}: the latency of a directed path such as {@code
   * "adapter-2->memory-1"}; the reverse direction takes the same unless it is given too.
   */
  public ConfigBuilder latency(String path, Duration latency) {
    latencyPathNanos.put(path(path), Trace.nanos(pathKey(path), latency));
    return this;
  }

  /** Every path of {@code latency.paths}, in place of those given before. */
  public ConfigBuilder latencyPaths(Map<String, Duration> paths) {
    SortedMap<String, Long> checked = new TreeMap<>();
    paths.forEach((path, latency) -> checked.put(path(path), Trace.nanos(pathKey(path), latency)));
    latencyPathNanos.clear();
    latencyPathNanos.putAll(checked);
    return this;
  }

  private static String path(String path) {
    return Objects.requireNonNull(path, "a latency path");
  }

  private static String pathKey(String path) {
    return "config latency.paths \"" + path + "\"";
  }

  /**
   * The config, checked as a run applies it: a trace with this config may run.
   *
   * @throws IllegalArgumentException naming the key a run would refuse, and why
   */
  public Trace.Config build() {
    Trace.Config config = buildAsGiven();
    ConfigLine.checkAlone(config);
    return config;
  }

  /** The config as given, for the reader, which checks it itself to name the line. */
  Trace.Config buildAsGiven() {
    return new Trace.Config(this);
  }
}
