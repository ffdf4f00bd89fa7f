package org.peerpath.adapter;

/**
 * What outlives one adapter incarnation: its epoch counter, its job tags and a reset in progress,
 * as a card's firmware keeps them across a software restart. Job tags must not start again at zero
 * after a restart, or a late reply to the old incarnation's job would be taken for the new
 * incarnation's job of the same number. Pekko's restart builds a fresh behaviour, so the server
 * hands the same object to every incarnation it spawns. Touched only by the adapter actor and,
 * before spawning, its server.
 */
public final class AdapterHardware {
  private long epoch;
  private long resetNanos;
  private long tags;

  long nextTag() {
    return ++tags;
  }

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
