package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster over TLS: nodes whose certificates the cluster's authority signed join, one of them from
 * a directory holding only the three files a node needs (the authority's key stays behind); a node
 * whose certificate another authority signed never does, even though it trusts the cluster's
 * authority (so it is the cluster's nodes, requiring mutual authentication, that refuse it).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsStrangerTest {
  @TempDir Path dir;
  ChildNodes nodes;

  @AfterEach
  void endEveryNode() {
    if (nodes != null) nodes.close();
  }

  @Test
  void aNodeWithACertificateFromAnotherAuthorityNeverJoins() throws Exception {
    Path cluster = dir.resolve("cluster-tls");
    Path stranger = dir.resolve("stranger-tls");
    TlsStores.ensure(cluster);
    // server-1 has what docs/cluster.md says to copy to another machine: the node's files alone.
    Path shipped = Files.createDirectory(dir.resolve("shipped-tls"));
    for (String f : TlsStores.NODE_FILES) Files.copy(cluster.resolve(f), shipped.resolve(f));
    nodes = LoopbackNodes.in(dir.resolve("logs"));
    int[] ports = LoopbackNodes.freePorts(3);
    String tlsCluster = cluster.toString();
    ChildNode disk =
        nodes.launch(
            "disk",
            LoopbackNodes.args(
                "disk", "disk", ports[0], 0, "--disk-in-memory", "--tls", "--tls-dir", tlsCluster));
    ChildNode server1 =
        nodes.launch(
            "server-1",
            LoopbackNodes.args(
                "server",
                "server-1",
                ports[1],
                ports[0],
                "--tls",
                "--tls-dir",
                shipped.toString()));

    // While they start: the stranger's stores, from an authority of its own. It trusts the
    // cluster's authority, so only its own certificate is foreign.
    TlsStores.ensure(stranger);
    Files.delete(stranger.resolve(TlsStores.TRUST_STORE));
    Files.copy(
        cluster.resolve(TlsStores.AUTHORITY).resolve("ca.pem"), stranger.resolve("cluster-ca.pem"));
    Keytool.run(
        stranger,
        "-importcert -noprompt -alias ca -file cluster-ca.pem -storetype PKCS12"
            + " -keystore truststore.p12 -storepass:file store-password");
    ChildNode strange =
        nodes.launch(
            "server-2",
            LoopbackNodes.args(
                "server",
                "server-2",
                ports[2],
                ports[0],
                "--tls",
                "--tls-dir",
                stranger.toString()));

    disk.awaitUp(LoopbackNodes.UP_LIMIT);
    server1.awaitUp(LoopbackNodes.UP_LIMIT);
    disk.awaitLine(
        l -> l.endsWith("members: disk up, server-1 up"), Duration.ofSeconds(15), "server-1 up");
    // The stranger keeps asking to join (every 2 s); its second failed attempt comes after the
    // cluster was up to answer the first.
    strange.awaitLine(
        l -> l.contains("Couldn't join seed nodes after [2] attempts"),
        Duration.ofSeconds(20),
        "its second failed attempt to join");

    assertTrue(strange.line(NodeLines::isUp).isEmpty(), "the stranger says it is Up");
    assertTrue(
        strange.line(l -> l.contains("SSLHandshakeException")).isPresent(),
        "the stranger was refused for another reason than its certificate");
    for (ChildNode member : List.of(disk, server1))
      assertEquals(
          List.of(),
          member.lines().stream().filter(l -> l.contains("server-2")).toList(),
          member + " saw the stranger");
  }
}
