package org.peerpath.subsystem;

import java.time.Duration;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.host.HostPolicy;
import org.peerpath.server.CompletionRule;

/**
 * {@link SubsystemSettings} under construction, from {@link SubsystemSettings#builder()} or {@link
 * SubsystemSettings#toBuilder()}. Each value means what the settings' accessor of the same name
 * says; {@link #build()} checks them as a whole, so the order they are set in does not matter.
 */
public final class SubsystemSettingsBuilder {
  String name;
  int servers;
  int hosts;
  int blockSize;
  long blocks;
  int maxTransferBlocks;
  int queueDepth;
  CompletionRule completion;
  Duration watchdog;
  Duration unreachableAfter;
  Duration deadline;
  Duration diskLatency;
  HostPolicy hostPolicy;
  LatencyModel latency;
  String diskFile;
  boolean keepHistory;
  int historyLimit;

  /** Empty: for reading a configuration, which sets every value. */
  SubsystemSettingsBuilder() {}

  SubsystemSettingsBuilder(SubsystemSettings s) {
    name = s.name();
    servers = s.servers();
    hosts = s.hosts();
    blockSize = s.blockSize();
    blocks = s.blocks();
    maxTransferBlocks = s.maxTransferBlocks();
    queueDepth = s.queueDepth();
    completion = s.completion();
    watchdog = s.watchdog();
    unreachableAfter = s.unreachableAfter();
    deadline = s.deadline();
    diskLatency = s.diskLatency();
    hostPolicy = s.hostPolicy();
    latency = s.latency();
    diskFile = s.diskFile();
    keepHistory = s.keepHistory();
    historyLimit = s.historyLimit();
  }

  /** Letters, digits, '-' or '_'. */
  public SubsystemSettingsBuilder name(String v) {
    name = v;
    return this;
  }

  /** 1..{@link SubsystemSettings#MAX_SERVERS}. */
  public SubsystemSettingsBuilder servers(int v) {
    servers = v;
    return this;
  }

  /** 1..{@link SubsystemSettings#MAX_HOSTS}. */
  public SubsystemSettingsBuilder hosts(int v) {
    hosts = v;
    return this;
  }

  /** A power of two, 512..65536. */
  public SubsystemSettingsBuilder blockSize(int v) {
    blockSize = v;
    return this;
  }

  /** At least 1. */
  public SubsystemSettingsBuilder blocks(long v) {
    blocks = v;
    return this;
  }

  /** At most {@link SubsystemSettings#MAX_BYTES_PER_COMMAND} bytes per command. */
  public SubsystemSettingsBuilder maxTransferBlocks(int v) {
    maxTransferBlocks = v;
    return this;
  }

  /** At least 1. */
  public SubsystemSettingsBuilder queueDepth(int v) {
    queueDepth = v;
    return this;
  }

  /** {@link org.peerpath.server.Completion} holds the patent's two rules. */
  public SubsystemSettingsBuilder completion(CompletionRule v) {
    completion = v;
    return this;
  }

  /** Positive, and at most {@link SubsystemSettings#MAX_DURATION_NANOS} as every time here. */
  /**
   * Positive: how long after a node dies or is cut off the elements that depend on it learn they
   * cannot reach it.
   */
  public SubsystemSettingsBuilder unreachableAfter(Duration v) {
    unreachableAfter = v;
    return this;
  }

  public SubsystemSettingsBuilder watchdog(Duration v) {
    watchdog = v;
    return this;
  }

  /** Positive; leave room for hang detection (2 x watchdog) and a re-drive through a peer. */
  public SubsystemSettingsBuilder deadline(Duration v) {
    deadline = v;
    return this;
  }

  /** Zero or more. */
  public SubsystemSettingsBuilder diskLatency(Duration v) {
    diskLatency = v;
    return this;
  }

  /** A built-in one ({@link HostPolicy#ROUND_ROBIN}) or the application's own. */
  public SubsystemSettingsBuilder hostPolicy(HostPolicy v) {
    hostPolicy = v;
    return this;
  }

  /** Its paths may only name elements of these settings. */
  public SubsystemSettingsBuilder latency(LatencyModel v) {
    latency = v;
    return this;
  }

  /** Null: the in-memory disk. */
  public SubsystemSettingsBuilder diskFile(String v) {
    diskFile = v;
    return this;
  }

  /** Off for long real-time runs that only stream events to subscribers. */
  public SubsystemSettingsBuilder keepHistory(boolean v) {
    keepHistory = v;
    return this;
  }

  /**
   * The most history events kept in memory (at least 1); beyond it the oldest are dropped. {@code
   * history-limit} in reference.conf.
   */
  public SubsystemSettingsBuilder historyLimit(int v) {
    historyLimit = v;
    return this;
  }

  /**
   * The settings.
   *
   * @throws IllegalArgumentException naming the key ({@code peerpath.subsystem.<key>}) of the first
   *     value refused
   */
  public SubsystemSettings build() {
    return new SubsystemSettings(this);
  }
}
