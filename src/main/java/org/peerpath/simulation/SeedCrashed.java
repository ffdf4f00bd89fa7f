package org.peerpath.simulation;

/**
 * A seed whose run or shrinking threw instead of ending in a verdict. It carries the seed, so that
 * whoever reports it can say how to run that seed again: under virtual time the same seed throws
 * the same way.
 */
public final class SeedCrashed extends RuntimeException {
  private final long seed;

  public SeedCrashed(long seed, Throwable cause) {
    super("seed " + seed + ": " + cause, cause);
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }
}
