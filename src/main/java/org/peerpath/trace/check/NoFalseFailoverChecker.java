package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.HistoryEvent;

/**
 * Checks that load is never taken for failure (docs/architecture.md §5, "Load is not failure"): a server declares its adapter down
 * only when a fault made it so. Every {@code adapter-down} of an incarnation must follow an
 * {@code adapter-failed} of that adapter, of that incarnation or a later one (a fault can reach a
 * newer incarnation than the one its server knows of). The one other {@code adapter-down}, the
 * "reincarnated" that a repair of a working adapter records, is no failover.
 *
 * <p>It applies where a working adapter can answer in time: when, for every server, a health
 * check's round trip (server to adapter and back) is shorter than the watchdog. A configuration
 * with a slower path makes a healthy adapter look hung by definition, and is judged by its
 * expectations alone.
 */
public final class NoFalseFailoverChecker {
  public static final String NAME = "no-false-failover";

  private NoFalseFailoverChecker() {}

  /** Whether a healthy adapter of every server answers its health checks within the watchdog. */
  public static boolean applies(SubsystemSettings s) {
    for (int i = 1; i <= s.servers(); i++) {
      String server = s.serverName(i);
      String adapter = s.adapterName(i);
      long roundTrip = s.latency().nanos(server, adapter) + s.latency().nanos(adapter, server);
      if (roundTrip < 0 || roundTrip >= s.watchdogNanos()) return false;
    }
    return true;
  }

  public static List<Violation> check(List<HistoryEvent> history, SubsystemSettings settings) {
    if (!applies(settings)) return List.of();
    Map<String, Long> failedThrough = new HashMap<>();
    List<Violation> out = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (e.kind().equals(HistoryEvent.ADAPTER_FAILED) && e.epoch() != null) {
        failedThrough.merge(e.node(), e.epoch(), Math::max);
      } else if (e.kind().equals(HistoryEvent.ADAPTER_DOWN) && !"reincarnated".equals(e.detail())) {
        Long failed = failedThrough.get(e.peer());
        if (failed == null || e.epoch() == null || failed < e.epoch()) {
          out.add(new Violation(NAME, e.node() + " declared " + e.peer() + " epoch " + e.epoch() + " down (" + e.detail()
              + ") at " + e.at() + ", but no fault had taken hold of it"));
        }
      }
    }
    return out;
  }
}
