package org.peerpath.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.experiment.ShortRuns.of;

import org.junit.jupiter.api.Test;

/**
 * The patent's stated gain: the failed server's cache stays in use. On a NAND disk, where the disk
 * is the limit and a cache hit spares it a read, peer forwarding without any cache must do no
 * better than with the caches of the preset.
 */
class CacheTest {

  @Test
  void peerForwardingWithoutACacheServesFewerCommandsDuringTheFailureThanWithOne() {
    PolicyResult cached = of(ShortRuns.run(ShortRuns.settings("nand"), 1), Policy.PEER_FORWARDING);
    PolicyResult uncached =
        of(
            ShortRuns.run(ShortRuns.settings("nand", "server.cache-blocks=0"), 1),
            Policy.PEER_FORWARDING);
    assertTrue(uncached.cacheHitRatioDuring() == 0, uncached.toString());
    assertTrue(
        uncached.throughputDuring() < 0.8 * cached.throughputDuring(),
        uncached + " against " + cached);
  }

  @Test
  void withoutLocalityTheCacheGivesNothingAndHostFailoverDoesAsWell() {
    var results = ShortRuns.run(ShortRuns.settings("nand", "workload.locality=0"), 1);
    PolicyResult peer = of(results, Policy.PEER_FORWARDING);
    PolicyResult failover = of(results, Policy.HOST_FAILOVER);
    assertTrue(peer.cacheHitRatioDuring() < 0.05, peer.toString());
    // The disk is the limit of both: within a few percent of each other.
    assertTrue(
        Math.abs(peer.throughputDuring() - failover.throughputDuring())
            < 0.05 * failover.throughputDuring(),
        peer + " against " + failover);
  }
}
