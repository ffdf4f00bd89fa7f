package org.peerpath.command;

/**
 * How a command ended (docs/architecture.md §8), plus the two refusals that fencing produces
 * internally.
 */
public enum Status {
  GOOD(0),
  BAD_REQUEST(1),
  NO_PATH(2),
  TIMEOUT(3),
  MEDIUM_ERROR(4),
  DMA_FAULT(5),
  RESERVATION_CONFLICT(6),
  /** The server already held queue-depth commands: nothing was done (SCSI's TASK SET FULL). */
  BUSY(7);

  /** values() copies its array on every call; a CSW is decoded for every command. */
  private static final Status[] ALL = values();

  private final int code;

  Status(int code) {
    this.code = code;
  }

  /** Whether a host can be answered with it; the other two are refusals inside the subsystem. */
  public boolean reachesHost() {
    return this != DMA_FAULT && this != RESERVATION_CONFLICT;
  }

  /** The number written into a command status word. */
  public int code() {
    return code;
  }

  public static Status ofCode(int code) {
    for (Status s : ALL) {
      if (s.code == code) return s;
    }
    throw new IllegalArgumentException("no status with code " + code);
  }
}
