package org.peerpath.experiment;

/**
 * One host command on its way through the model: which client sent it, what it asks, when the host
 * first sent it (its latency runs from there, across every resend), and its attempt. A failed
 * adapter's commands are given up by raising their attempt: every step of a path carries the
 * attempt it started with and does nothing when it finds a newer one, as the model's servers ignore
 * the signals of a stale attempt. The two flags are the waiting state of the peer path (block
 * 604b): the CSW in memory and the peer's notice, in either order.
 */
final class Command {
  final int client;
  final boolean read;
  final long block;
  final long firstSent;
  int attempt;
  int server;

  /** The adapter that holds this command (queued, at the disk, or moving its data), or -1. */
  int heldBy = -1;

  boolean cswWritten;
  boolean noticeReceived;

  Command(int client, boolean read, long block, long firstSent) {
    this.client = client;
    this.read = read;
    this.block = block;
    this.firstSent = firstSent;
  }

  /** {@code step}, to run only if this command is still on the attempt it is on now. */
  Runnable unlessGivenUp(Runnable step) {
    int current = attempt;
    return () -> {
      if (attempt == current) step.run();
    };
  }
}
