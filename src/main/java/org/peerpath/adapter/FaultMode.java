package org.peerpath.adapter;

/**
 * How an adapter fails (docs/architecture.md §5): each is found by a different means of
 * supervision.
 */
public enum FaultMode {
  /** Permanent until repaired: the adapter stops; its server sees it terminate. */
  CRASH,
  /** Temporary: the adapter restarts and is back by itself after a while. */
  RESET,
  /** The adapter stops answering; its server's watchdog finds it. */
  HANG;

  public static FaultMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "fault mode must be crash, reset or hang, not '" + text + "'");
    }
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
