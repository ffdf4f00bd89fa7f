package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.testing.Bytes;
import org.peerpath.trace.check.SimulatedRegisterHistory.Settings;

/**
 * The zone check ({@link RegisterZones}) against the search and against trying every order ({@link
 * BruteForceLinearizability}), on small one-block histories whose writes all write distinct values:
 * random ones on a coarse clock, so that invokes and completes often fall on the same instant, and
 * simulated ones, three in four of them corrupted (a read made to return another value, the initial
 * value or one nobody wrote, or moved later), so both verdicts are common. All three must agree on
 * every one, and so must {@link RegisterLinearizability#check}.
 */
class ZonesAgreeWithSearchTest {
  static final ByteString ZERO = SimulatedRegisterHistory.ZERO;
  static final ByteString NEVER_WRITTEN = ByteString.fromArray(new byte[] {0x77, 0x77, 0x77, 0x77});

  static final Comparator<BlockOperation> TIME_ORDER =
      Comparator.comparingLong(BlockOperation::invokeNanos)
          .thenComparingLong(BlockOperation::completeNanos)
          .thenComparing(BlockOperation::id);

  /** What was seen over a run, so the test can tell the interesting cases did occur. */
  static final class Tally {
    int histories;
    int linearizable;
    int readMaybeWithReply;
    int readMaybeWithoutReply;
    int unreadMaybe;
    int readsOfInitial;
    int ties;
    int[] conflicts =
        new int[4]; // unknown value, read before write, initial value replaced, crossed
  }

  @Test
  void zonesAgreeWithSearchAndBruteForceOnRandomHistoriesWithTies() {
    Tally tally = new Tally();
    for (long seed = 1; seed <= 4_000; seed++) {
      List<BlockOperation> ops = randomHistory(new Random(seed), 8, false);
      compare(ops, tally, "randomHistory seed=" + seed);
    }
    report("random", tally);
    for (int c = 0; c < 4; c++)
      assertTrue(tally.conflicts[c] > tally.histories / 50, "every kind of conflict should occur");
  }

  @Test
  void zonesAgreeWithSearchAndBruteForceWhenNoReadPrecedesItsWrite() {
    Tally tally = new Tally();
    for (long seed = 1; seed <= 4_000; seed++) {
      List<BlockOperation> ops = randomHistory(new Random(seed), 8, true);
      compare(ops, tally, "randomHistory(plausible) seed=" + seed);
    }
    report("random plausible", tally);
  }

  /** Longer histories, too long to try every order: the zone check against the search alone. */
  @Test
  void zonesAgreeWithSearchOnLongerHistories() {
    Tally tally = new Tally();
    for (long seed = 1; seed <= 3_000; seed++) {
      Random random = new Random(seed);
      List<BlockOperation> ops =
          randomHistory(random, 10 + random.nextInt(16), random.nextBoolean());
      compare(ops, tally, false, "randomHistory(long) seed=" + seed);
    }
    report("longer random", tally);
  }

  @Test
  void zonesAgreeWithSearchAndBruteForceOnSimulatedHistoriesCorruptedOrNot() {
    Tally tally = new Tally();
    Settings settings = new Settings(7, 1, 3, 0.5, 0, 0.15, 0.12, 30, 12);
    for (long seed = 1; seed <= 4_000; seed++) {
      List<BlockOperation> ops = SimulatedRegisterHistory.generate(seed, settings);
      Random random =
          new Random(
              new SplittableRandom(seed)
                  .nextLong()); // Random's first draws for seeds 1, 2, 3.. correlate
      if (random.nextInt(4) != 0) ops = corrupt(ops, random);
      compare(ops, tally, "simulated seed=" + seed);
    }
    report("simulated", tally);
    for (int c = 0; c < 4; c++)
      assertTrue(tally.conflicts[c] > tally.histories / 50, "every kind of conflict should occur");
  }

  private static void report(String kind, Tally t) {
    System.out.printf(
        "%d %s histories: %d linearizable; conflicts: %d unknown value, %d read before its write, "
            + "%d initial value replaced, %d crossed; %d with a read MAYBE write that replied, %d with one that did not, "
            + "%d with an unread MAYBE write, %d with a read of the initial value, %d with an invoke at a complete's instant%n",
        t.histories,
        kind,
        t.linearizable,
        t.conflicts[0],
        t.conflicts[1],
        t.conflicts[2],
        t.conflicts[3],
        t.readMaybeWithReply,
        t.readMaybeWithoutReply,
        t.unreadMaybe,
        t.readsOfInitial,
        t.ties);
    assertTrue(
        t.linearizable > t.histories / 5 && t.linearizable < t.histories * 4 / 5,
        "both verdicts should be common");
    assertTrue(t.conflicts[3] > t.histories / 40, "crossed clusters should occur");
    assertTrue(
        t.readMaybeWithReply > t.histories / 50, "read MAYBE writes with a reply should occur");
    assertTrue(
        t.readMaybeWithoutReply > t.histories / 50,
        "read MAYBE writes without a reply should occur");
    assertTrue(t.unreadMaybe > t.histories / 50, "unread MAYBE writes should occur");
    assertTrue(t.readsOfInitial > t.histories / 10, "reads of the initial value should occur");
    assertTrue(t.ties > t.histories / 10, "ties should occur");
  }

