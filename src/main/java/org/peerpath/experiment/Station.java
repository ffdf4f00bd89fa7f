package org.peerpath.experiment;

/**
 * One resource a command waits for: a first-in-first-out queue served by a fixed number of channels
 * (a server's cores, an adapter, the disk's parallel units, one direction of a link), each job
 * holding a channel for its service time. After its service a job travels for the station's fixed
 * latency (a wire's propagation, a switch's hop) without holding the channel, then its continuation
 * runs. With more than one channel, or with jobs of different lengths on stations side by side,
 * commands finish in another order than they started: contention reorders, as the patent notes.
 *
 * <p>Service times are known when a job arrives, so first-in-first-out needs no queue of its own: a
 * job takes the channel that frees first, starts when it does (or at once), and its end is known on
 * arrival. One event per job, at the moment its continuation runs.
 */
final class Station {
  private final String name;
  private final EventQueue events;
  private final long latency;

  /** When each channel is next free: a min-heap, the earliest at [0]. */
  private final long[] freeAt;

  private long busyNanos;
  private long served;

  Station(String name, EventQueue events, int channels, long latency) {
    if (channels < 1) throw new IllegalArgumentException(name + ": no channel");
    this.name = name;
    this.events = events;
    this.latency = latency;
    this.freeAt = new long[channels];
  }

  String name() {
    return name;
  }

  int channels() {
    return freeAt.length;
  }

  /**
   * Queues a job of {@code service} nanoseconds; {@code then} runs once it is served and across.
   */
  void submit(long service, Runnable then) {
    long now = events.now();
    long start = Math.max(now, freeAt[0]);
    freeAt[0] = start + service;
    siftDown();
    busyNanos += service;
    served++;
    events.after(start + service + latency - now, then);
  }

  private void siftDown() {
    long v = freeAt[0];
    int i = 0;
    int n = freeAt.length;
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && freeAt[child + 1] < freeAt[child]) child++;
      if (freeAt[child] >= v) break;
      freeAt[i] = freeAt[child];
      i = child;
    }
    freeAt[i] = v;
  }

  /**
   * A failed adapter takes nothing more from its queue: every channel is free from now. The jobs it
   * had taken still end as planned, and their commands, already given up, ignore them.
   */
  void dropWaiting() {
    long now = events.now();
    // min(x, now) keeps the heap's order: it never reverses two values.
    for (int i = 0; i < freeAt.length; i++) freeAt[i] = Math.min(freeAt[i], now);
  }

  /** Jobs served so far (counted when they arrive). */
  long served() {
    return served;
  }

  /**
   * Channel-nanoseconds of service taken so far, counted when each job arrives: utilisation over a
   * span is its growth over channels x the span.
   */
  long busyNanos() {
    return busyNanos;
  }
}
