package org.peerpath.trace;

import java.util.Locale;

/**
 * On the peer path, which of the completion notice and the CSW's doorbell reached the origin server
 * first (docs/spec/trace-format.md, {@code order}; claim 5 is {@link #NOTICE_FIRST}). The reply and
 * the history carry the same word, {@link #wireName()}.
 */
public enum ArrivalOrder {
  /** The peer's forwarded notice arrived before the CSW's doorbell. */
  NOTICE_FIRST,
  /** The CSW's doorbell arrived before the notice. */
  CSW_FIRST;

  /** As a trace writes it: {@code notice-first} or {@code csw-first}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The order a trace's word names.
   *
   * @throws IllegalArgumentException for a word that is not {@code notice-first} or {@code
   *     csw-first}
   */
  public static ArrivalOrder parse(String text) {
    for (ArrivalOrder o : values()) if (o.wireName().equals(text)) return o;
    throw new IllegalArgumentException(
        "order must be 'notice-first' or 'csw-first', not '" + text + "'");
  }
}
