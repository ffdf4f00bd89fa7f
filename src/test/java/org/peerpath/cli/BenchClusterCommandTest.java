package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.cli.CommandLineContractTest.peerpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerpath.cli.CommandLineContractTest.Run;

/**
 * {@code bench --cluster} as docs/spec/command-line.md promises it, with short settings: node JVMs
 * on loopback, one JSON object whose {@code cluster} carries every field, each positive, the peer
 * path really taken across JVMs and counted as such, no command failed, and no node JVM left once
 * it has ended. Nothing here times anything: the figures of so short a run mean nothing.
 */
class BenchClusterCommandTest {
  /**
   * JVMs and a build on a busy two-core machine pause for longer than cluster.conf's three seconds;
   * the launcher hands these to every node it starts, as the clustered demo's test does.
   */
  private static final String PATIENT = "pekko.cluster.failure-detector.acceptable-heartbeat-pause";

  private static final String STABLE = "pekko.cluster.split-brain-resolver.stable-after";

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void benchAcrossJvmsMeasuresBothPathsBesideRawRoundTripsAndLeavesNoNodeBehind() throws Exception {
    Run r;
    System.setProperty(PATIENT, "6s");
    System.setProperty(STABLE, "10s");
    ConfigFactory.invalidateCaches();
    try {
      r =
          peerpath(
              "bench",
              "--cluster",
              "--json",
              "--rounds",
              "1",
              "--seconds",
              "1",
              "--warmup",
              "0.5",
              "--outstanding",
              "16");
    } finally {
      System.clearProperty(PATIENT);
      System.clearProperty(STABLE);
      ConfigFactory.invalidateCaches();
    }
    System.out.println(r.out());
    assertEquals(0, r.exit(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode j = root.get("cluster");
    assertTrue(j.get("raw").get("messagesPerSec").asDouble() > 0, r.out());
    assertTrue(j.get("raw").get("roundTripsPerSec").asDouble() > 0, r.out());
    for (String path : List.of("direct", "peer")) {
      assertTrue(j.get("commandsPerSec").get(path).asDouble() > 0, path + ": " + r.out());
      assertTrue(j.get("messagesPerCommand").get(path).asDouble() > 0, path + ": " + r.out());
    }
    double ratio = j.get("ratio").asDouble();
    assertTrue(ratio > 0 && Double.isFinite(ratio), r.out());
    assertFalse(j.get("tls").asBoolean(), r.out());
    // The same per CPU-second of the four JVMs, where the operating system tells it.
    JsonNode cpu = j.get("cpu");
    if (!cpu.isNull()) {
      assertTrue(cpu.get("rawMicrosPerMessage").asDouble() > 0, r.out());
      for (String path : List.of("raw", "direct", "peer"))
        assertTrue(cpu.get("messagesPerCpuSecond").get(path).asDouble() > 0, path + r.out());
      assertTrue(cpu.get("ratio").asDouble() > 0, r.out());
    }
    assertTrue(j.get("peerCompletions").asLong() > 0, r.out());
    assertTrue(j.get("directCompletions").asLong() > 0, r.out());
    assertEquals(0, j.get("failedCommands").asLong(), r.out());
    // Across JVMs the peer path adds the forward, adapter-2's DMAs into memory-1 and the notice;
    // the direct path's DMAs stay in server-2's JVM.
    JsonNode peer = j.get("crossings").get("peer");
    JsonNode direct = j.get("crossings").get("direct");
    for (String kind : List.of("forward", "dma", "notice"))
      assertTrue(peer.get(kind).asDouble() > 0, kind + ": " + r.out());
    for (String kind : List.of("forward", "dma", "notice"))
      assertEquals(0.0, direct.get(kind).asDouble(), kind + ": " + r.out());
    assertTrue(
        j.get("messagesPerCommand").get("peer").asDouble()
            > j.get("messagesPerCommand").get("direct").asDouble(),
        r.out());
    assertEquals(3, j.get("nodes").size(), r.out());
    for (JsonNode n : j.get("nodes")) {
      long pid = n.get("pid").asLong();
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid);
      assertTrue(n.get("exit").asText().startsWith("143"), "asked to end, it left: " + r.out());
    }
    assertTrue(r.err().contains("peerpath bench --cluster: round 1/1: raw "), r.err());
  }

  @Test
  void tlsWithoutClusterIsRefusedInOneLineBeforeAnythingRuns() {
    Run r = peerpath("bench", "--tls", "--json");
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals("peerpath bench: --tls needs --cluster", r.err().strip());
  }

  @Test
  void countWithClusterIsRefusedInOneLineBeforeAnythingRuns() {
    Run r = peerpath("bench", "--cluster", "--count", "10");
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("peerpath bench: --count is for the one-JVM bench"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
