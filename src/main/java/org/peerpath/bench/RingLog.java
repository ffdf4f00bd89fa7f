package org.peerpath.bench;

import java.util.Arrays;

/**
 * The event log of a {@link RingBenchmark} run: one (actor, hop, virtual time) entry per hop, in
 * the order the hops were processed. Primitive arrays, because a run logs millions of hops. Written
 * only from actor code, which under virtual time runs on the driver thread alone.
 */
final class RingLog {

  private final int[] actors;
  private final long[] hops;
  private final long[] times;
  private int size;

  RingLog(int capacity) {
    actors = new int[capacity];
    hops = new long[capacity];
    times = new long[capacity];
  }

  /** Appends an entry; returns false (and records nothing) once the log is full. */
  boolean record(int actor, long hop, long nanos) {
    if (size == actors.length) {
      return false;
    }
    actors[size] = actor;
    hops[size] = hop;
    times[size] = nanos;
    size++;
    return true;
  }

  boolean full() {
    return size == actors.length;
  }

  int size() {
    return size;
  }

  /** Virtual time of the last entry (0 if empty). */
  long lastTime() {
    return size == 0 ? 0 : times[size - 1];
  }

  boolean sameAs(RingLog other) {
    return size == other.size
        && Arrays.equals(actors, 0, size, other.actors, 0, size)
        && Arrays.equals(hops, 0, size, other.hops, 0, size)
        && Arrays.equals(times, 0, size, other.times, 0, size);
  }
}
