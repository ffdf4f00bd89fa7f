package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.cluster.ChildNode;
import org.peerpath.cluster.ChildNodes;
import org.peerpath.cluster.ClusterNode;
import org.peerpath.cluster.ElementSpawner;
import org.peerpath.cluster.LoopbackPorts;
import org.peerpath.cluster.NodeConfig;
import org.peerpath.cluster.NodeRole;
import org.peerpath.cluster.NodeSettings;

/**
 * {@code bin/peerpath node} refuses bad input with one line and exit 2, before any actor system
 * starts: an unknown role, a name its role does not carry, a port out of range or in use, a seed
 * that is not HOST:PORT. A seed that never lets it in (nobody there, or a node that advertises
 * another name) is given up after the join limit, with one line and exit 2, and so is a cluster
 * whose settings differ from the node's. Asked to end by a signal, it leaves, says so, and ends as
 * the signal says.
 */
class NodeCommandTest {
  /** A join limit short enough for a test; the default is NodeConfig.JOIN_LIMIT. */
  private static final String SHORT_JOIN_LIMIT = "-D" + NodeConfig.JOIN_LIMIT_KEY + "=4s";

  /** A node JVM's start on a busy two-core machine, the join limit, and its leaving. */
  private static final Duration JVM_ENDS_WITHIN = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void endEveryProcess() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void refused(String expected, String... args) {
    var r = CommandLineContractTest.peerpath(args);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());
    assertEquals("", r.out());
  }

  @Test
  void badInputIsRefusedWithOneLineAndExitTwo() {
    refused(
        "unknown role 'controller'",
        "node",
        "--role",
        "controller",
        "--name",
        "x",
        "--port",
        "2551");
    refused(
        "name it like server-1", "node", "--role", "server", "--name", "disk", "--port", "2551");
    refused(
        "--port 70000 is not in 1..65535",
        "node",
        "--role",
        "disk",
        "--name",
        "disk",
        "--port",
        "70000");
    refused(
        "--port 0 is not in 1..65535", "node", "--role", "disk", "--name", "disk", "--port", "0");
    refused(
        "bad seed '127.0.0.1'",
        "node",
        "--role",
        "disk",
        "--name",
        "disk",
        "--port",
        "2551",
        "--seed",
        "127.0.0.1");
  }

  @Test
  void whatTheModelCannotRunIsRefusedBeforeTheNodeStarts() throws Exception {
    String port;
    try (ServerSocket free = new ServerSocket()) {
      free.bind(new InetSocketAddress("127.0.0.1", 0));
      port = "" + free.getLocalPort();
    }
    refused(
        "server-3 is not a server of this configuration: peerpath.subsystem.servers = 2",
        "node",
        "--role",
        "server",
        "--name",
        "server-3",
        "--port",
        port);
    refused(
        "--workload is for a host node",
        "node",
        "--role",
        "server",
        "--name",
        "server-1",
        "--port",
        port,
        "--workload",
        "4");
    refused(
        "--workload 5000 is more blocks than the disk's 1024",
        "node",
        "--role",
        "host",
        "--name",
        "host-1",
        "--port",
        port,
        "--workload",
        "5000");
    refused(
        "give --disk-dir or --disk-in-memory, not both",
        "node",
        "--role",
        "disk",
        "--name",
        "disk",
        "--port",
        port,
        "--disk-in-memory",
        "--disk-dir",
        "x");
    refused(
        "are for the disk node",
        "node",
        "--role",
        "host",
        "--name",
        "host-1",
        "--port",
        port,
        "--disk-in-memory");
  }

  @Test
  void aPortInUseIsRefused() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      refused(
          "is the port in use?",
          "node",
          "--role",
          "disk",
          "--name",
          "disk",
          "--port",
          "" + taken.getLocalPort());
    }
  }

  @Test
  void helpExplainsTheNode() {
    var r = CommandLineContractTest.peerpath("node", "--help");
    assertEquals(0, r.exit());
    for (String option : List.of("--role", "--name", "--port", "--seed", "--tls"))
      assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
    assertFalse(r.out().contains("--exit-with-stdin"), "a hidden option shows");
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aSeedWhereNoNodeListensIsGivenUpWithOneLineAndExitTwo() throws Exception {
    int[] ports = LoopbackPorts.free(2);
    String seed = "127.0.0.1:" + ports[1];
    Process node = nodeJvm("server", "server-1", ports[0], seed);
    assertTrue(node.waitFor(JVM_ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS), "it still tries");
    String err = read("err");
    assertEquals(2, node.exitValue(), err);
    assertTrue(
        err.contains("peerpath node: server-1 could not join through " + seed + " within 4s"), err);
    assertTrue(err.contains("does not answer to localhost"), err);
    assertFalse(err.contains("\tat ") || read("out").contains("\tat "), "a stack trace: " + err);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aSeedNamedOtherThanItAdvertisesIsGivenUpAndLetsNobodyIn() throws Exception {
    int[] ports = LoopbackPorts.free(2);
    ClusterNode disk =
        ClusterNode.start(
            NodeSettings.loopback(NodeRole.DISK, "disk", ports[0], List.of()), ElementSpawner.NONE);
    try {
      disk.up().toCompletableFuture().get(30, TimeUnit.SECONDS);
      // The disk advertises 127.0.0.1: what is sent to localhost is not addressed to it.
      String seed = "localhost:" + ports[0];
      Process node = nodeJvm("server", "server-1", ports[1], seed);
      assertTrue(node.waitFor(JVM_ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS), "it still tries");
      String err = read("err");
      assertEquals(2, node.exitValue(), err);
      assertTrue(err.contains("could not join through " + seed), err);
      int members = 0;
      for (var m : org.apache.pekko.cluster.typed.Cluster.get(disk.system()).state().getMembers())
        members++;
      assertEquals(1, members, "the seed let a member in");
    } finally {
      disk.leave().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aNodeGivenOtherSettingsThanTheClusterLeavesWithOneLineAndExitTwo() throws Exception {
    int[] ports = LoopbackPorts.free(2);
    ClusterNode disk =
        ClusterNode.start(
            NodeSettings.loopback(NodeRole.DISK, "disk", ports[0], List.of()), ElementSpawner.NONE);
    try {
      disk.up().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Process node =
          nodeJvm(
              "server",
              "server-1",
              ports[1],
              "127.0.0.1:" + ports[0],
              "-Dpeerpath.subsystem.block-size=8192");
      assertTrue(node.waitFor(JVM_ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS), "it stayed");
      String err = read("err");
      assertEquals(2, node.exitValue(), err);
      assertTrue(
          err.contains("peerpath node: server-1: this node's settings differ from disk's"), err);
      assertFalse(read("out").contains("running"), "it spawned its elements: " + read("out"));
      assertFalse(err.contains("\tat "), "a stack trace: " + err);
    } finally {
      disk.leave().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void sigtermLeavesTheClusterSaysSoAndEndsAsTheSignalSays() throws Exception {
    try (ChildNodes nodes =
        new ChildNodes(List.of(Main.class.getName(), "node"), dir, ChildNodes.SMALL_JVM)) {
      ChildNode disk =
          nodes.launch(
              "disk",
              List.of(
                  "--role",
                  "disk",
                  "--name",
                  "disk",
                  "--port",
                  "" + LoopbackPorts.free(1)[0],
                  "--disk-in-memory"));
      disk.awaitUp(Duration.ofSeconds(40));
      assertTrue(disk.stop(Duration.ofSeconds(20)), "SIGTERM did not end it: killed");
      // The JVM ends from Pekko's shutdown hook, as SIGTERM says: 128 + 15.
      assertEquals(143, disk.exitCode().orElseThrow(), String.join("\n", disk.lines()));
      assertTrue(
          disk.line(l -> l.endsWith("peerpath node disk: left the cluster; ended")).isPresent(),
          String.join("\n", disk.lines()));
    }
  }

  /** {@code peerpath node} in a JVM of its own, joining through {@code seed}, its output in dir. */
  private Process nodeJvm(String role, String name, int port, String seed, String... jvmOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ChildNodes.SMALL_JVM);
    command.add(SHORT_JOIN_LIMIT);
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(
        List.of("node", "--role", role, "--name", name, "--port", "" + port, "--seed", seed));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile())
            .start();
    started.add(p);
    return p;
  }

  private String read(String file) throws IOException {
    Path f = dir.resolve(file);
    return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
  }
}
