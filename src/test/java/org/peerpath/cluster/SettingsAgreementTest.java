package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nodes that were given different settings do not serve together: a joining node whose settings
 * differ from a member's leaves without spawning its elements, and says why.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SettingsAgreementTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private ClusterNode disk;
  private ClusterNode server;

  @AfterEach
  void leave() throws Exception {
    for (ClusterNode n : new ClusterNode[] {server, disk})
      if (n != null) n.leave().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Config with(NodeSettings n, String path, Object value) {
    return ConfigFactory.parseMap(Map.of(path, value)).withFallback(NodeConfig.of(n));
  }

  @Test
  void theFingerprintFollowsWhatNodesMustAgreeOnAndNothingElse() {
    NodeSettings n = NodeSettings.loopback(NodeRole.SERVER, "server-1", 2552, List.of());
    String base = ClusterNode.fingerprint(NodeConfig.of(n));
    assertEquals(base, ClusterNode.fingerprint(NodeConfig.of(n)));
    assertNotEquals(base, ClusterNode.fingerprint(with(n, "peerpath.subsystem.block-size", 8192)));
    assertNotEquals(
        base,
        ClusterNode.fingerprint(
            with(n, "pekko.cluster.failure-detector.acceptable-heartbeat-pause", "6s")));
    // A node's own port and name are its own.
    NodeSettings other = NodeSettings.loopback(NodeRole.HOST, "host-1", 2554, List.of());
    assertEquals(base, ClusterNode.fingerprint(NodeConfig.of(other)));
  }

  @Test
  void aNodeWithOtherSettingsLeavesWithoutServing() throws Exception {
    int[] ports = LoopbackNodes.freePorts(2);
    NodeSettings d = NodeSettings.loopback(NodeRole.DISK, "disk", ports[0], List.of());
    disk = ClusterNode.start(d, NodeConfig.of(d), ElementSpawner.NONE);
    disk.up().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

    NodeSettings s =
        NodeSettings.loopback(
            NodeRole.SERVER, "server-1", ports[1], List.of(new Seed("127.0.0.1", ports[0])));
    AtomicBoolean spawned = new AtomicBoolean();
    server =
        ClusterNode.start(
            s, with(s, "peerpath.subsystem.block-size", 8192), (ctx, n) -> spawned.set(true));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> server.up().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("differ from disk's"), e.getMessage());
    server.terminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertFalse(spawned.get(), "no element spawned");
    assertTrue(server.refused().orElseThrow().contains("every node must be given the same"));
  }
}
