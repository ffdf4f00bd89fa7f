package org.peerpath.subsystem;

import java.time.Duration;
import java.util.regex.Pattern;
import org.peerpath.command.Elements;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.fabric.PathLatencies;
import org.peerpath.history.Durations;
import org.peerpath.host.HostPolicy;
import org.peerpath.server.CompletionRule;
import org.peerpath.server.ServerSettings;

/**
 * Everything that shapes one subsystem, as the {@code peerpath.subsystem} section of the
 * configuration gives it (documented in reference.conf). Invalid values are refused as the settings
 * are built, with the key named, before any actor exists. Each element gets its own part ({@link
 * #serverSettings(int)}, {@link #hostPolicy()}).
 *
 * <pre>{@code
 * SubsystemSettings s =
 *     SubsystemSettings.builder() // the defaults, as application.conf overrides them
 *         .name("orders")
 *         .servers(3)
 *         .watchdog(Duration.ofMillis(100))
 *         .build();
 * }</pre>
 */
public final class SubsystemSettings {

  /** Compiled once: simulate builds several settings per seed. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  /** An element's index: no leading zero, and too short to overflow an int. */
  private static final Pattern INDEX = Pattern.compile("[1-9][0-9]{0,8}");

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
  public static final long MAX_DURATION_NANOS = Durations.MAX_NANOS;

  /**
   * Every value, times in nanoseconds as the builder checked them: a record, so that settings
   * compare and print by their values.
   */
  private record Values(
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
      long unreachableAfterNanos,
      HostPolicy hostPolicy,
      LatencyModel latency,
      String diskFile,
      boolean keepHistory,
      int historyLimit) {}

  private final Values v;
  private final long longestLatencyNanos;

  /** Checked as a whole: see {@link SettingsCheck}. */
  SubsystemSettings(SubsystemSettingsBuilder b) {
    v =
        new Values(
            b.name,
            b.servers,
            b.hosts,
            b.blockSize,
            b.blocks,
            b.maxTransferBlocks,
            b.queueDepth,
            b.completion,
            nanos("watchdog", b.watchdog),
            nanos("deadline", b.deadline),
            nanos("disk-latency", b.diskLatency),
            nanos("unreachable-after", b.unreachableAfter),
            b.hostPolicy,
            b.latency,
            b.diskFile,
            b.keepHistory,
            b.historyLimit);
    longestLatencyNanos = SettingsCheck.check(this);
  }

  /**
   * A duration's nanoseconds, as long as a long holds them; beyond that the longest or shortest
   * long, which the check refuses as too long or not positive, never an ArithmeticException.
   */
  private static long nanos(String key, Duration d) {
    if (d == null) throw SettingsCheck.refusal(key, "must be given");
    return Durations.saturatedNanos(d);
  }

  /** {@link #MAX_DURATION_NANOS} as a duration is written: {@code 1000000s}. */
  public static String longest() {
    return Durations.format(MAX_DURATION_NANOS);
  }

