package org.peerpath.adapter;

/**
 * What outlives one adapter incarnation: its epoch counter and a reset in progress, as a card's
 * firmware keeps them across a software restart. Pekko's restart builds a fresh behaviour, so
 * the server hands the same object to every incarnation it spawns. Touched only by the adapter
 * actor and, before spawning, its server.
 */
public final class AdapterHardware {
  private long epoch;
  private long resetNanos;

  /** The epoch of the incarnation that starts now. */
  long nextEpoch() {
    return ++epoch;
  }

  public long currentEpoch() {
    return epoch;
  }

  void beginReset(long nanos) {
    resetNanos = nanos;
  }

  /** How long the reset that caused this start lasts, or 0; reading it clears it. */
  long takeReset() {
    long nanos = resetNanos;
    resetNanos = 0;
    return nanos;
  }
}
