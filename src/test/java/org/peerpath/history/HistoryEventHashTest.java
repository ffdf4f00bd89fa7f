package org.peerpath.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * An event hashes the same in every JVM: simulate's determinism digest sums event hashes, and an
 * enum's own hash is its identity, which differs from one run to the next.
 */
class HistoryEventHashTest {

  @Test
  void anEventHashesByItsWireNamesTheSameInEveryJvm() {
    HistoryEvent reply =
        HistoryEvent.at(1_000, HistoryEvent.Kind.REPLY)
            .id("r1")
            .node("server-1")
            .status("GOOD")
            .path(HistoryEvent.Path.PEER)
            .servedBy("adapter-2")
            .order(HistoryEvent.Order.NOTICE_FIRST)
            .build();
    // Objects.hash of the fields with the enums as their wire names: String hashes are the same
    // in every JVM (String.hashCode is specified), identity hashes are not.
    int expected =
        java.util.Objects.hash(
            1_000L,
            "reply",
            "r1",
            "server-1",
            null,
            null,
            "GOOD",
            "peer",
            "adapter-2",
            "notice-first",
            null,
            null,
            null,
            null);
    assertEquals(expected, reply.hashCode());
  }
}
