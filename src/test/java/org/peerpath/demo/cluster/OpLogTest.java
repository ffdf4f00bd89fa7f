package org.peerpath.demo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.trace.check.BlockOperation;

/**
 * The clustered demo's client history: each command's outcome by its op and its answer (ok, failed,
 * indeterminate), what goes to the linearizability check, and what each block may hold before the
 * read-back.
 */
class OpLogTest {
  static final int BLOCK = 16;
  final OpLog log = new OpLog(System.nanoTime(), BLOCK);

  /** The bytes write {@code id} puts in block {@code lba}, as the demo's workload writes them. */
  static ByteString value(String id, long lba) {
    return ByteString.fromArrayUnsafe(OpLog.Values.block(BLOCK, id, lba));
  }

  private IoCommand write(String id, long lba, int blocks) {
    ByteString data = ByteString.emptyByteString();
    for (int k = 0; k < blocks; k++) data = data.concat(value(id, lba + k));
    IoCommand c = IoCommand.write(id, lba, BLOCK, data);
    log.invoked(c, "server-1", false);
    return c;
  }

  private IoCommand read(String id, long lba, boolean readBack) {
    IoCommand c = IoCommand.read(id, lba, 1);
    log.invoked(c, "server-1", readBack);
    return c;
  }

  private OpLog.Entry good(IoCommand c, ByteString data) {
    return log.completed(
        new CommandResult(
            c.id(),
            Status.GOOD,
            "",
            data,
            "server-1",
            HistoryEvent.Path.DIRECT,
            "adapter-1",
            null,
            1));
  }

  private OpLog.Entry answered(IoCommand c, Status status, String message) {
    return log.completed(CommandResult.refused(c.id(), "server-1", status, message, 0));
  }

