package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.trace.check.BlockOperation.NO_REPLY;
import static org.peerpath.trace.check.BlockOperation.maybeWrite;
import static org.peerpath.trace.check.BlockOperation.read;
import static org.peerpath.trace.check.BlockOperation.write;
import static org.peerpath.trace.check.RegisterLinearizabilityTest.ZERO;
import static org.peerpath.trace.check.RegisterLinearizabilityTest.filled;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.trace.check.RegisterLinearizability.Result;

/**
 * The zone check's boundaries, each case next to the one an instant away, with the verdict of
 * trying every order alongside, and its words. Times are in ns; every write writes its own value.
 */
class RegisterZonesTest {
  static final ByteString A = filled(0xA);
  static final ByteString B = filled(0xB);
  static final ByteString C = filled(0xC);

  /** The zone check's verdict, which must be that of trying every order and of the search. */
  static boolean zones(BlockOperation... history) {
    List<BlockOperation> ops = new ArrayList<>(List.of(history));
    ops.sort(ZonesAgreeWithSearchTest.TIME_ORDER);
    int[] values = new BlockValues(ops, ZERO).opValues();
    RegisterZones z = RegisterZones.ifDistinctWrites(ops, values);
    assertTrue(z != null, "the zone check should apply");
    boolean verdict = z.conflict() == null;
    assertEquals(
        BruteForceLinearizability.linearizable(ops, ZERO), verdict, "brute force disagrees");
    assertEquals(
        new RegisterSearch(ops, values, Long.MAX_VALUE).run()
            == RegisterSearch.Verdict.LINEARIZABLE,
        verdict,
        "the search disagrees");
    return verdict;
  }

  /** The zone check's words alone, as they stand when the explaining search does not finish. */
  static String zoneWords(BlockOperation... history) {
    List<BlockOperation> ops = new ArrayList<>(List.of(history));
    ops.sort(ZonesAgreeWithSearchTest.TIME_ORDER);
    BlockValues values = new BlockValues(ops, ZERO);
    RegisterZones z = RegisterZones.ifDistinctWrites(ops, values.opValues());
    return "block 0: " + z.describe(z.conflict(), values) + ".";
  }

  @Test
  void forwardZonesThatShareOnlyAnEndpointDoNotConflict() {
    // A: f = 10 (wA), s = 20 (rA). B: f = 10 (wB), s = rB's invoke. They conflict when 10 < s(B).
    assertTrue(
        zones(
            write("wA", 0, 0, 10, A),
            read("rA", 0, 20, 30, A),
            write("wB", 0, 0, 10, B),
            read("rB", 0, 10, 40, B)));
    assertTrue(
        !zones(
            write("wA", 0, 0, 10, A),
            read("rA", 0, 20, 30, A),
            write("wB", 0, 0, 10, B),
            read("rB", 0, 11, 40, B)));
  }

  @Test
  void backwardZoneTouchingAForwardZonesEndDoesNotConflict() {
    // A's forward zone is [10, 20]; wB's backward zone [s, f] conflicts only strictly inside it.
    assertTrue(
        zones(write("wA", 0, 0, 10, A), read("rA", 0, 20, 30, A), write("wB", 0, 10, 19, B)));
    assertTrue(
        zones(write("wA", 0, 0, 10, A), read("rA", 0, 20, 30, A), write("wB", 0, 11, 20, B)));
    assertTrue(
        !zones(write("wA", 0, 0, 10, A), read("rA", 0, 20, 30, A), write("wB", 0, 11, 19, B)));
  }

  @Test
  void readCompletingAtTheInstantItsWriteIsInvokedMayReadIt() {
    assertTrue(zones(read("rA", 0, 0, 5, A), write("wA", 0, 5, 10, A)));
    assertTrue(!zones(read("rA", 0, 0, 4, A), write("wA", 0, 5, 10, A)));
    assertEquals(
        "block 0: read rA [0ms, 4ns] returned wA's value, but write wA [5ns, 10ns] was invoked only after rA"
            + " completed.",
        zoneWords(read("rA", 0, 0, 4, A), write("wA", 0, 5, 10, A)));
  }

  @Test
  void readOfTheInitialValueInvokedAtTheInstantAnotherValueWasSeenMayStillReadIt() {
    assertTrue(zones(write("wA", 0, 0, 10, A), read("rA", 0, 5, 8, A), read("r0", 0, 8, 20, ZERO)));
    assertTrue(
        !zones(write("wA", 0, 0, 10, A), read("rA", 0, 5, 8, A), read("r0", 0, 9, 20, ZERO)));
    assertEquals(
        "block 0: read r0 [9ns, 20ns] returned the initial value but was invoked after read rA [5ns, 8ns] of"
            + " wA's value completed, so the initial value had been replaced before it (no write writes the initial value).",
        zoneWords(write("wA", 0, 0, 10, A), read("rA", 0, 5, 8, A), read("r0", 0, 9, 20, ZERO)));
  }

