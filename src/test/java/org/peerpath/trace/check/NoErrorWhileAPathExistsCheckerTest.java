package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.trace.check.NoErrorWhileAdapterWorksCheckerTest.MS;
import static org.peerpath.trace.check.NoErrorWhileAdapterWorksCheckerTest.US;
import static org.peerpath.trace.check.NoErrorWhileAdapterWorksCheckerTest.settings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Status;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.check.NoErrorWhileAdapterWorksCheckerTest.History;

/**
 * No error while a path exists: which NO_PATH and TIMEOUT replies the checker blames when servers
 * crash or are cut off, or when no failure fell inside a command's life, on histories written out
 * here.
 */
class NoErrorWhileAPathExistsCheckerTest {
  /**
   * server-1 is cut off from the disk from 0 ms and has given adapter-1 up by 50 ms, so c1 (at
   * server-1 from 60 ms) can only take the peer path, whose trip to the disk and back takes 6 ms:
   * only a deadline longer than 6 ms left time, though adapter-1 itself never failed.
   */
  @Test
  void aServerCutOffFromTheDiskIsJudgedByItsPeersPathsNotItsOwn() {
    var s =
        settings(5 * MS, 6 * MS, Map.of("adapter-2->disk", 3 * MS))
            .withUnreachableAfter(Duration.ofMillis(50));
    assertExemptAtTheLimitAndFlaggedPastIt(
        s,
        at ->
            new History()
                .partition(0, "server-1", "disk")
                .command("c1", 60 * MS, "server-1", at, Status.TIMEOUT),
        66 * MS,
        "adapter-2",
        "66ms");
  }

  /**
   * server-1 is cut off from the disk and learns it at 20 ms; adapter-2 hangs at 1 ms and is found
   * by 41 ms (2 x 20 ms), so c1 (at server-1 from 5 ms), forwarded to it, could be re-driven on
   * adapter-3 only then: a deadline of 36 ms left no time, one a little longer did.
   */
  @Test
  void aServerCutOffFromTheDiskWaitsForTheHangOfThePeerItForwardedTo() {
    var s =
        settings(20 * MS, 36 * MS, Map.of())
            .withServers(3)
            .withUnreachableAfter(Duration.ofMillis(20));
    assertExemptAtTheLimitAndFlaggedPastIt(
        s,
        at ->
            new History(3)
                .partition(0, "server-1", "disk")
                .fail(1 * MS, "adapter-2", FaultMode.HANG)
                .command("c1", 5 * MS, "server-1", at, Status.TIMEOUT),
        41 * MS,
        "adapter-3",
        "41ms");
  }

  /**
   * server-2 crashes, is cut off from the disk at 1 ms and comes back at 20 ms, inside the cut: its
   * new incarnation learns of the cut at 70 ms (20 ms + 50 ms), not 51 ms, and only then gives
   * adapter-2, which c1 (at server-1 from 21 ms) was forwarded to, up. So only a deadline longer
   * than 49 ms left time.
   */
  @Test
  void aCutIsActedOnFromTheLatestNewIncarnationInsideIt() {
    var s =
        settings(5 * MS, 49 * MS, Map.of())
            .withServers(3)
            .withUnreachableAfter(Duration.ofMillis(50));
    assertExemptAtTheLimitAndFlaggedPastIt(
        s,
        at -> serverBackInsideACut().command("c1", 21 * MS, "server-1", at, Status.TIMEOUT),
        70 * MS,
        "adapter-3",
        "70ms");
  }

  private static History serverBackInsideACut() {
    return new History(3)
        .fail(0, "adapter-1", FaultMode.CRASH)
        .serverDown(0, "server-2")
        .partition(1 * MS, "server-2", "disk")
        .serverUp(20 * MS, 2, 1_000_001);
  }

  /**
   * A cut between server-1 and the disk, and a repair of adapter-1 inside it, are over long before
   * w1: throughout w1's life both adapters work and both servers reach the disk, so its TIMEOUT is
   * an error, whatever the model kept from the cut.
   */
  @Test
  void aTimeoutIsFlaggedWhenAPathExistedThroughoutThoughNoFailureFellInsideItsLife() {
    var s = settings(5 * MS, 200 * MS, Map.of()).withUnreachableAfter(Duration.ofMillis(50));
    var h =
        new History()
            .partition(0, "server-1", "disk")
            .incarnated(1 * MS, "adapter-1", 2)
            .heal(10 * MS, "server-1", "disk")
            .command("w1", 500 * MS, "server-1", 700 * MS, Status.TIMEOUT);
    List<Violation> v = h.check(s);
    assertEquals(1, v.size(), v::toString);
    assertTrue(
        v.get(0)
            .detail()
            .startsWith("command w1 ended TIMEOUT at 700ms although adapter-1 worked throughout"),
        v::toString);
  }

