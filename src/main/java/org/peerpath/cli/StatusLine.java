package org.peerpath.cli;

import java.io.PrintStream;

/**
 * One line of progress: redrawn in place on a terminal (at most ten times a second), a line every
 * few seconds elsewhere, so that logs and CI stay readable. What the line says is its owner's.
 */
final class StatusLine {
  private static final long TERMINAL_NANOS = 100_000_000L;
  private static final long LOG_NANOS = 3_000_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private long lastDrawn;
  private boolean drawn;

  StatusLine(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** On stderr, redrawn if it is a terminal. */
  static StatusLine onStderr() {
    return new StatusLine(System.err, System.console() != null);
  }

  /**
   * Whether a line is due at {@code now} (nanoseconds): the first always, then one a while after
   * the last, or at once if {@code last} (the final figure).
   */
  boolean due(long now, boolean last) {
    return !drawn || last || now - lastDrawn >= (terminal ? TERMINAL_NANOS : LOG_NANOS);
  }

  /** Shows {@code line}, drawn at {@code now}. */
  void draw(String line, long now) {
    lastDrawn = now;
    drawn = true;
    if (terminal) out.print("\r" + line);
    else out.println(line);
  }

  /** Ends the line redrawn on a terminal, if one was drawn. */
  void finish() {
    if (terminal && drawn) out.println();
  }
}
