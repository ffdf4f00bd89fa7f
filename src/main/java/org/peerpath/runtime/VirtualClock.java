package org.peerpath.runtime;

/**
 * The virtual clock of one system: written only by the driver, read by actors and by the driver.
 *
 * <p>Volatile so that a reader on another thread (a test thread between driving calls, or a second
 * driver thread after a hand-over) sees the last value; actors themselves run on the driver thread.
 */
final class VirtualClock implements ModelClock {

  private volatile long now;

  @Override
  public long nanos() {
    return now;
  }

  /** Moves the clock forward; moving it backwards is a bug in the driver, so it fails loudly. */
  void advanceTo(long nanos) {
    if (nanos < now) {
      throw new IllegalStateException(
          "virtual clock cannot move backwards: " + now + " -> " + nanos);
    }
    now = nanos;
  }
}
