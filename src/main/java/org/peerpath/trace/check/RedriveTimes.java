package org.peerpath.trace.check;

import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Elements;
import org.peerpath.server.CompletionRule;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * How long, by its settings alone, the model may take to serve a command and to take it off an
 * adapter that failed: the times {@link NoErrorWhileAdapterWorksChecker} compares a command's
 * deadline with. Each is a sum of the path latencies of the messages the model sends one after
 * another, and never less than what the model takes, so that a command judged by them had time.
 * Server i controls adapter i and owns memory i; indexes count from 1.
 */
final class RedriveTimes {
  private final SubsystemSettings s;

  RedriveTimes(SubsystemSettings settings) {
    this.s = settings;
  }

  /**
   * One attempt of a command of server {@code origin} on adapter {@code adapter} (direct when it is
   * the origin's own, the peer path otherwise), from setting it up in the origin's memory to its
   * answer: the set-up and its acknowledgement; the hand-over (to the own adapter, or forwarded to
   * the peer server and on to its adapter); the DMA read of the control block (request and reply);
   * the disk request, the disk's service time and its answer; the CSW's DMA write and the doorbell,
   * and the completion (the own adapter's, or the peer's notice through the peer server), as the
   * completion rule waits for them; then either a write's DMA read of its data or a GOOD read's
   * fetch of its data from the origin's memory, whichever is longer.
   */
  long attempt(int origin, int adapter) {
    String server = s.serverName(origin);
    String memory = s.memoryName(origin);
    String by = s.adapterName(adapter);
    String peer = s.serverName(adapter);
    boolean direct = origin == adapter;
    long setUp = roundTrip(server, memory);
    long handOver = direct ? l(server, by) : l(server, peer) + l(peer, by);
    long dmaRead = roundTrip(by, memory);
    long disk = l(by, Elements.DISK) + s.diskLatency().toNanos() + l(Elements.DISK, by);
    long csw = l(by, memory) + l(memory, server);
    long notice = direct ? l(by, server) : l(by, peer) + l(peer, server);
    long data = Math.max(dmaRead, roundTrip(server, memory));
    return setUp + handOver + dmaRead + disk + answered(s.completion(), csw, notice) + data;
  }

  /** When a waiting command answers, given when its CSW and its completion arrive. */
  static long answered(CompletionRule rule, long csw, long notice) {
    if (csw <= notice && rule.completes(true, false)) return csw;
    if (notice <= csw && rule.completes(false, true)) return notice;
    return Math.max(csw, notice);
  }

  /**
   * From a fault taking hold of {@code adapter} ({@code mode} a {@link FaultMode} wire name; any
   * other is taken for a hang, the slowest to find) until server {@code origin} acts on it: its own
   * server finds a crash at once, a reset when the adapter's report arrives, a hang within twice
   * the watchdog plus a health check's round trip; another origin then hears of it by the bounce of
   * the command it had forwarded, or, for a forward still on its way when the news left, by the
   * bounce of that one.
   */
  long learnOfFault(String mode, int adapter, int origin) {
    String a = s.adapterName(adapter);
    String server = s.serverName(adapter);
    long found;
    if (FaultMode.CRASH.wireName().equals(mode)) {
      found = 0;
    } else if (FaultMode.RESET.wireName().equals(mode)) {
      found = l(a, server);
    } else {
      found = 2 * s.watchdog().toNanos() + roundTrip(server, a);
    }
    return found + hear(adapter, origin);
  }

  /**
   * From a new incarnation of {@code adapter} starting until server {@code origin} acts on it: its
   * server hears of it when the adapter reports ready (and re-drives what the old one held), and
   * another origin as it hears of a fault.
   */
  long learnOfIncarnation(int adapter, int origin) {
    return l(s.adapterName(adapter), s.serverName(adapter)) + hear(adapter, origin);
  }

  /**
   * From server {@code adapter}'s news leaving until server {@code origin} has had the bounce of
   * anything it forwarded meanwhile.
   */
  private long hear(int adapter, int origin) {
    if (adapter == origin) return 0;
    String from = s.serverName(adapter);
    String to = s.serverName(origin);
    return 2 * l(from, to) + l(to, from);
  }

  /**
   * Fencing a failed incarnation before a re-drive: the origin's memory and the disk, both
   * acknowledged.
   */
  long fence(int origin) {
    String server = s.serverName(origin);
    return Math.max(roundTrip(server, s.memoryName(origin)), roundTrip(server, Elements.DISK));
  }

  /**
   * A health check from server {@code i} to its adapter and the answer: the watchdog takes a
   * working adapter for hung unless this is shorter than its period.
   */
  long healthCheck(int i) {
    return roundTrip(s.serverName(i), s.adapterName(i));
  }

  /** Whether server-i's healthy adapter answers a health check within the watchdog. */
  boolean healthCheckInsideWatchdog(int i) {
    return healthCheck(i) < s.watchdog().toNanos();
  }

  /** Whether that holds for every server. */
  boolean healthChecksInsideWatchdog() {
    for (int i = 1; i <= s.servers(); i++) if (!healthCheckInsideWatchdog(i)) return false;
    return true;
  }

  long latency(String from, String to) {
    return l(from, to);
  }

  private long roundTrip(String a, String b) {
    return l(a, b) + l(b, a);
  }

  private long l(String from, String to) {
    return s.latency().nanos(from, to);
  }
}
