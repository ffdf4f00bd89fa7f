package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.testing.Bytes;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceBuilder;

/** The host's history as register operations, with trace-v1's indeterminate writes. */
class HostOperationsTest {
  static final int SIZE = 512;

  static ByteString fill(int v) {
    return Bytes.fill(v, SIZE);
  }

  static HistoryEvent at(long t, Kind kind, String id) {
    return HistoryEvent.at(t, kind).id(id).node("host-1").build();
  }

  static CommandResult read(String id, ByteString data) {
    return new CommandResult(
        id, Status.GOOD, "", data, "server-1", HistoryEvent.Path.DIRECT, "adapter-1", null, 1);
  }

  /**
   * A write that ended {@code status} at 5, then reads at 10 and 20 see zeros and then its value.
   */
  static boolean linearizable(Status status) {
    Trace trace =
        new TraceBuilder("t")
            .config(Trace.Config.builder().servers(1).blockSize(SIZE).blocks(16).build())
            .write("0ms", "w", "server-1", 3, fill(7))
            .read("10ms", "r1", "server-1", 3, 1)
            .read("20ms", "r2", "server-1", 3, 1)
            .build();
    Map<String, CommandResult> replies =
        Map.of(
            "w",
            CommandResult.refused("w", "server-1", status, "", 1),
            "r1",
            read("r1", fill(0)),
            "r2",
            read("r2", fill(7)));
    List<HistoryEvent> history =
        List.of(
            at(0, Kind.SUBMITTED, "w"),
            at(5, Kind.REPLY, "w"),
            at(10, Kind.SUBMITTED, "r1"),
            at(11, Kind.REPLY, "r1"),
            at(20, Kind.SUBMITTED, "r2"),
            at(21, Kind.REPLY, "r2"));
    var ops = HostOperations.of(trace, replies, history, SIZE);
    return RegisterLinearizability.check(ops, fill(0)).linearizable();
  }

  @Test
  void aTimeoutOrNoPathWriteMayTakeEffectAfterItsReply() {
    assertEquals(true, linearizable(Status.TIMEOUT));
    assertEquals(true, linearizable(Status.NO_PATH));
  }

  @Test
  void aBusyOrBadRequestWriteHadNoEffectAndAMediumErrorOneNoneAfterItsReply() {
    assertEquals(false, linearizable(Status.BUSY));
    assertEquals(false, linearizable(Status.BAD_REQUEST));
    assertEquals(false, linearizable(Status.MEDIUM_ERROR));
  }
}
