package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.AdapterHardware;

/** A node's incarnation: milliseconds since 2020, whose epochs fit in a long, later ones above. */
class NodeIncarnationTest {
  @Test
  void countsMillisecondsFrom2020() {
    assertEquals(0, NodeIncarnation.at(NodeIncarnation.ORIGIN));
    assertEquals(1500, NodeIncarnation.at(Instant.parse("2020-01-01T00:00:01.500Z")));
  }

  @Test
  void aLaterStartsEpochsLieAboveEveryEpochOfAnEarlierOne() {
    long first = NodeIncarnation.at(Instant.parse("2026-11-29T12:00:00Z"));
    long restarted = NodeIncarnation.at(Instant.parse("2026-11-29T12:00:00.001Z"));
    long lastOfFirst = AdapterHardware.lastOfIncarnation(NodeIncarnation.firstEpoch(first));
    assertTrue(NodeIncarnation.firstEpoch(restarted) > lastOfFirst);
  }

  @Test
  void theLastIncarnationThatFitsIsAcceptedByTheHardwareAndTheNextRefused() {
    Instant last = NodeIncarnation.ORIGIN.plusMillis(NodeIncarnation.MAX);
    long inc = NodeIncarnation.at(last);
    new AdapterHardware(inc); // its epochs fit
    assertTrue(NodeIncarnation.firstEpoch(inc) > 0);
    assertTrue(last.isAfter(Instant.parse("2300-01-01T00:00:00Z")));
    var e = assertThrows(IllegalStateException.class, () -> NodeIncarnation.at(last.plusMillis(1)));
    assertTrue(e.getMessage().contains("set the clock"), e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> NodeIncarnation.at(Instant.parse("2019-12-31T23:59:59Z")));
    assertThrows(IllegalStateException.class, () -> NodeIncarnation.at(Instant.MAX));
    assertThrows(IllegalStateException.class, () -> NodeIncarnation.at(Instant.MIN));
  }
}
