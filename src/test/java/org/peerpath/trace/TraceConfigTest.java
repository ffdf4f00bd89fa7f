package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trace's config: its latency paths are walked in name order; what it leaves out takes the trace defaults. */
class TraceConfigTest {

  @Test
  void whatATraceLeavesOutComesFromReferenceConfWithItsTraceSectionOnTopNeverFromTheApplication() {
    var reference = com.typesafe.config.ConfigFactory.defaultReference();
    var defaults = Trace.Config.NONE.applyTo(org.peerpath.subsystem.SubsystemSettings.traceDefaults(), 1);
    assertEquals(reference.getDuration("peerpath.trace.watchdog").toNanos(), defaults.watchdogNanos());
    assertEquals(reference.getDuration("peerpath.trace.deadline").toNanos(), defaults.deadlineNanos());
    assertEquals(reference.getInt("peerpath.trace.queue-depth"), defaults.queueDepth());
    assertEquals(reference.getInt("peerpath.subsystem.block-size"), defaults.blockSize());
    // The real-time defaults differ: a trace must not change meaning with them.
    assertEquals(false, reference.getDuration("peerpath.subsystem.watchdog").toNanos() == defaults.watchdogNanos());
  }

  @Test
  void aConfigWithAQueueDepthAppliesItAndOneWithoutKeepsTheDefault() {
    var base = org.peerpath.subsystem.SubsystemSettings.traceDefaults();
    assertEquals(3, Trace.Config.NONE.withQueueDepth(3).applyTo(base, 1).queueDepth());
    assertEquals(base.queueDepth(), Trace.Config.NONE.applyTo(base, 1).queueDepth());
  }

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
