package org.peerpath.cli;

import java.util.List;
import org.peerpath.history.Durations;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.Trace;

/**
 * Refuses a replay that would run for hours before it starts. Under virtual time nothing waits, but
 * every server's watchdog still ticks once a period for as long as the trace runs: a trace whose
 * last input is at 1000000s with a 1us watchdog (both valid) is 10^12 ticks, weeks of work. The
 * estimate is ticks = how long the run goes on / watchdog x servers.
 */
final class RunLength {
  /** About ten minutes of ticks on a 2-core machine (a million ticks or more a second). */
  static final long MAX_TICKS = 1_000_000_000L;

  private RunLength() {}

  /** Why these traces cannot be replayed in reasonable time, or null. */
  static String replay(List<Trace> traces) {
    for (Trace t : traces) {
      SubsystemSettings s = Replay.settings(t);
      long horizon = Replay.longestRunNanos(t, s);
      long tickNanos = Math.max(1, s.watchdog().toNanos());
      double ticks = (double) horizon / tickNanos * s.servers();
      if (ticks > MAX_TICKS) {
        return String.format(
            "replaying %s would take about %.1e watchdog ticks (%s of virtual time, a watchdog of %s, %d servers),"
                + " more than replay runs (%.0e, some minutes): give the trace a longer watchdog or end it sooner",
            t.name(),
            ticks,
            Durations.format(horizon),
            Durations.format(s.watchdog().toNanos()),
            s.servers(),
            (double) MAX_TICKS);
      }
    }
    return null;
  }
}
