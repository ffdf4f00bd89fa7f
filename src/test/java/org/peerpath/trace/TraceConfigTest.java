package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.peerpath.trace.TraceReaderRefusalTest.W1;
import static org.peerpath.trace.TraceReaderRefusalTest.assertRefused;
import static org.peerpath.trace.TraceReaderRefusalTest.refused;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.fabric.PathLatencies;

/**
 * A trace's config: optional, at most one, before every other line but comments; its queueDepth a
 * 32-bit count of at least 1; its latency paths walked in name order; what it leaves out takes the
 * trace defaults.
 */
class TraceConfigTest {

  @Test
  void whatATraceLeavesOutComesFromReferenceConfWithItsTraceSectionOnTopNeverFromTheApplication() {
    var reference = com.typesafe.config.ConfigFactory.defaultReference();
    var defaults =
        Trace.Config.NONE.applyTo(org.peerpath.subsystem.SubsystemSettings.traceDefaults(), 1);
    assertEquals(
        reference.getDuration("peerpath.trace.watchdog").toNanos(), defaults.watchdog().toNanos());
    assertEquals(
        reference.getDuration("peerpath.trace.deadline").toNanos(), defaults.deadline().toNanos());
    assertEquals(reference.getInt("peerpath.trace.queue-depth"), defaults.queueDepth());
    assertEquals(reference.getInt("peerpath.subsystem.block-size"), defaults.blockSize());
    // The real-time defaults differ: a trace must not change meaning with them.
    assertEquals(
        false,
        reference.getDuration("peerpath.subsystem.watchdog").toNanos()
            == defaults.watchdog().toNanos());
  }

  @Test
  void aConfigWithAQueueDepthAppliesItAndOneWithoutKeepsTheDefault() {
    var base = org.peerpath.subsystem.SubsystemSettings.traceDefaults();
    assertEquals(3, Trace.Config.builder().queueDepth(3).build().applyTo(base, 1).queueDepth());
    assertEquals(base.queueDepth(), Trace.Config.NONE.applyTo(base, 1).queueDepth());
  }

  @Test
  void aConfigWithoutLatenciesKeepsAModelOfCodeAndOneWithLatenciesReplacesItWithItsTable() {
    LatencyModel ofCode = (from, to) -> Duration.ofNanos(7_000);
    var base = org.peerpath.subsystem.SubsystemSettings.traceDefaults().withLatency(ofCode);
    assertSame(ofCode, Trace.Config.NONE.applyTo(base, 1).latency());
    assertSame(ofCode, Trace.Config.builder().queueDepth(3).build().applyTo(base, 1).latency());

    var withPath =
        Trace.Config.builder()
            .latency("adapter-2->memory-1", Duration.ofMillis(3))
            .build()
            .applyTo(base, 1);
    assertEquals(
        new PathLatencies(0, Map.of("adapter-2->memory-1", 3_000_000L)), withPath.latency());
    var withDefault =
        Trace.Config.builder().latencyDefault(Duration.ofMillis(1)).build().applyTo(base, 1);
    assertEquals(new PathLatencies(1_000_000L, Map.of()), withDefault.latency());
  }

  @Test
  void readsAQueueDepthFromTheConfigLine() {
    Trace t =
        TraceReaderTest.read(
            "# comments and blank lines may come before the config",
            "",
            "{\"kind\":\"config\",\"queueDepth\":1}",
            W1);
    assertEquals(Optional.of(1), t.config().queueDepth());
    assertEquals(
        1,
        t.config()
            .applyTo(org.peerpath.subsystem.SubsystemSettings.traceDefaults(), 1)
            .queueDepth());
    assertEquals(
        Optional.of(Integer.MAX_VALUE),
        TraceReaderTest.read("{\"kind\":\"config\",\"queueDepth\":2147483647}", W1)
            .config()
            .queueDepth());
  }

  @Test
  void refusesAQueueDepthBelowOne() {
    assertRefused(
        refused("{\"kind\":\"config\",\"queueDepth\":0}", W1), 1, "queueDepth", "at least 1", "0");
    assertRefused(
        refused("{\"kind\":\"config\",\"queueDepth\":-3}", W1),
        1,
        "queueDepth",
        "at least 1",
        "-3");
  }

  @Test
  void refusesAQueueDepthThatIsNoThirtyTwoBitInteger() {
    assertRefused(
        refused("{\"kind\":\"config\",\"queueDepth\":2147483648}", W1), 1, "queueDepth", "32 bits");
    assertRefused(
        refused("{\"kind\":\"config\",\"queueDepth\":1.5}", W1),
        1,
        "queueDepth",
        "must be an integer");
    assertRefused(
        refused("{\"kind\":\"config\",\"queueDepth\":1e2}", W1),
        1,
        "queueDepth",
        "must be an integer");
    assertRefused(
        refused("{\"kind\":\"config\",\"queueDepth\":\"8\"}", W1),
        1,
        "queueDepth",
        "must be an integer");
  }

  @Test
  void latencyPathsAreKeptInNameOrderSoThatEveryRunWalksThemAlike() {
    // Map.copyOf, which the config once used, iterates in an order that changes from one JVM run to
    // the next:
    // the shrinker walked the paths in that order and shrank the same seed differently on different
    // runs.
    Map<String, Duration> paths = new HashMap<>();
    List<String> names =
        List.of(
            "server-2->server-1",
            "adapter-1->disk",
            "server-1->adapter-1",
            "adapter-2->memory-1",
            "host-1->server-2",
            "adapter-1->memory-2",
            "server-1->server-2",
            "adapter-2->disk");
    for (String n : names) paths.put(n, Duration.ofNanos(1_000));
    var config = Trace.Config.builder().servers(2).latencyPaths(Map.copyOf(paths)).build();
    assertEquals(names.stream().sorted().toList(), List.copyOf(config.latencyPaths().keySet()));
  }
}