  /** Whether {@code name} may name a subsystem: letters, digits, '-' or '_'. */
  static boolean isName(String name) {
    return name != null && NAME.matcher(name).matches();
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
   * The settings of {@code root}'s {@code peerpath.subsystem} section.
   *
   * @throws IllegalArgumentException naming the key of a value that is refused
   */
  public static SubsystemSettings fromConfig(com.typesafe.config.Config root) {
    return SettingsConfig.read(root).build();
  }

  /**
   * The defaults of reference.conf, as the application's configuration overrides them: for
   * real-time runs.
   */
  public static SubsystemSettings defaults() {
    return SettingsConfig.defaults();
  }

  /**
   * What a trace's {@code config} line leaves out takes: reference.conf's {@code
   * peerpath.subsystem} with its {@code peerpath.trace} section on top, whatever application.conf
   * says, so that a trace means the same on every machine (its run is a function of the trace
   * alone).
   */
  public static SubsystemSettings traceDefaults() {
    return SettingsConfig.traceDefaults();
  }

  /**
   * A builder that starts from {@link #defaults()}: reference.conf's values, as the application's
   * configuration overrides them. Start from {@link #traceDefaults()}{@code .toBuilder()} for a run
   * under virtual time that should not depend on application.conf.
   */
  public static SubsystemSettingsBuilder builder() {
    return defaults().toBuilder();
  }

  /** A builder that starts from these settings. */
  public SubsystemSettingsBuilder toBuilder() {
    return new SubsystemSettingsBuilder(this);
  }

  /** A name for the subsystem's actors, so that several subsystems can live in one ActorSystem. */
  public String name() {
    return v.name();
  }

  /** The number of servers: server-i controls adapter-i and owns memory-i. */
  public int servers() {
    return v.servers();
  }

  /** The number of hosts, host-1..host-N; each sends commands to every server. */
  public int hosts() {
    return v.hosts();
  }

  /** The disk's block size in bytes. */
  public int blockSize() {
    return v.blockSize();
  }

  /** The disk's number of blocks. */
  public long blocks() {
    return v.blocks();
  }

  /** The largest command, in blocks; a longer one is answered BAD_REQUEST. */
  public int maxTransferBlocks() {
    return v.maxTransferBlocks();
  }

  /** The most host commands one server holds at once; one more is answered BUSY. */
  public int queueDepth() {
    return v.queueDepth();
  }

  /** When a command that went the peer path completes at its origin server (claims 5, 7). */
  public CompletionRule completion() {
    return v.completion();
  }

  /** How long a health check may stay unanswered before the adapter is declared hung. */
  public Duration watchdog() {
    return Duration.ofNanos(v.watchdogNanos());
  }

  /** A command's whole lifetime: past it the command ends in TIMEOUT. */
  public Duration deadline() {
    return Duration.ofNanos(v.deadlineNanos());
  }

  /** The time the disk takes to serve one request, whatever its number of blocks. */
  public Duration diskLatency() {
    return Duration.ofNanos(v.diskLatencyNanos());
  }

  /**
   * How long after a node dies, or is cut off, the elements that depend on it learn that they
   * cannot reach it (the cluster's failure detector; trace-v1's {@code unreachableAfter}).
   */
  public Duration unreachableAfter() {
    return Duration.ofNanos(v.unreachableAfterNanos());
  }

  /**
   * How long a host waits for a server's answer before it takes the command, or the answer, for
   * lost and sends it to a server it can reach: the command's deadline, the time to learn that a
   * node is unreachable, and the longest way there and back.
   */
  public Duration hostPatience() {
    // Each term is at most MAX_DURATION_NANOS (1000000s), so the sum cannot overflow.
    return Duration.ofNanos(
        deadline().toNanos()
            + unreachableAfter().toNanos()
            + 2 * Math.min(longestLatencyNanos, MAX_DURATION_NANOS));
  }

  /**
   * The longest a host's command may live: {@link org.peerpath.host.Host#maxSends} sends, each
   * waited on for {@link #hostPatience()}, and one patience more; the {@link
   * org.peerpath.host.Host#maxBusy} BUSY answers a resent command may wait out besides, each a
   * round trip over the longest paths (a server answers BUSY as a command arrives) and the longest
   * backoff after it; and before each of those rounds a send to a server that answers NO_PATH (the
   * host then sends the command on to the busy one), which may hold it up to its {@link
   * #deadline()} first (setting it up, forwarding it, re-driving it) and a round trip; and once for
   * each server such a round trip. Every command has its one answer by then, counted from the last
   * input that can make its host send it again (a fault, a cut, a restart).
   */
  public Duration commandLifetime() {
    long sends = org.peerpath.host.Host.maxSends(servers()) + 1;
    // A path and the deadline are at most MAX_DURATION_NANOS (1000000s), the patience at most four
    // of them, the backoff a thirty-second of the patience, the servers at most MAX_SERVERS: every
    // term below is far from Long.MAX_VALUE.
    long roundTrip = 2 * Math.min(longestLatencyNanos, MAX_DURATION_NANOS);
    long patience = hostPatience().toNanos();
    long lapses = sends * (patience + roundTrip);
    long busyRound =
        2 * roundTrip
            + deadline().toNanos()
            + org.peerpath.host.Host.longestBusyBackoff(hostPatience()).toNanos();
    long rounds = org.peerpath.host.Host.maxBusy() * busyRound + (long) servers() * roundTrip;
    return Duration.ofNanos(org.peerpath.history.Durations.saturatingAdd(lapses, rounds));
  }

  /**
   * How long the disk remembers a write it applied, so that a later attempt of the same command is
   * acknowledged rather than applied again: twice a {@link #commandLifetime()}, since the last
   * attempt of a command may come as late as its lifetime after the first.
   */
  public Duration writeMemory() {
    long life = commandLifetime().toNanos();
    return Duration.ofNanos(org.peerpath.history.Durations.saturatingAdd(life, life));
  }

  /** {@link #deadline()} in nanoseconds, for the disk's wiring in this package. */
  long deadlineNanos() {
    return v.deadlineNanos();
  }

  /** {@link #diskLatency()} in nanoseconds, for the disk's wiring in this package. */
  long diskLatencyNanos() {
    return v.diskLatencyNanos();
  }

  /** How each host picks a server for a command that names none. */
  public HostPolicy hostPolicy() {
    return v.hostPolicy();
  }

  /** How long a message takes on each path between two elements. */
  public LatencyModel latency() {
    return v.latency();
  }

  /**
   * The longest latency of any path between the subsystem's elements (for a table of paths: its
   * longest entry or its default): how long the checkers allow a message to take.
   */
  public Duration longestLatency() {
    return Duration.ofNanos(longestLatencyNanos);
  }

  /** The file of the file backend, or null for the in-memory disk. */
  public String diskFile() {
    return v.diskFile();
  }

  /**
   * Whether history events are kept in memory (tests, replay, the demo): at most {@link
   * #historyLimit()} of them, the oldest dropped first.
   */
  public boolean keepHistory() {
    return v.keepHistory();
  }

  /** The most history events kept in memory; the oldest go first. */
  public int historyLimit() {
    return v.historyLimit();
  }

  /** What server {@code i} (1..{@link #servers()}) needs of these settings. */
  public ServerSettings serverSettings(int i) {
    if (i < 1 || i > servers())
      throw new IllegalArgumentException("there is no " + serverName(i) + " of " + servers());
    return new ServerSettings(
        serverName(i),
        adapterName(i),
        memoryName(i),
        blockSize(),
        blocks(),
        maxTransferBlocks(),
        queueDepth(),
        completion(),
        watchdog(),
        deadline());
  }

  /** Server {@code i}'s name, {@code server-i}, as latencies and the history name it. */
  public String serverName(int i) {
    return Elements.server(i);
  }

  /** Adapter {@code i}'s name, {@code adapter-i}. */
  public String adapterName(int i) {
    return Elements.adapter(i);
  }

  /** Memory {@code i}'s name, {@code memory-i}. */
  public String memoryName(int i) {
    return Elements.memory(i);
  }

  /** Host {@code i}'s name, {@code host-i}. */
  public String hostName(int i) {
    return Elements.host(i);
  }

  /** The bytes of the largest command: max-transfer-blocks x block-size. */
  public long bytesPerCommandMax() {
    return (long) maxTransferBlocks() * blockSize();
  }

  /** These settings with another {@link #name()}. */
  public SubsystemSettings withName(String v) {
    return toBuilder().name(v).build();
  }

  /** These settings with another number of servers. */
  public SubsystemSettings withServers(int v) {
    return toBuilder().servers(v).build();
  }

  /** These settings with another number of hosts. */
  public SubsystemSettings withHosts(int v) {
    return toBuilder().hosts(v).build();
  }

  /** These settings with another disk geometry. */
  public SubsystemSettings withGeometry(int blockSize, long blocks) {
    return toBuilder().blockSize(blockSize).blocks(blocks).build();
  }

  /** These settings with another {@link #queueDepth()}. */
  public SubsystemSettings withQueueDepth(int v) {
    return toBuilder().queueDepth(v).build();
  }

  /** These settings with another {@link #completion()} rule (tests plant wrong ones). */
  public SubsystemSettings withCompletion(CompletionRule v) {
    return toBuilder().completion(v).build();
  }

  /** These settings with another {@link #unreachableAfter()}. */
  public SubsystemSettings withUnreachableAfter(Duration v) {
    return toBuilder().unreachableAfter(v).build();
  }

  /** These settings with another {@link #watchdog()}. */
  public SubsystemSettings withWatchdog(Duration v) {
    return toBuilder().watchdog(v).build();
  }

  /** These settings with another {@link #deadline()}. */
  public SubsystemSettings withDeadline(Duration v) {
    return toBuilder().deadline(v).build();
  }

  /** These settings with another {@link #diskLatency()}. */
  public SubsystemSettings withDiskLatency(Duration v) {
    return toBuilder().diskLatency(v).build();
  }

  /**
   * These settings with {@code path} ({@code "adapter-2->memory-1"}) taking {@code latency} in
   * their table of path latencies.
   *
   * @throws IllegalArgumentException when the latency model is code, not a table of paths; or,
   *     naming {@code peerpath.subsystem.latency.paths."<path>"}, when {@code path} is not written
   *     {@code A->B} or {@code latency} is negative or longer than {@link #longest()}
   */
  public SubsystemSettings withLatencyPath(String path, Duration latency) {
    if (!(latency() instanceof PathLatencies table)) {
      throw SettingsCheck.refusal(
          "latency", "is a model of code, not a table of paths: set its paths in the model");
    }
    return withLatency(table.withPath(path, SettingsCheck.pathLatencyNanos(path, latency)));
  }

  /** These settings with another {@link #latency()} model. */
  public SubsystemSettings withLatency(LatencyModel v) {
    return toBuilder().latency(v).build();
  }

  /** These settings with another {@link #diskFile()} (null: the in-memory disk). */
  public SubsystemSettings withDiskFile(String v) {
    return toBuilder().diskFile(v).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubsystemSettings s && v.equals(s.v);
  }

  @Override
  public int hashCode() {
    return v.hashCode();
  }

  /** {@code SubsystemSettings[name=peerpath, servers=2, ...]}. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + v.toString().substring("Values".length());
  }
}
