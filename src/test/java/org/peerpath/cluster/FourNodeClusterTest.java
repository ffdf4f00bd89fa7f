package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster: four node JVMs on loopback (the host, two servers, the disk), formed once for the class:
 * they form one cluster; a cut between the servers shows each unreachable to the other and heals
 * with nobody downed; a server killed with SIGKILL is removed while the others go on (last, as it
 * ends the cluster's four-node shape).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 50, unit = TimeUnit.SECONDS)
class FourNodeClusterTest {
  private static final Duration SEEN = Duration.ofSeconds(30);
  private static final String ALL_FOUR = "members: disk up, host-1 up, server-1 up, server-2 up";

  @TempDir static Path logs;
  static ChildNodes nodes;
  static ChildNode disk, host, server1, server2;
  static int[] ports;

  @BeforeAll
  static void startFourNodes() throws Exception {
    nodes = LoopbackNodes.in(logs);
    ports = LoopbackNodes.freePorts(4);
    int seed = ports[0];
    disk = nodes.launch("disk", LoopbackNodes.args("disk", "disk", seed, 0, "--disk-in-memory"));
    host = nodes.launch("host-1", LoopbackNodes.args("host", "host-1", ports[1], seed));
    server1 =
        nodes.launch(
            "server-1", LoopbackNodes.args("server", "server-1", ports[2], seed, "--allow-cut"));
    server2 =
        nodes.launch(
            "server-2", LoopbackNodes.args("server", "server-2", ports[3], seed, "--allow-cut"));
  }

  @AfterAll
  static void endEveryNode() {
    if (nodes != null) nodes.close();
  }

  @Test
  @Order(1)
  void theFourNodesFormOneCluster() throws Exception {
    for (ChildNode n : List.of(disk, host, server1, server2)) n.awaitUp(LoopbackNodes.UP_LIMIT);
    for (ChildNode n : List.of(disk, host, server1, server2))
      n.awaitLine(l -> l.endsWith(ALL_FOUR), SEEN, "all four members up");
  }

  @Test
  @Order(2)
  void aCutBetweenTheServersShowsThemUnreachableAndHealsWithNobodyDowned() throws Exception {
    theFourNodesFormOneCluster();
    int from1 = server1.mark(), from2 = server2.mark();
    long cut = System.nanoTime();
    server1.send("cut 127.0.0.1:" + ports[3]);
    server2.send("cut 127.0.0.1:" + ports[2]);
    server1.awaitLine(
        from1, l -> LoopbackNodes.says(l, "server-2", "unreachable"), SEEN, "server-2 unreachable");
    server2.awaitLine(
        from2, l -> LoopbackNodes.says(l, "server-1", "unreachable"), SEEN, "server-1 unreachable");
    long unreachable = System.nanoTime();

    server1.send("heal 127.0.0.1:" + ports[3]);
    server2.send("heal 127.0.0.1:" + ports[2]);
    server1.awaitLine(
        from1, l -> LoopbackNodes.says(l, "server-2", "reachable"), SEEN, "server-2 reachable");
    server2.awaitLine(
        from2, l -> LoopbackNodes.says(l, "server-1", "reachable"), SEEN, "server-1 reachable");
    long healed = System.nanoTime();
    System.out.printf(
        "cut to both unreachable: %d ms; heal to both reachable: %d ms%n",
        (unreachable - cut) / 1_000_000, (healed - unreachable) / 1_000_000);

    for (ChildNode n : List.of(disk, host, server1, server2)) {
      assertTrue(n.isAlive(), n + " ended");
      assertEquals(
          List.of(),
          n.lines().stream().filter(l -> l.contains(" downed") || l.contains(" removed")).toList(),
          n + " saw a node downed or removed");
    }
  }

  /**
   * Waits until every node's latest view has all four members up, and the cluster's merged view has
   * every member reachable: after a healed cut the merged reachability takes a while to clear (each
   * detector's verdict is gossiped on the reaper's tick), and a kill while a server still looks
   * unreachable to someone gets that server downed too, as the other end of the cut, which is not
   * what the kill test is about.
   */
  private static void allFourUpNow() throws Exception {
    for (ChildNode n : List.of(disk, host, server1, server2)) {
      awaitLatest(n, "members:", l -> l.endsWith(ALL_FOUR), "all four members up again");
      awaitLatest(
          n, "cluster view:", l -> l.endsWith(ClusterView.ALL_REACHABLE), "all reachable again");
    }
  }

  /** Waits until the latest of {@code n}'s lines that contain {@code kind} is {@code now}. */
  private static void awaitLatest(
      ChildNode n, String kind, java.util.function.Predicate<String> now, String what)
      throws Exception {
    int from = n.mark();
    String last = "";
    for (String l : n.lines().subList(0, from)) if (l.contains(kind)) last = l;
    // No cluster view line yet: nobody was ever unreachable.
    if (last.isEmpty() && kind.equals("cluster view:")) return;
    if (!now.test(last)) n.awaitLine(from, l -> l.contains(kind) && now.test(l), SEEN, what);
  }

  @Test
  @Order(3)
  void aKilledServerIsRemovedAndTheOthersGoOn() throws Exception {
    theFourNodesFormOneCluster();
    allFourUpNow();
    int fromHost = host.mark(), fromServer1 = server1.mark();
    long kill = System.nanoTime();
    server2.kill();
    host.awaitLine(
        fromHost,
        l -> LoopbackNodes.says(l, "server-2", "unreachable"),
        SEEN,
        "server-2 unreachable");
    long unreachable = System.nanoTime();
    host.awaitLine(
        fromHost, l -> LoopbackNodes.says(l, "server-2", "removed"), SEEN, "server-2 removed");
    long removed = System.nanoTime();
    System.out.printf(
        "SIGKILL of server-2 to unreachable: %d ms; to removed: %d ms%n",
        (unreachable - kill) / 1_000_000, (removed - kill) / 1_000_000);

    server1.awaitLine(
        fromServer1, l -> LoopbackNodes.says(l, "server-2", "removed"), SEEN, "server-2 removed");
    for (ChildNode n : List.of(disk, host, server1)) {
      assertTrue(n.isAlive(), n + " ended");
      assertTrue(
          n.line(fromHost, l -> l.contains("downed by the cluster")).isEmpty(), n + " was downed");
    }
    host.awaitLine(
        fromHost,
        l -> l.endsWith("members: disk up, host-1 up, server-1 up"),
        SEEN,
        "three members");
  }
}