  private OpLog.Entry entry(String id) {
    return log.entries().stream()
        .filter(e -> e.command().id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private List<BlockOperation> operationsOf(String id) {
    return log.operations().stream().filter(o -> o.id().equals(id)).toList();
  }

  @Test
  void aGoodWriteOrReadIsOkAndCheckedAsItHappened() {
    OpLog.Entry w = good(write("w1", 3, 1), ByteString.emptyByteString());
    OpLog.Entry r = good(read("r1", 3, false), value("w1", 3));
    for (OpLog.Entry e : List.of(w, r)) {
      assertTrue(e.ok(), e.toString());
      assertFalse(e.indeterminate(), e.toString());
    }
    BlockOperation wrote = operationsOf("w1").get(0);
    assertEquals(BlockOperation.Outcome.OK, wrote.outcome());
    assertEquals(w.completeNanos(), wrote.completeNanos());
    assertEquals(value("w1", 3), wrote.value());
    BlockOperation readOp = operationsOf("r1").get(0);
    assertFalse(readOp.write());
    assertEquals(value("w1", 3), readOp.value());
  }

  @Test
  void aWriteRefusedBadRequestOrBusyIsFailedAndLeftOutOfTheCheck() {
    for (Status status : List.of(Status.BAD_REQUEST, Status.BUSY)) {
      String id = "w-" + status;
      OpLog.Entry e = answered(write(id, 5, 1), status, "refused");
      assertFalse(e.ok(), id);
      assertFalse(e.indeterminate(), id + ": nothing was done");
      assertEquals(List.of(), operationsOf(id));
    }
    assertFalse(log.allowedAfterWorkload().containsKey(5L), "a refused write allowed its value");
  }

  @Test
  void aWriteThatFailedOtherwiseMayHaveLandedAtAnyTimeAfterItWasSent() {
    for (Status status :
        List.of(
            Status.TIMEOUT,
            Status.NO_PATH,
            Status.MEDIUM_ERROR,
            Status.DMA_FAULT,
            Status.RESERVATION_CONFLICT)) {
      String id = "w-" + status;
      OpLog.Entry e = answered(write(id, 6, 1), status, "failed");
      assertFalse(e.ok(), id);
      assertTrue(e.indeterminate(), id);
      List<BlockOperation> ops = operationsOf(id);
      assertEquals(1, ops.size(), id);
      assertEquals(BlockOperation.Outcome.MAYBE, ops.get(0).outcome(), id);
      assertEquals(BlockOperation.NO_REPLY, ops.get(0).completeNanos(), id);
      assertEquals(e.invokeNanos(), ops.get(0).invokeNanos(), id);
    }
  }

  @Test
  void aTimeoutOfAResentWriteIsIndeterminateAndItsValueStaysAllowed() {
    // As the host answers a resent write that the next server kept refusing BUSY: TIMEOUT, not BUSY
    // (Host.onReplied), since the first server may have done it before the host gave it
    // up. The launcher's record must keep such a write possible.
    OpLog.Entry e =
        log.completed(
            CommandResult.refused(
                write("w7", 9, 1).id(),
                null,
                Status.TIMEOUT,
                "resent, and still BUSY after 64 tries",
                2));
    assertTrue(e.indeterminate());
    assertEquals(BlockOperation.Outcome.MAYBE, operationsOf("w7").get(0).outcome());
    assertTrue(log.allowedAfterWorkload().get(9L).contains(value("w7", 9)));
  }

  @Test
  void aWriteWithNoAnswerByTheEndIsIndeterminate() {
    write("w8", 4, 2);
    OpLog.Entry e = entry("w8");
    assertFalse(e.answered());
    assertTrue(e.indeterminate());
    List<BlockOperation> ops = operationsOf("w8");
    assertEquals(2, ops.size(), "one per block");
    for (BlockOperation o : ops) assertEquals(BlockOperation.Outcome.MAYBE, o.outcome());
    assertEquals(value("w8", 5), ops.get(1).value());
  }

  @Test
  void aReadThatReturnedNothingIsFailedWhetherAnsweredOrNot() {
    for (Status status : List.of(Status.TIMEOUT, Status.NO_PATH, Status.BUSY, Status.MEDIUM_ERROR))
      answered(read("r-" + status, 2, false), status, "failed");
    read("r-unanswered", 2, false);
    for (OpLog.Entry e : log.entries()) {
      assertFalse(e.ok(), e.command().id());
      assertFalse(e.indeterminate(), e.command().id() + ": a read changes no block");
    }
    assertEquals(List.of(), log.operations());
    assertEquals(Map.of(), log.allowedAfterWorkload());
  }

  @Test
  void aSecondAnswerChangesNothing() {
    IoCommand c = write("w9", 1, 1);
    good(c, ByteString.emptyByteString());
    assertNull(answered(c, Status.TIMEOUT, "late"));
    assertTrue(entry("w9").ok());
    assertEquals(new OpLog.Counts(1, 1, 1, 1, 0), log.counts());
  }

  // ---- what each block may hold before the read-back ----

  @Test
  void aBlockHoldsItsLastAcknowledgedWriteOnly() {
    good(write("w1", 3, 2), ByteString.emptyByteString());
    good(write("w2", 4, 1), ByteString.emptyByteString());
    Map<Long, Set<ByteString>> allowed = log.allowedAfterWorkload();
    assertEquals(Set.of(3L, 4L), allowed.keySet());
    assertEquals(Set.of(value("w1", 3)), allowed.get(3L));
    assertEquals(Set.of(value("w2", 4)), allowed.get(4L), "w1's block 4 was overwritten");
  }

  @Test
  void anIndeterminateWriteMayBeThereBeforeOrAfterTheAcknowledgedOnes() {
    good(write("w1", 3, 1), ByteString.emptyByteString());
    answered(write("w2", 3, 1), Status.TIMEOUT, "no answer after 3 sends");
    // Sent before w3 was acknowledged, w2 may still land after it: it has no completion.
    good(write("w3", 3, 1), ByteString.emptyByteString());
    assertEquals(Set.of(value("w3", 3), value("w2", 3)), log.allowedAfterWorkload().get(3L));
  }

  @Test
  void aBlockOnlyAnIndeterminateWriteTouchedMayStillHoldZeros() {
    write("w1", 8, 1); // never answered
    assertEquals(Set.of(log.zeros(), value("w1", 8)), log.allowedAfterWorkload().get(8L));
  }

  @Test
  void readsAndReadBacksAllowNothing() {
    good(read("r1", 11, false), value("x", 11));
    good(read("rb1", 12, true), value("y", 12));
    assertEquals(Map.of(), log.allowedAfterWorkload());
  }
}
