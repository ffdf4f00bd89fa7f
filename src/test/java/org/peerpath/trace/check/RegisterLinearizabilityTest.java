package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.trace.check.BlockOperation.NO_REPLY;
import static org.peerpath.trace.check.BlockOperation.maybeWrite;
import static org.peerpath.trace.check.BlockOperation.read;
import static org.peerpath.trace.check.BlockOperation.write;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.testing.Bytes;
import org.peerpath.trace.check.RegisterLinearizability.Result;

/**
 * Hand-made histories of one or a few blocks, each small enough to check by eye. Times are in ns.
 */
class RegisterLinearizabilityTest {
  static final ByteString ZERO = ByteString.fromArray(new byte[8]);
  static final ByteString A = filled(0xA);
  static final ByteString B = filled(0xB);

  static ByteString filled(int b) {
    return Bytes.fill(b, 8);
  }

  static Result check(BlockOperation... ops) {
    return RegisterLinearizability.check(List.of(ops), ZERO);
  }

  static void assertLinearizable(Result r) {
    assertTrue(r.linearizable(), r.explanation());
    assertEquals(-1, r.block());
    assertEquals("", r.explanation());
  }

  static void assertViolation(Result r, String... named) {
    assertFalse(r.linearizable());
    assertFalse(r.searchLimitReached());
    for (String s : named) {
      assertTrue(r.explanation().contains(s), () -> "'" + s + "' missing from: " + r.explanation());
    }
  }

  @Test
  void sequentialWriteThenReadOfTheSameValueIsLinearizable() {
    assertLinearizable(check(write("w1", 0, 0, 10, A), read("r1", 0, 20, 30, A)));
  }

  @Test
  void readOfAValueNeverWrittenIsNotLinearizable() {
    Result r = check(write("w1", 0, 0, 10, A), read("r1", 0, 20, 30, B));
    assertViolation(r, "read r1", "0x0b0b0b0b0b0b0b0b", "neither the initial value nor written");
    assertEquals(0, r.statesVisited());
  }

  @Test
  void readOfZerosConcurrentWithAWriteIsLinearizable() {
    assertLinearizable(check(write("w1", 0, 0, 100, A), read("r1", 0, 10, 20, ZERO)));
  }

  @Test
  void readOfTheOldValueAfterALaterReadReturnedTheNewOneIsNotLinearizable() {
    Result r =
        check(write("w1", 0, 0, 10, A), read("r1", 0, 20, 30, A), read("r2", 0, 40, 50, ZERO));
    assertViolation(
        r, "read r2", "returned the initial value", "prefix: w1, r1", "holds w1's value");
  }

  @Test
  void readOfTheOldValueAfterANewerReadIsNotLinearizableEvenWhileTheWriteIsInFlight() {
    Result r =
        check(write("w1", 0, 0, 100, A), read("r1", 0, 10, 20, A), read("r2", 0, 30, 40, ZERO));
    assertViolation(r, "read r2", "returned the initial value");
  }

  @Test
  void twoConcurrentWritesReadBackAsBThenAAreNotLinearizable() {
    Result r =
        check(
            write("wA", 0, 0, 10, A),
            write("wB", 0, 0, 10, B),
            read("r1", 0, 20, 30, B),
            read("r2", 0, 40, 50, A));
    assertViolation(
        r,
        "read r2",
        "returned wA's value",
        "Writes r2 could have read: wA [0ms, 10ns], wB [0ms, 10ns].");
  }

  @Test
  void twoConcurrentWritesReadBackAsAThenAAreLinearizable() {
    assertLinearizable(
        check(
            write("wA", 0, 0, 10, A),
            write("wB", 0, 0, 10, B),
            read("r1", 0, 20, 30, A),
            read("r2", 0, 40, 50, A)));
  }

  @Test
  void readOverlappingAWriteMayReturnEitherValue() {
    assertLinearizable(
        check(write("w1", 0, 0, 10, A), write("w2", 0, 20, 40, B), read("r1", 0, 30, 50, A)));
    assertLinearizable(
        check(write("w1", 0, 0, 10, A), write("w2", 0, 20, 40, B), read("r1", 0, 30, 50, B)));
  }

  @Test
  void readStartingAfterAWriteCompletedMustNotReturnTheValueFromBeforeIt() {
    Result r = check(write("w1", 0, 0, 10, A), read("r1", 0, 20, 30, ZERO));
    assertViolation(
        r,
        "read r1",
        "returned the initial value",
        "prefix: w1",
        "Writes r1 could have read: w1 [0ms, 10ns].");
  }

  @Test
  void readStartingAfterAWriteCompletedMayReturnTheOldValueIfAnOverlappingWriteRestoredIt() {
    assertLinearizable(
        check(write("w1", 0, 0, 10, A), write("w2", 0, 15, 40, ZERO), read("r1", 0, 20, 30, ZERO)));
  }

  @Test
  void readInvokedAtTheInstantAWriteCompletesOverlapsIt() {
    assertLinearizable(check(write("w1", 0, 0, 10, A), read("r1", 0, 10, 20, ZERO)));
  }

  @Test
  void maybeWriteWhoseValueIsReadLaterIsLinearizable() {
    assertLinearizable(check(maybeWrite("w1", 0, 0, 10, A), read("r1", 0, 20, 30, A)));
  }

  @Test
  void maybeWriteNeverSeenIsLinearizable() {
    assertLinearizable(
        check(
            maybeWrite("w1", 0, 0, 10, A),
            read("r1", 0, 20, 30, ZERO),
            read("r2", 0, 40, 50, ZERO)));
  }

