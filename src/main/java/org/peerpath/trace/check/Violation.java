package org.peerpath.trace.check;

/** One broken invariant: which one, and what in the history shows it. */
public record Violation(String invariant, String detail) {
  @Override
  public String toString() {
    return invariant + ": " + detail;
  }
}
