package org.peerpath.trace;

import java.util.Locale;

/**
 * The path that completed a command, as an expectation names it (docs/spec/trace-format.md, {@code
 * path}): its own server's adapter, or the peer's adapter working out of the origin server's memory
 * (claims 1 and 2). The reply and the history carry the same word, {@link #wireName()}.
 */
public enum CommandPath {
  /** The origin server's own adapter served it. */
  DIRECT,
  /** A peer server's adapter served it, by DMA into the origin server's memory. */
  PEER;

  /** As a trace writes it: {@code direct} or {@code peer}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The path a trace's word names.
   *
   * @throws IllegalArgumentException for a word that is not {@code direct} or {@code peer}
   */
  public static CommandPath parse(String text) {
    for (CommandPath p : values()) if (p.wireName().equals(text)) return p;
    throw new IllegalArgumentException("path must be 'direct' or 'peer', not '" + text + "'");
  }
}