  /** Checks one history all four ways and counts what it contained. */
  static void compare(List<BlockOperation> unsorted, Tally tally, String reproduce) {
    compare(unsorted, tally, true, reproduce);
  }

  /** Without {@code bruteForce}, the search is the reference. */
  static void compare(
      List<BlockOperation> unsorted, Tally tally, boolean bruteForce, String reproduce) {
    List<BlockOperation> ops = new ArrayList<>(unsorted);
    ops.sort(TIME_ORDER);
    BlockValues values = new BlockValues(ops, ZERO);
    int[] opValues = values.opValues();
    RegisterSearch.Verdict search = new RegisterSearch(ops, opValues, Long.MAX_VALUE).run();
    assertNotEquals(RegisterSearch.Verdict.LIMIT_REACHED, search);
    boolean brute =
        bruteForce
            ? BruteForceLinearizability.linearizable(ops, ZERO)
            : search == RegisterSearch.Verdict.LINEARIZABLE;
    boolean zones;
    if (values.unknownRead() >= 0) {
      zones = false;
      tally.conflicts[0]++;
    } else {
      RegisterZones z = RegisterZones.ifDistinctWrites(ops, opValues);
      assertNotNull(z, () -> "the zone check should apply to " + reproduce + ": " + ops);
      RegisterZones.Conflict conflict = z.conflict();
      zones = conflict == null;
      if (conflict != null) assertWitness(ops, opValues, conflict, reproduce);
      if (conflict instanceof RegisterZones.ReadBeforeWrite) tally.conflicts[1]++;
      if (conflict instanceof RegisterZones.InitialValueReplaced) tally.conflicts[2]++;
      if (conflict instanceof RegisterZones.Crossed) tally.conflicts[3]++;
    }
    assertEquals(
        brute,
        search == RegisterSearch.Verdict.LINEARIZABLE,
        () -> "search vs brute force, " + reproduce + ": " + ops);
    assertEquals(brute, zones, () -> "zones vs brute force, " + reproduce + ": " + ops);
    var result = RegisterLinearizability.check(unsorted, ZERO);
    assertEquals(
        brute,
        result.linearizable(),
        () -> "check vs brute force, " + reproduce + ": " + ops + " " + result);
    if (!brute)
      assertTrue(!result.explanation().isEmpty() && !result.searchLimitReached(), result::toString);
    tally.histories++;
    if (brute) tally.linearizable++;
    count(ops, tally);
  }

  /** The operations a conflict names do stand in the relation it claims. */
  static void assertWitness(
      List<BlockOperation> ops, int[] values, RegisterZones.Conflict conflict, String reproduce) {
    String what = reproduce + ": " + conflict + " in " + ops;
    if (conflict instanceof RegisterZones.ReadBeforeWrite c) {
      assertTrue(
          !ops.get(c.read()).write()
              && ops.get(c.write()).write()
              && values[c.read()] == values[c.write()],
          what);
      assertTrue(ops.get(c.read()).completeNanos() < ops.get(c.write()).invokeNanos(), what);
    } else if (conflict instanceof RegisterZones.InitialValueReplaced c) {
      assertTrue(
          !ops.get(c.read()).write() && values[c.read()] == 0 && values[c.earlier()] != 0, what);
      assertTrue(ops.get(c.earlier()).completeNanos() < ops.get(c.read()).invokeNanos(), what);
    } else {
      var c = (RegisterZones.Crossed) conflict;
      assertTrue(values[c.first()] != values[c.second()], what);
      assertEquals(values[c.first()], values[c.secondAfter()], what);
      assertEquals(values[c.second()], values[c.firstAfter()], what);
      assertTrue(ops.get(c.firstAfter()).completeNanos() < ops.get(c.first()).invokeNanos(), what);
      assertTrue(
          ops.get(c.secondAfter()).completeNanos() < ops.get(c.second()).invokeNanos(), what);
      for (int op : new int[] {c.first(), c.firstAfter(), c.second(), c.secondAfter()}) {
        BlockOperation o = ops.get(op);
        boolean read = ops.stream().anyMatch(r -> !r.write() && r.value().equals(o.value()));
        assertTrue(
            o.mustTakeEffect() || read, () -> "a MAYBE write nobody read is left out: " + what);
      }
    }
  }