  @Test
  void crossedClustersAreExplainedByTheFourOperationsThatCross() {
    BlockOperation[] ops = {
      write("w3", 0, 0, 10, A),
      write("w5", 0, 0, 12, B),
      read("r7", 0, 20, 30, B),
      read("r9", 0, 40, 50, A),
      write("w6", 0, 60, 70, C)
    };
    assertTrue(!zones(ops));
    assertEquals(
        "block 0: read r7 [20ns, 30ns] returned w5's value but was invoked after write w3 [0ms, 10ns] completed,"
            + " and read r9 [40ns, 50ns] returned w3's value but was invoked after write w5 [0ms, 12ns] completed: w3's"
            + " value had to come before w5's value and w5's value before w3's value, but no two writes"
            + " write the same value, so a value once replaced never comes back.",
        zoneWords(ops));
  }

  @Test
  void withASearchThatFinishesTheUsualWordsComeFirst() {
    Result r =
        RegisterLinearizability.check(
            List.of(
                write("w3", 0, 0, 10, A),
                write("w5", 0, 0, 12, B),
                read("r7", 0, 20, 30, B),
                read("r9", 0, 40, 50, A)),
            ZERO);
    assertEquals(
        "block 0: read r9 [40ns, 50ns] returned w3's value, which no linearization allows. Furthest"
            + " linearizable prefix: w3, w5, r7 (the block then holds w5's value). Writes r9 could have read: w3 [0ms, 10ns],"
            + " w5 [0ms, 12ns]. In short: read r7 [20ns, 30ns] returned w5's value but was invoked after write w3 [0ms, 10ns]"
            + " completed, and read r9 [40ns, 50ns] returned w3's value but was invoked after write w5 [0ms, 12ns]"
            + " completed: w3's value had to come before w5's value and w5's value before w3's value, but no two"
            + " writes write the same value, so a value once replaced never comes back.",
        r.explanation());
  }

  @Test
  void maybeWriteNobodyReadIsLeftOut() {
    assertTrue(zones(maybeWrite("mA", 0, 0, 10, A), read("r0", 0, 20, 30, ZERO)));
    assertTrue(
        zones(write("wB", 0, 0, 5, B), maybeWrite("mA", 0, 10, 20, A), read("rB", 0, 30, 40, B)));
    Result r =
        RegisterLinearizability.check(
            List.of(maybeWrite("mA", 0, 0, 10, A), read("r0", 0, 20, 30, ZERO)), ZERO);
    assertTrue(r.linearizable());
    assertEquals(0, r.statesVisited());
  }

  @Test
  void maybeWriteSomeoneReadTookEffectWithinItsInterval() {
    assertTrue(
        zones(maybeWrite("mA", 0, 0, 10, A), read("r0", 0, 5, 30, ZERO), read("rA", 0, 20, 30, A)));
    assertTrue(
        !zones(
            maybeWrite("mA", 0, 0, 10, A), read("r0", 0, 11, 30, ZERO), read("rA", 0, 20, 30, A)));
    assertEquals(
        "block 0: read r0 [11ns, 30ns] returned the initial value but was invoked after write mA [0ms, 10ns]"
            + " maybe completed, so the initial value had been replaced before it (no write writes the initial value).",
        zoneWords(
            maybeWrite("mA", 0, 0, 10, A), read("r0", 0, 11, 30, ZERO), read("rA", 0, 20, 30, A)));
  }

  @Test
  void maybeWriteWithoutAReplySomeoneReadTookEffectAnyTimeAfterItsInvoke() {
    // mA may take effect after rB, however late, but B cannot come back after rA read A.
    assertTrue(
        zones(
            maybeWrite("mA", 0, 0, NO_REPLY, A),
            write("wB", 0, 20, 30, B),
            read("rB", 0, 40, 45, B),
            read("rA", 0, 100, 110, A)));
    assertTrue(
        zones(
            maybeWrite("mA", 0, 0, NO_REPLY, A),
            write("wB", 0, 20, 30, B),
            read("rB", 0, 40, 45, B),
            read("rA", 0, 100, 110, A),
            read("rB2", 0, 110, 130, B)));
    assertTrue(
        !zones(
            maybeWrite("mA", 0, 0, NO_REPLY, A),
            write("wB", 0, 20, 30, B),
            read("rB", 0, 40, 45, B),
            read("rA", 0, 100, 110, A),
            read("rB2", 0, 111, 130, B)));
    // Read before it was invoked: not even an endless interval helps.
    assertTrue(zones(read("rA", 0, 0, 10, A), maybeWrite("mA", 0, 10, NO_REPLY, A)));
    assertTrue(!zones(read("rA", 0, 0, 9, A), maybeWrite("mA", 0, 10, NO_REPLY, A)));
  }

  @Test
  void blocksWithRepeatedValuesAreLeftToTheSearch() {
    int[] initialRewritten = {0, 0};
    assertNull(
        RegisterZones.ifDistinctWrites(
            List.of(write("w1", 0, 0, 10, A), write("w0", 0, 20, 30, ZERO)), initialRewritten));
    int[] sameTwice = {1, 1};
    assertNull(
        RegisterZones.ifDistinctWrites(
            List.of(write("w1", 0, 0, 10, A), maybeWrite("m1", 0, 20, 30, A)), sameTwice));
    int[] unknown = {1, -1};
    assertNull(
        RegisterZones.ifDistinctWrites(
            List.of(write("w1", 0, 0, 10, A), read("r1", 0, 20, 30, B)), unknown));
  }
}
