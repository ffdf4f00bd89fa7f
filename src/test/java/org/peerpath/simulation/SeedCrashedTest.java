package org.peerpath.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Simulation: a seed whose run throws ends the simulation with that seed named, so that it can be
 * run again.
 */
class SeedCrashedTest {
  @Test
  void aRunThatThrowsEndsTheSimulationNamingItsSeed() {
    var options =
        Simulation.Options.of(7, 3, 20)
            .withThreads(1)
            .withAdjust(
                s -> {
                  throw new IllegalStateException("settings that cannot be built");
                });
    SeedCrashed crashed = assertThrows(SeedCrashed.class, () -> Simulation.run(options));
    assertEquals(7, crashed.seed());
    assertEquals("settings that cannot be built", crashed.getCause().getMessage());
  }
}
