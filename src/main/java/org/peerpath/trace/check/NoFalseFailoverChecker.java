package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerpath.command.Elements;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Checks that load is never taken for failure (docs/architecture.md §5, "Load is not failure"): a
 * server declares its adapter down only when a fault made it so. Every {@code adapter-down} of an
 * incarnation must follow an {@code adapter-failed} of that adapter, of that incarnation or a later
 * one (a fault can reach a newer incarnation than the one its server knows of). The one other
 * {@code adapter-down}, the "reincarnated" that a repair of a working adapter records, is no
 * failover; nor is one a server records while it has been told it cannot reach the disk (trace-v1's
 * partitions): its adapter is no use to it then.
 *
 * <p>It applies where a working adapter can answer in time: to each server whose health check's
 * round trip (server to adapter and back) is shorter than the watchdog. A slower path makes that
 * server's healthy adapter look hung by definition; the other servers are still judged.
 */
public final class NoFalseFailoverChecker {
  public static final String NAME = "no-false-failover";

  private NoFalseFailoverChecker() {}

  /** Whether a healthy adapter of every server answers its health checks within the watchdog. */
  public static boolean applies(SubsystemSettings s) {
    return new RedriveTimes(s).healthChecksInsideWatchdog();
  }

  /** Whether {@code server} is one whose healthy adapter answers within the watchdog. */
  private static boolean judged(SubsystemSettings s, RedriveTimes times, String server) {
    int i = Elements.index(server, Elements.SERVER_PREFIX);
    return i >= 1 && i <= s.servers() && times.healthCheckInsideWatchdog(i);
  }

  /** Judges each server on its own: one with a slow health path does not excuse the others. */
  public static List<Violation> check(List<HistoryEvent> history, SubsystemSettings settings) {
    var times = new RedriveTimes(settings);
    Map<String, Long> failedThrough = new HashMap<>();
    // Servers told that the disk cannot be reached, and not told otherwise since: giving up their
    // own adapter then is the point, not a false failover.
    java.util.Set<String> cutFromDisk = new java.util.HashSet<>();
    List<Violation> out = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (e.kind() == Kind.ADAPTER_FAILED && e.epoch() != null) {
        failedThrough.merge(e.node(), e.epoch(), Math::max);
      } else if (e.kind() == Kind.UNREACHABLE && Elements.DISK.equals(e.peer())) {
        cutFromDisk.add(e.node());
      } else if (e.kind() == Kind.REACHABLE && Elements.DISK.equals(e.peer())) {
        cutFromDisk.remove(e.node());
      } else if (e.kind() == Kind.ADAPTER_DOWN
          && !"reincarnated".equals(e.detail())
          && !cutFromDisk.contains(e.node())
          && judged(settings, times, e.node())) {
        Long failed = failedThrough.get(e.peer());
        if (failed == null || e.epoch() == null || failed < e.epoch()) {
          out.add(
              new Violation(
                  NAME,
                  e.node()
                      + " declared "
                      + e.peer()
                      + " epoch "
                      + e.epoch()
                      + " down ("
                      + e.detail()
                      + ") at "
                      + e.at()
                      + ", but no fault had taken hold of it"));
        }
      }
    }
    return out;
  }
}
