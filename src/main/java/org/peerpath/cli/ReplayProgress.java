package org.peerpath.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.peerpath.history.Durations;

/**
 * How far a replay that runs long has come, on stderr: nothing for the first seconds (most replays
 * end well within them), then the virtual time reached against the most the trace can run, on a
 * {@link StatusLine}.
 */
final class ReplayProgress implements LongConsumer {
  /** Wall time before the first line: a replay that ends sooner shows nothing. */
  static final long QUIET_NANOS = 2_000_000_000L;

  private final String name;
  private final long horizonNanos;
  private final LongSupplier wallClock;
  private final StatusLine line;
  private final long start;

  ReplayProgress(
      String name, long horizonNanos, LongSupplier wallClock, PrintStream out, boolean terminal) {
    this.name = name;
    this.horizonNanos = horizonNanos;
    this.wallClock = wallClock;
    this.line = new StatusLine(out, terminal);
    this.start = wallClock.getAsLong();
  }

  /** For a replay of {@code name} that runs at most {@code horizonNanos} of virtual time. */
  static ReplayProgress onStderr(String name, long horizonNanos) {
    return new ReplayProgress(
        name, horizonNanos, System::nanoTime, System.err, System.console() != null);
  }

  @Override
  public void accept(long virtualNanos) {
    long now = wallClock.getAsLong();
    if (now - start < QUIET_NANOS || !line.due(now, false)) return;
    line.draw(
        String.format(
            "replaying %s: %s of virtual time of at most %s (%.0f%%), %.1f s",
            name,
            Durations.format(virtualNanos),
            Durations.format(horizonNanos),
            100.0 * virtualNanos / Math.max(1, horizonNanos),
            (now - start) / 1e9),
        now);
  }

  /** Ends the line redrawn on a terminal, if one was drawn. */
  void finish() {
    line.finish();
  }
}
