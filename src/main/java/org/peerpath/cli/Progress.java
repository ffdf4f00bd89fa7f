package org.peerpath.cli;

/** A progress bar on stderr for anything that takes more than a moment, on a {@link StatusLine}. */
final class Progress {
  private final String what;
  private final int total;
  private final StatusLine line = StatusLine.onStderr();
  private final long start = System.nanoTime();

  Progress(String what, int total) {
    this.what = what;
    this.total = total;
  }

  synchronized void update(int done) {
    long now = System.nanoTime();
    if (!line.due(now, done >= total)) return;
    int width = 30;
    int filled = (int) ((long) width * done / total);
    line.draw(
        String.format(
            "[%s%s] %d/%d %s  %.1f s",
            "#".repeat(filled), ".".repeat(width - filled), done, total, what, (now - start) / 1e9),
        now);
  }

  synchronized void finish() {
    line.finish();
  }
}
