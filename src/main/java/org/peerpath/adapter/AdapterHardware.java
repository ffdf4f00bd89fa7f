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
  /**
   * How many epochs one incarnation of a server's node may use: incarnation {@code k}'s adapter
   * epochs lie in {@code k * EPOCHS_PER_INCARNATION + 1 ...}, above every epoch of the incarnations
   * before it, whatever was fenced for those.
   */
  public static final long EPOCHS_PER_INCARNATION = 1_000_000;

  private long epoch;

  /** The hardware of a node's first incarnation: epochs 1, 2, ... */
  public AdapterHardware() {
    this(0);
  }

  /**
   * The hardware of incarnation {@code incarnation} (0 for the first) of its server's node.
   *
   * @throws IllegalArgumentException for a negative incarnation, or one whose epochs do not fit
   */
  public AdapterHardware(long incarnation) {
    if (incarnation < 0 || incarnation > Long.MAX_VALUE / EPOCHS_PER_INCARNATION - 1)
      throw new IllegalArgumentException("no incarnation " + incarnation);
    this.epoch = incarnation * EPOCHS_PER_INCARNATION;
  }

  /** The newest epoch the incarnation that used {@code epoch} may have used. */
  public static long lastOfIncarnation(long epoch) {
    return (Math.max(epoch - 1, 0) / EPOCHS_PER_INCARNATION + 1) * EPOCHS_PER_INCARNATION;
  }

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