  @Test
  void failedWriteCannotTakeEffectAfterItsReply() {
    Result r =
        check(maybeWrite("w1", 0, 0, 10, A), read("r1", 0, 20, 30, ZERO), read("r2", 0, 40, 50, A));
    assertViolation(r, "read r2", "returned w1's value", "w1 [0ms, 10ns] maybe");
  }

  @Test
  void timedOutWriteAppliedMuchLaterIsLinearizable() {
    assertLinearizable(
        check(
            maybeWrite("w1", 0, 0, NO_REPLY, A),
            read("r1", 0, 1_000, 2_000, ZERO),
            read("r2", 0, 5_000_000, 5_000_100, ZERO),
            read("r3", 0, 9_000_000, 9_000_100, A)));
  }

  @Test
  void timedOutWriteOnceSeenCannotBeUndone() {
    Result r =
        check(
            maybeWrite("w1", 0, 0, NO_REPLY, A),
            read("r1", 0, 1_000, 2_000, A),
            read("r2", 0, 3_000, 4_000, ZERO));
    assertViolation(r, "read r2", "w1 [0ms, no reply] maybe");
  }

  @Test
  void failedWriteWhoseValueIsReadBeforeItWasInvokedIsNotLinearizable() {
    Result r = check(read("r1", 0, 0, 10, A), maybeWrite("w1", 0, 20, 30, A));
    assertViolation(r, "read r1", "returned w1's value", "Writes r1 could have read: none.");
  }

  @Test
  void writeOfTheInitialValueIsNamedAsSuch() {
    Result r =
        check(write("w1", 0, 0, 10, A), write("w0", 0, 20, 30, ZERO), read("r1", 0, 40, 50, A));
    assertViolation(r, "holds the initial value, also written by w0)");
  }

  @Test
  void violationOnBlockSevenOfAMultiBlockHistoryIsReportedAsBlockSeven() {
    List<BlockOperation> ops = new ArrayList<>();
    for (long block = 6; block <= 8; block++) {
      ops.add(write("c1", block, 0, 10, A));
      ops.add(read("c2", block, 20, 30, A));
      ops.add(write("c3", block, 40, 50, B));
      ops.add(read("c4", block, 60, 70, block == 7 ? A : B));
    }
    Result r = RegisterLinearizability.check(ops, ZERO);
    assertViolation(r, "block 7: read c4 [60ns, 70ns] returned c1's value");
    assertEquals(7, r.block());
    assertEquals(2, r.blocksChecked());
    assertEquals(8, r.operations());
  }

  @Test
  void explanationNamesTheReadTheValueItReturnedAndTheCandidateWrites() {
    Result r =
        check(
            write("w1", 0, 0, 10_000, A),
            write("w2", 0, 5_000, 20_000, B),
            read("r1", 0, 30_000, 40_000, B),
            read("r2", 0, 50_000, 60_000, A),
            write("w3", 0, 70_000, 80_000, A));
    assertEquals(
        "block 0: read r2 [50us, 60us] returned the value of w1 and w3, which no linearization allows. "
            + "Furthest linearizable prefix: w1, w2, r1 (the block then holds w2's value). "
            + "Writes r2 could have read: w1 [0ms, 10us], w2 [5us, 20us].",
        r.explanation());
  }

  @Test
  void sameHistoryInAnyInputOrderGivesTheSameResult() {
    List<BlockOperation> ops =
        new ArrayList<>(
            List.of(
                write("wA", 3, 0, 10, A),
                write("wB", 3, 0, 10, B),
                read("r1", 3, 20, 30, B),
                read("r2", 3, 40, 50, A),
                write("x", 1, 0, 5, A),
                read("y", 1, 6, 9, A)));
    Result first = RegisterLinearizability.check(ops, ZERO);
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(ops, random);
      assertEquals(first, RegisterLinearizability.check(ops, ZERO));
    }
  }

  /**
   * w1 and w7 write the same value, which keeps the block from the zone check: the search, and its
   * limit, decide.
   */
  @Test
  void searchBeyondTheStateLimitIsReportedAsUndecided() {
    List<BlockOperation> ops = new ArrayList<>();
    for (int i = 0; i < 8; i++) ops.add(write("w" + i, 0, 0, 100, filled(i == 7 ? 2 : i + 1)));
    ops.add(read("r1", 0, 200, 300, filled(1)));
    assertTrue(RegisterLinearizability.check(ops, ZERO).linearizable());
    Result r = RegisterLinearizability.check(ops, ZERO, 10);
    assertFalse(r.linearizable());
    assertTrue(r.searchLimitReached());
    assertTrue(
        r.explanation().startsWith("block 0: search limit reached after 11 states"),
        r.explanation());
  }

  @Test
  void blockWhoseWritesAllWriteDistinctValuesNeedsNoSearch() {
    List<BlockOperation> ops = new ArrayList<>();
    for (int i = 0; i < 8; i++) ops.add(write("w" + i, 0, 0, 100, filled(i + 1)));
    ops.add(read("r1", 0, 200, 300, filled(1)));
    Result r = RegisterLinearizability.check(ops, ZERO, 10);
    assertLinearizable(r);
    assertEquals(0, r.statesVisited());
  }

  @Test
  void emptyHistoryIsLinearizable() {
    Result r = RegisterLinearizability.check(List.of(), ZERO);
    assertLinearizable(r);
    assertEquals(0, r.blocksChecked());
  }

  @Test
  void operationsThatCannotBeCheckedAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> write("w1", 0, 10, 5, A));
    assertThrows(IllegalArgumentException.class, () -> write("w1", 0, 10, NO_REPLY, A));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BlockOperation("r1", 0, false, A, 0, 10, BlockOperation.Outcome.MAYBE));
  }
}
