package org.peerpath.server;

/**
 * When a command completes at its origin server (claims 5 and 7). On the peer path the "notice" is
 * the peer server's forwarded completion notice; on the direct path it is the own adapter's
 * completion, so a direct command under {@code both} also waits for its CSW and its completion.
 */
public enum Completion implements CompletionRule {
  /** Only once both the CSW and the completion notice have arrived, in either order. */
  BOTH,
  /** On the CSW alone; the notice is still forwarded and recorded. */
  CSW_ONLY;

  /** The rule reference.conf's {@code completion} and a trace's config line name. */
  public static Completion parse(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "both" -> BOTH;
      case "csw-only" -> CSW_ONLY;
      default ->
          throw new IllegalArgumentException(
              "completion must be 'both' or 'csw-only', not '" + text + "'");
    };
  }

  @Override
  public boolean completes(boolean cswIn, boolean noticeIn) {
    return this == BOTH ? cswIn && noticeIn : cswIn;
  }

  /** The name {@link #parse} reads: {@code both} or {@code csw-only}. */
  public String wireName() {
    return this == BOTH ? "both" : "csw-only";
  }
}
