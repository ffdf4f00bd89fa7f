package org.peerpath.command;

/** The two operations a host can ask of the disk. */
public enum Op {
  READ,
  WRITE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
