package org.peerpath.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A small ring run: completes, is reproducible, and puts the delayed hops 1 µs apart. */
class RingBenchmarkTest {

  @Test
  void smallRingIsReproducible() {
    RingFigures f = RingBenchmark.run(10, 3, 3_000);
    assertTrue(f.identicalLogs());
    // 3 tokens × 1,000 hops each; every hop after the first waits 1 µs.
    assertEquals(2_997, f.delayedTimersFired());
    assertEquals(999_000L, f.delayedVirtualNanos());
  }
}
