package org.peerpath.cli;

/**
 * A progress bar on stderr for anything that takes more than a moment: redrawn in place on a
 * terminal, a line every few seconds elsewhere, so logs and CI stay readable.
 */
final class Progress {
  private final String what;
  private final int total;
  private final boolean terminal = System.console() != null;
  private final long start = System.nanoTime();
  private long lastDrawn;

  Progress(String what, int total) {
    this.what = what;
    this.total = total;
  }

  synchronized void update(int done) {
    long now = System.nanoTime();
    if (done < total && now - lastDrawn < (terminal ? 100_000_000L : 3_000_000_000L)) return;
    lastDrawn = now;
    int width = 30;
    int filled = (int) ((long) width * done / total);
    String line =
        String.format(
            "[%s%s] %d/%d %s  %.1f s",
            "#".repeat(filled), ".".repeat(width - filled), done, total, what, (now - start) / 1e9);
    if (terminal) System.err.print("\r" + line);
    else System.err.println(line);
  }

  synchronized void finish() {
    if (terminal) System.err.println();
  }
}
