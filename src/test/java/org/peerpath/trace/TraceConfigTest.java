package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trace's config: its latency paths are walked in name order, whatever map they came in. */
class TraceConfigTest {

  @Test
  void latencyPathsAreKeptInNameOrderSoThatEveryRunWalksThemAlike() {
    // Map.copyOf, which the config once used, iterates in an order that changes from one JVM run to the next:
    // the shrinker walked the paths in that order and shrank the same seed differently on different runs.
    Map<String, Long> paths = new HashMap<>();
    List<String> names = List.of("server-2->server-1", "adapter-1->disk", "server-1->adapter-1", "adapter-2->memory-1",
        "host-1->server-2", "adapter-1->memory-2", "server-1->server-2", "adapter-2->disk");
    for (String n : names) paths.put(n, 1_000L);
    var config = new Trace.Config(2, null, null, null, null, null, null, null, Map.copyOf(paths));
    assertEquals(names.stream().sorted().toList(), List.copyOf(config.latencyPaths().keySet()));
  }
}
