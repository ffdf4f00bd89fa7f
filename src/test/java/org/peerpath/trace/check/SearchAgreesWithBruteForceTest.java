package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Small random histories of one block, linearizable or not, over three values so that reads are
 * often ambiguous: the search must give the same verdict as trying every order ({@link
 * BruteForceLinearizability}).
 */
class SearchAgreesWithBruteForceTest {
  static final List<ByteString> VALUES =
      List.of(
          RegisterLinearizabilityTest.ZERO,
          RegisterLinearizabilityTest.A,
          RegisterLinearizabilityTest.B);

  @Test
  void searchAgreesWithTryingEveryOrderOnSmallRandomHistories() {
    int linearizable = 0;
    int seeds = 3_000;
    for (long seed = 1; seed <= seeds; seed++) {
      List<BlockOperation> ops = randomHistory(new Random(seed));
      boolean expected =
          BruteForceLinearizability.linearizable(ops, RegisterLinearizabilityTest.ZERO);
      var result = RegisterLinearizability.check(ops, RegisterLinearizabilityTest.ZERO);
      long s = seed;
      assertEquals(
          expected,
          result.linearizable(),
          () -> "reproduce with seed=" + s + ": " + ops + " " + result);
      if (expected) linearizable++;
    }
    System.out.println(linearizable + " of " + seeds + " small random histories were linearizable");
    assertTrue(
        linearizable > seeds / 5 && linearizable < seeds * 4 / 5, "both verdicts should be common");
  }

  static List<BlockOperation> randomHistory(Random random) {
    int n = 2 + random.nextInt(6);
    List<BlockOperation> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long invoke = random.nextInt(40);
      long complete = invoke + random.nextInt(15);
      ByteString value = VALUES.get(random.nextInt(VALUES.size()));
      double kind = random.nextDouble();
      if (kind < 0.45) ops.add(BlockOperation.read("r" + i, 0, invoke, complete, value));
      else if (kind < 0.75) ops.add(BlockOperation.write("w" + i, 0, invoke, complete, value));
      else if (kind < 0.9) ops.add(BlockOperation.maybeWrite("m" + i, 0, invoke, complete, value));
      else ops.add(BlockOperation.maybeWrite("t" + i, 0, invoke, BlockOperation.NO_REPLY, value));
    }
    return ops;
  }
}
