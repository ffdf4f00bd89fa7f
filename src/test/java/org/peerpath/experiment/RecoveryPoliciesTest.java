package org.peerpath.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.experiment.ShortRuns.of;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recovery policies: what each does to the figures when adapter-1 fails (preset optane, a short
 * timeline, seed 1). Every assertion compares figures of the same run, never against a clock.
 */
class RecoveryPoliciesTest {
  private static List<PolicyResult> optane;

  @BeforeAll
  static void runOnce() {
    optane = ShortRuns.run(ShortRuns.settings("optane"), 1);
  }

  @Test
  void resultsComeInPolicyOrderAndAgreeBeforeTheFailure() {
    assertEquals(
        List.of("wait-for-repair", "host-failover", "peer-forwarding"),
        optane.stream().map(PolicyResult::name).toList());
    // Until adapter-1 fails the policies have nothing to do: the same workload, the same figures.
    double before = optane.get(0).throughputBefore();
    assertTrue(before > 0);
    for (PolicyResult r : optane) assertEquals(before, r.throughputBefore(), r.name());
  }

  @Test
  void waitForRepairLosesThroughputWhileAdapter1IsDownAndServer1sClientsStall() {
    PolicyResult wait = of(optane, Policy.WAIT_FOR_REPAIR);
    assertTrue(wait.throughputDuring() < 0.8 * wait.throughputBefore(), wait.toString());
    assertTrue(
        wait.server1ClientsDuring() < 0.05 * wait.throughputBefore() / 2,
        "every client of server-1 ends up waiting on a command that needs the disk: " + wait);
    assertTrue(wait.errors() > 0, "the waiting is NO_PATH answers and resends");
    assertTrue(wait.throughputAfter() > 0.8 * wait.throughputBefore(), wait.toString());
  }

  @Test
  void hostFailoverMovesServer1sClientsToServer2AndServer1Idles() {
    PolicyResult failover = of(optane, Policy.HOST_FAILOVER);
    assertEquals(0, failover.forwarded());
    assertTrue(failover.server1ClientsDuring() > 0, failover.toString());
    assertTrue(failover.utilisationDuring().get("server-1") < 0.01, failover.toString());
    assertTrue(failover.utilisationDuring().get("adapter-1") < 0.01, failover.toString());
    assertTrue(failover.errors() > 0, "the host learns of the failure from NO_PATH answers");
  }

  @Test
  void peerForwardingKeepsServer1InServiceWithoutAnErrorTheHostSees() {
    PolicyResult peer = of(optane, Policy.PEER_FORWARDING);
    assertTrue(peer.forwarded() > 0, peer.toString());
    assertTrue(peer.heldAtFailure() > 0, "adapter-1 held commands when it failed: " + peer);
    assertEquals(
        0, peer.errors(), "they and the rest went the peer path, and no NO_PATH reached the host");
    assertTrue(peer.utilisationDuring().get("server-1") > 0.1, peer.toString());
    assertTrue(peer.utilisationDuring().get("server-1->server-2") > 0, peer.toString());
    assertEquals(0.0, peer.utilisationDuring().get("adapter-1"), peer.toString());
  }

  /**
   * With these figures the servers' cores are the limit, and peer forwarding keeps both servers'
   * cores and caches in service; the other two leave one server's clients to one server.
   */
  @Test
  void onOptanePeerForwardingServesMoreDuringTheFailureThanEitherOther() {
    PolicyResult peer = of(optane, Policy.PEER_FORWARDING);
    for (Policy other : List.of(Policy.WAIT_FOR_REPAIR, Policy.HOST_FAILOVER))
      assertTrue(
          peer.throughputDuring() > of(optane, other).throughputDuring(),
          peer + " against " + of(optane, other));
  }

  @Test
  void onlyPeerForwardingKeepsTheFailedServersCacheHitRatio() {
    PolicyResult peer = of(optane, Policy.PEER_FORWARDING);
    PolicyResult failover = of(optane, Policy.HOST_FAILOVER);
    assertTrue(
        peer.cacheHitRatioDuring() > failover.cacheHitRatioDuring() + 0.1,
        "under host failover one cache holds both hot sets: " + peer + " against " + failover);
  }

  @Test
  void theSameSeedGivesTheSameCsvByteForByteAndAnotherSeedAnother() {
    ExperimentSettings s = ShortRuns.settings("optane");
    String first = ThroughputCsv.render(s, optane);
    assertEquals(first, ThroughputCsv.render(s, ShortRuns.run(s, 1)));
    assertNotEquals(first, ThroughputCsv.render(s, ShortRuns.run(s, 2)));
  }

  @Test
  void theCsvHasARowPerBucketAndPolicyWithItsPhase() {
    ExperimentSettings s = ShortRuns.settings("optane");
    List<String> rows = ThroughputCsv.render(s, optane).lines().toList();
    assertEquals(ThroughputCsv.HEADER, rows.get(0));
    assertEquals(1 + 30 * 3, rows.size(), "60 ms in buckets of 2 ms, three policies");
    assertTrue(rows.get(1).startsWith("0.000,warmup,wait-for-repair,"), rows.get(1));
    assertTrue(rows.contains(rowStart(rows, "20.000,during,peer-forwarding,")), "a row at 20 ms");
    assertTrue(rows.get(rows.size() - 1).startsWith("58.000,after,peer-forwarding,"));
  }

  private static String rowStart(List<String> rows, String prefix) {
    return rows.stream().filter(r -> r.startsWith(prefix)).findFirst().orElse("none: " + prefix);
  }
}
