package org.peerpath.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerpath.cluster.NodeTally;

/**
 * The messages across JVMs of a loop's commands, counted from the events the nodes recorded between
 * two tallies: what crosses on each path, and nothing that stays inside a node.
 */
class CrossingsTest {

  private static NodeTally.Answer tally(String node, Object... kindsAndCounts) {
    Map<String, Long> events = new LinkedHashMap<>();
    for (int i = 0; i < kindsAndCounts.length; i += 2)
      events.put((String) kindsAndCounts[i], ((Number) kindsAndCounts[i + 1]).longValue());
    return new NodeTally.Answer(node, events, 0, 0, List.of());
  }

  private static Map<String, NodeTally.Answer> nodes(NodeTally.Answer... answers) {
    Map<String, NodeTally.Answer> m = new LinkedHashMap<>();
    for (NodeTally.Answer a : answers) m.put(a.node(), a);
    return m;
  }

  private static final Map<String, NodeTally.Answer> START =
      nodes(
          tally("host-1", "submitted", 5, "reply", 5),
          tally("disk", "disk-write", 5),
          tally("server-1", "dma-read", 10, "csw", 5),
          tally("server-2"));

  @Test
  void aPeerPathWriteCrossesElevenTimes() {
    // Ten writes to server-1, whose adapter is down: each forwarded to server-2, whose adapter
    // reads the control block and the data from memory-1 and writes the CSW there, across.
    var after =
        nodes(
            tally("host-1", "submitted", 15, "reply", 15),
            tally("disk", "disk-write", 15),
            tally("server-1", "dma-read", 30, "csw", 15, "forwarded", 10),
            tally("server-2", "notice", 10));
    Crossings c = Crossings.between(10, START, after, "host-1", "disk", Set.of("server-1"));
    assertEquals(11.0, c.perCommand());
    assertEquals(
        Map.of("submit", 1.0, "forward", 1.0, "dma", 5.0, "disk", 2.0, "notice", 1.0, "reply", 1.0),
        c.byKind());
  }

  @Test
  void aDirectWriteCrossesFourTimesAndItsDmasStayInItsNode() {
    // Ten writes to server-2, whose own adapter DMAs into memory-2 on the same node.
    var after =
        nodes(
            tally("host-1", "submitted", 15, "reply", 15),
            tally("disk", "disk-write", 15),
            tally("server-1", "dma-read", 10, "csw", 5),
            tally("server-2", "dma-read", 20, "csw", 10));
    Crossings c = Crossings.between(10, START, after, "host-1", "disk", Set.of("server-1"));
    assertEquals(4.0, c.perCommand());
    assertEquals(0.0, c.byKind().get("dma"));
  }

  @Test
  void resendsAndRepeatedWritesCrossToo() {
    var after =
        nodes(
            tally("host-1", "submitted", 15, "retried", 2, "reply", 15),
            tally("disk", "disk-write", 15, "duplicate-write", 1),
            tally("server-1", "dma-read", 10, "csw", 5),
            tally("server-2"));
    Crossings c = Crossings.between(10, START, after, "host-1", "disk", Set.of("server-1"));
    assertEquals(12 + 10 + 22, c.messages());
    assertEquals(
        c.messages() * 2, c.plus(c).messages(), "two loops' crossings add up, commands too");
    assertEquals(20, c.plus(c).commands());
  }

  @Test
  void aNodeThatToldItsFiguresOnlyOnceGivesNoCount() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Crossings.between(
                    1,
                    nodes(tally("host-1"), tally("disk"), tally("server-1")),
                    nodes(tally("host-1"), tally("disk"), tally("server-1"), tally("server-2")),
                    "host-1",
                    "disk",
                    Set.of("server-1")));
    assertEquals("server-2 did not tell its figures before and after a loop", e.getMessage());
  }
}