  /**
   * A cut between the servers that heals exactly {@code unreachable-after} after it began is
   * noticed by no one (the heal comes first at that instant), so c1, whose forward it lost, is
   * judged by its expectations alone; held 1 ns longer, it was noticed, and c1's TIMEOUT is an
   * error.
   */
  @Test
  void aCutHealedAtExactlyUnreachableAfterIsNoticedByNoOne() {
    for (long longer : new long[] {0, 1}) {
      List<Violation> v =
          c9AfterServer3LosesTheDisk(
              h ->
                  h.partition(7 * MS, "server-1", "server-3")
                      .heal(11 * MS + longer, "server-1", "server-3"));
      assertEquals(longer, v.size(), "held 4 ms and " + longer + " ns: " + v);
    }
  }

  /**
   * The cut of the test above, with a second cut between the same servers from 8 ms to 40 ms: the
   * pair stays cut, the failure detector tells both sides at 11 ms, and c9 could have been
   * re-driven; a short cut inside a longer one on the same pair excuses nothing.
   */
  @Test
  void aCutInsideAnotherOnTheSamePairIsNoticedWithIt() {
    List<Violation> v =
        c9AfterServer3LosesTheDisk(
            h ->
                h.partition(7 * MS, "server-1", "server-3")
                    .partition(8 * MS, "server-1", "server-3")
                    .heal(11 * MS, "server-1", "server-3")
                    .heal(40 * MS, "server-1", "server-3"));
    assertEquals(1, v.size(), v::toString);
  }

  /**
   * What the checker says of c9 (at server-3 from 7 ms, TIMEOUT at 27 ms, a 20 ms deadline), with
   * server-3 cut off from the disk at 5 ms, the cuts {@code between} adds, and an {@code
   * unreachable-after} of 4 ms.
   */
  private static List<Violation> c9AfterServer3LosesTheDisk(UnaryOperator<History> between) {
    var s =
        settings(5 * MS, 20 * MS, Map.of())
            .withServers(3)
            .withUnreachableAfter(Duration.ofMillis(4));
    return between
        .apply(new History(3).partition(5 * MS, "server-3", "disk"))
        .command("c9", 7 * MS, "server-3", 27 * MS, Status.TIMEOUT)
        .check(s);
  }

  /**
   * With no failure at all, c1's direct path (2.5 ms to the disk and as long back) still sets the
   * time it needed: a deadline of 5 ms left none, one a little longer did.
   */
  @Test
  void aCommandThatMetNoFailureIsJudgedByItsOwnPath() {
    var s = settings(5 * MS, 5 * MS, Map.of("adapter-1->disk", 2500 * US));
    assertExemptAtTheLimitAndFlaggedPastIt(
        s,
        at -> new History().command("c1", 1 * MS, "server-1", at, Status.TIMEOUT),
        6 * MS,
        null,
        "6ms");
  }

  /**
   * A TIMEOUT whose reply comes at {@code limit} is exempt under {@code s}'s deadline; with the
   * reply and the deadline 1 ns later, it is flagged: {@code witness} (if not null) worked
   * throughout, and the command needed an answer by {@code neededBy}.
   */
  private static void assertExemptAtTheLimitAndFlaggedPastIt(
      SubsystemSettings s,
      java.util.function.LongFunction<History> repliedAt,
      long limit,
      String witness,
      String neededBy) {
    assertEquals(List.of(), repliedAt.apply(limit).check(s));
    List<Violation> v =
        repliedAt
            .apply(limit + 1)
            .check(s.withDeadline(Duration.ofNanos(s.deadline().toNanos() + 1)));
    assertEquals(1, v.size(), v::toString);
    if (witness != null)
      assertTrue(v.get(0).detail().contains(witness + " worked throughout"), v::toString);
    assertTrue(
        v.get(0).detail().endsWith("it needed an answer by " + neededBy + " at the latest"),
        v::toString);
  }
}