  private static void count(List<BlockOperation> ops, Tally tally) {
    boolean withReply = false;
    boolean withoutReply = false;
    boolean unread = false;
    boolean initial = false;
    boolean tie = false;
    for (BlockOperation w : ops) {
      boolean read = ops.stream().anyMatch(r -> !r.write() && r.value().equals(w.value()));
      if (!w.write()) initial |= w.value().equals(ZERO);
      else if (!w.mustTakeEffect() && !read) unread = true;
      else if (!w.mustTakeEffect() && w.replied()) withReply = true;
      else if (!w.mustTakeEffect()) withoutReply = true;
      for (BlockOperation o : ops) tie |= o != w && o.invokeNanos() == w.completeNanos();
    }
    if (withReply) tally.readMaybeWithReply++;
    if (withoutReply) tally.readMaybeWithoutReply++;
    if (unread) tally.unreadMaybe++;
    if (initial) tally.readsOfInitial++;
    if (tie) tally.ties++;
  }

  /**
   * 2 to {@code max} operations on a clock of a few ticks per operation. Write i writes byte i + 1
   * (none writes the initial zeros); a read returns the value of any write (earlier, concurrent or
   * later, or when {@code plausible} only one invoked no later than the read completed), the
   * initial value or, rarely, a value nobody wrote.
   */
  static List<BlockOperation> randomHistory(Random random, int max, boolean plausible) {
    int n = 2 + random.nextInt(max - 1);
    List<BlockOperation> ops = new ArrayList<>();
    boolean[] isWrite = new boolean[n];
    long[] invokes = new long[n];
    long[] completes = new long[n];
    for (int i = 0; i < n; i++) {
      isWrite[i] = random.nextDouble() < 0.5;
      invokes[i] = random.nextInt(4 * n);
      completes[i] = invokes[i] + random.nextInt(12);
    }
    for (int i = 0; i < n; i++) {
      long invoke = invokes[i];
      long complete = completes[i];
      List<ByteString> written = new ArrayList<>();
      for (int w = 0; w < n; w++)
        if (isWrite[w] && (!plausible || invokes[w] <= complete)) written.add(fill(w + 1));
      // Plausible reads mostly return one of the few latest writes invoked before they completed.
      if (plausible) written.sort(Comparator.comparingLong(v -> invokes[v.apply(0) - 1]));
      if (plausible && written.size() > 3)
        written = written.subList(written.size() - 3, written.size());
      if (isWrite[i]) {
        double kind = random.nextDouble();
        if (kind < 0.6) ops.add(BlockOperation.write("w" + i, 0, invoke, complete, fill(i + 1)));
        else if (kind < 0.8)
          ops.add(BlockOperation.maybeWrite("m" + i, 0, invoke, complete, fill(i + 1)));
        else
          ops.add(
              BlockOperation.maybeWrite("t" + i, 0, invoke, BlockOperation.NO_REPLY, fill(i + 1)));
        continue;
      }
      double kind = random.nextDouble();
      ByteString value =
          kind < 0.03
              ? NEVER_WRITTEN
              : kind < (plausible ? 0.12 : 0.3) || written.isEmpty()
                  ? ZERO
                  : written.get(random.nextInt(written.size()));
      ops.add(BlockOperation.read("r" + i, 0, invoke, complete, value));
    }
    return ops;
  }

  /**
   * One read returns another value (another write's, the initial or one never written), or is moved
   * later.
   */
  static List<BlockOperation> corrupt(List<BlockOperation> ops, Random random) {
    List<Integer> reads = new ArrayList<>();
    List<ByteString> written = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).write()) written.add(ops.get(i).value());
      else reads.add(i);
    }
    if (reads.isEmpty()) return ops;
    List<BlockOperation> out = new ArrayList<>(ops);
    int i = reads.get(random.nextInt(reads.size()));
    BlockOperation r = out.get(i);
    double kind = random.nextDouble();
    if (kind < 0.3) {
      long shift = 1 + random.nextInt(60);
      out.set(
          i,
          BlockOperation.read(
              r.id(), r.block(), r.invokeNanos() + shift, r.completeNanos() + shift, r.value()));
    } else {
      ByteString value =
          kind < 0.35
              ? NEVER_WRITTEN
              : kind < 0.55 || written.isEmpty()
                  ? ZERO
                  : written.get(random.nextInt(written.size()));
      out.set(i, BlockOperation.read(r.id(), r.block(), r.invokeNanos(), r.completeNanos(), value));
    }
    return out;
  }

  static ByteString fill(int b) {
    return Bytes.fill(b, 16);
  }
}
