package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same scenario on two fresh systems produces the same event log. */
class DeterminismTest {

  @Test
  void scenarioRunTwiceWritesIdenticalLogs() {
    List<String> first = Chatter.run("chatter-a", 4, Duration.ofMillis(50));
    List<String> second = Chatter.run("chatter-b", 4, Duration.ofMillis(50));
    assertTrue(first.size() > 500, "scenario too small: " + first.size());
    assertEquals(first, second);
    assertTrue(first.get(first.size() - 1).startsWith("50000000 end"), first.get(first.size() - 1));
  }
}
