package org.peerpath.command;

import org.apache.pekko.util.ByteString;
import org.peerpath.CborSerializable;
import org.peerpath.history.HistoryEvent;

/**
 * The answer to one host command. {@code path}, {@code servedBy} and {@code order} describe the
 * attempt that completed it ({@code order} only on the peer path: which of the CSW and the notice
 * reached the origin server first); they are null when no adapter served it. Path and order are the
 * history's own, so a reply and the history's {@code reply} event name them alike, by the same wire
 * names ({@code "peer"}, {@code "notice-first"}).
 */
public record CommandResult(
    String id,
    Status status,
    String message,
    ByteString data,
    String server,
    HistoryEvent.Path path,
    String servedBy,
    HistoryEvent.Order order,
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
