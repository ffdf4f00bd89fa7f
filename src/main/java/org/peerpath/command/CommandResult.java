package org.peerpath.command;

import org.apache.pekko.util.ByteString;
import org.peerpath.CborSerializable;

/**
 * The answer to one host command. {@code path}, {@code servedBy} and {@code order} describe the
 * attempt that completed it ({@code order} only on the peer path: which of the CSW and the notice
 * reached the origin server first); they are null when no adapter served it.
 */
public record CommandResult(
    String id,
    Status status,
    String message,
    ByteString data,
    String server,
    String path,
    String servedBy,
    String order,
    int attempts)
    implements CborSerializable {

  public boolean isGood() {
    return status == Status.GOOD;
  }

  public static CommandResult refused(
      String id, String server, Status status, String message, int attempts) {
    return new CommandResult(
        id, status, message, ByteString.emptyByteString(), server, null, null, null, attempts);
  }
}
