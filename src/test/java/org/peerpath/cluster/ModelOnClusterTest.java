package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.host.Host;
import org.peerpath.server.Server;

/**
 * Cluster: the model on four node JVMs on loopback (host-1, server-1, server-2, the disk on a
 * file), driven from a fifth node in this JVM that finds host-1 and server-1 by the Receptionist: a
 * write and its read-back through each server, then, adapter-1 crashed, a command sent to server-1
 * goes the peer path across JVMs and is served by adapter-2. One cluster for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ModelOnClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int BLOCK = 4096;

  /**
   * Four JVMs starting on a busy two-core machine pause for longer than cluster.conf's three
   * seconds, and a cluster that downs one of them while it forms tests nothing of the model (a
   * clean-clone build, less patient, had every command go unanswered after a node stopped
   * listening, most likely downed so).
   */
  private static final String PATIENT = "pekko.cluster.failure-detector.acceptable-heartbeat-pause";

  private static final String STABLE = "pekko.cluster.split-brain-resolver.stable-after";

  /** The other cluster tests' patience ({@link LoopbackNodes#PATIENT_JVM}), this JVM's too. */
  private static final List<String> JVM = LoopbackNodes.PATIENT_JVM;

  @TempDir static Path dir;
  static ChildNodes nodes;
  static ChildNode server2;
  static List<String> server2Args;
  static ClusterNode client;
  static ActorRef<Host.Command> host;
  static ActorRef<Server.Command> server1;

  @BeforeAll
  static void startTheModelOnFourNodes() throws Exception {
    long start = System.nanoTime();
    nodes = new ChildNodes(LoopbackNodes.ENTRY, dir.resolve("logs"), JVM);
    int[] ports = LoopbackNodes.freePorts(5);
    int seed = ports[0];
    server2Args = LoopbackNodes.args("server", "server-2", ports[2], seed);
    List<ChildNode> four =
        List.of(
            nodes.launch(
                "disk",
                LoopbackNodes.args(
                    "disk", "disk", seed, 0, "--disk-dir", dir.resolve("disk").toString())),
            nodes.launch("server-1", LoopbackNodes.args("server", "server-1", ports[1], seed)),
            server2 = nodes.launch("server-2", server2Args),
            nodes.launch("host-1", LoopbackNodes.args("host", "host-1", ports[3], seed)));
    NodeSettings clientNode =
        NodeSettings.loopback(
            NodeRole.HOST, "host-9", ports[4], List.of(new Seed("127.0.0.1", seed)));
    client =
        ClusterNode.start(
            clientNode,
            com.typesafe.config.ConfigFactory.parseString(PATIENT + " = 5s\n" + STABLE + " = 10s")
                .withFallback(NodeConfig.of(clientNode)),
            ElementSpawner.NONE);
    for (ChildNode n : four) n.awaitUp(LoopbackNodes.UP_LIMIT);
    client.up().toCompletableFuture().get(LoopbackNodes.UP_LIMIT.toSeconds(), TimeUnit.SECONDS);
    host = find(ElementKeys.of("host-1", Host.Command.class));
    System.out.printf(
        "the model on four nodes: up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void endEveryNode() throws Exception {
    long start = System.nanoTime();
    try {
      if (client != null)
        client
            .leave()
            .toCompletableFuture()
            .get(ClusterNode.leaveLimit().toSeconds(), TimeUnit.SECONDS);
    } finally {
      if (nodes != null) nodes.close();
      System.out.printf(
          "the model on four nodes: ended in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * The element listed under {@code key}, asking the Receptionist again every second (up to {@link
   * LoopbackNodes#UP_LIMIT}) until it lists one: on a loaded machine the first answer can be slow
   * to come, or empty while the listing spreads.
   */
  static <T> ActorRef<T> find(ServiceKey<T> key) {
    TestProbe<Receptionist.Listing> listings = TestProbe.create(client.system());
    long deadline = System.nanoTime() + LoopbackNodes.UP_LIMIT.toNanos();
    while (true) {
      client.system().receptionist().tell(Receptionist.find(key, listings.getRef()));
      Receptionist.Listing listing = listings.receiveMessage(java.time.Duration.ofSeconds(5));
      Set<ActorRef<T>> refs = listing.getServiceInstances(key);
      if (!refs.isEmpty()) {
        assertEquals(1, refs.size(), "one " + key.id());
        return refs.iterator().next();
      }
      if (System.nanoTime() > deadline) throw new AssertionError("no " + key.id() + " listed");
      listings.expectNoMessage(java.time.Duration.ofSeconds(1));
    }
  }

  static CommandResult send(IoCommand command, String server) {
    TestProbe<CommandResult> replies = TestProbe.create(client.system());
    host.tell(new Host.Send(command, server, replies.getRef()));
    return replies.expectMessageClass(CommandResult.class, WAIT);
  }

  static ByteString block(String text) {
    return Workload.block(BLOCK, 0, text);
  }

  @Test
  @Order(1)
  void aWriteAndItsReadBackGoThroughEachServer() {
    for (int i = 1; i <= 2; i++) {
      String server = "server-" + i;
      ByteString data = block("through " + server);
      CommandResult w = send(IoCommand.write("w-" + server, 10 + i, BLOCK, data), server);
      assertEquals(Status.GOOD, w.status(), w.toString());
      assertEquals(HistoryEvent.Path.DIRECT, w.path(), w.toString());
      assertEquals("adapter-" + i, w.servedBy());
      // Read back through the other server too: the block is on the one disk node.
      for (int j = 1; j <= 2; j++) {
        CommandResult r = send(IoCommand.read("r-" + server + "-" + j, 10 + i, 1), "server-" + j);
        assertEquals(Status.GOOD, r.status(), r.toString());
        assertEquals("adapter-" + j, r.servedBy());
        assertArrayEquals(data.toArray(), r.data().toArray(), "block " + (10 + i));
      }
    }
  }

  @Test
  @Order(2)
  void withAdapter1CrashedServer1ServesThroughAdapter2AcrossJvms() throws Exception {
    server1 = find(ElementKeys.of("server-1", Server.Command.class));
    server1.tell(new Server.InjectFault(FaultMode.CRASH, 0));
    ByteString data = block("peer path");
    CommandResult w = null;
    // The fault and the command travel different ways (this node to server-1, and through the
    // host): the first command may still find adapter-1 working.
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
      w = send(IoCommand.write("w-peer-" + attempt, 20, BLOCK, data), "server-1");
      assertEquals(Status.GOOD, w.status(), w.toString());
      if (w.path() == HistoryEvent.Path.PEER) break;
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertEquals(HistoryEvent.Path.PEER, w.path(), w.toString());
    assertEquals("server-1", w.server());
    assertEquals("adapter-2", w.servedBy());
    CommandResult r = send(IoCommand.read("r-peer", 20, 1), "server-1");
    assertEquals(Status.GOOD, r.status(), r.toString());
    assertEquals(HistoryEvent.Path.PEER, r.path(), r.toString());
    assertEquals("adapter-2", r.servedBy());
    assertArrayEquals(data.toArray(), r.data().toArray());
    System.out.println("peer path across JVMs: " + w + " / read " + r.path() + " " + r.servedBy());

    // adapter-1 comes back, for what follows.
    server1.tell(new Server.RepairAdapter());
    awaitPath("server-1", HistoryEvent.Path.DIRECT, "adapter-1");
  }

  /** Sends reads to {@code server} until one comes back by {@code path} from {@code adapter}. */
  static CommandResult awaitPath(String server, HistoryEvent.Path path, String adapter)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    CommandResult r = null;
    for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
      r = send(IoCommand.read("r-await-" + server + "-" + attempt, 0, 1), server);
      if (r.isGood() && r.path() == path && adapter.equals(r.servedBy())) return r;
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError(server + " never served by " + path + " " + adapter + ": " + r);
  }

  @Test
  @Order(3)
  void aKilledServerJvmLosesNothingAcknowledgedAndItsNewIncarnationServes() throws Exception {
    long kill = System.nanoTime();
    server2.kill();
    // Sent to the dead server: the host resends it to server-1 once the cluster finds server-2
    // unreachable, with the same id.
    ByteString data = block("after the kill");
    CommandResult w = send(IoCommand.write("w-after-kill", 30, BLOCK, data), "server-2");
    long resent = System.nanoTime();
    assertEquals(Status.GOOD, w.status(), w.toString());
    assertEquals("server-1", w.server(), w.toString());
    System.out.printf(
        "SIGKILL of server-2 to its command answered by server-1: %d ms%n",
        (resent - kill) / 1_000_000);
    // Nothing acknowledged is lost.
    for (int[] block : new int[][] {{11, 1}, {12, 2}}) {
      CommandResult r = send(IoCommand.read("r-kept-" + block[0], block[0], 1), "server-1");
      assertArrayEquals(block("through server-" + block[1]).toArray(), r.data().toArray());
    }
    CommandResult peer = send(IoCommand.read("r-kept-20", 20, 1), "server-1");
    assertArrayEquals(block("peer path").toArray(), peer.data().toArray());

    // A new JVM of server-2: a new incarnation, found by the host and server-1 by its listing.
    long restart = System.nanoTime();
    ChildNode again = nodes.launch("server-2-again", server2Args);
    again.awaitUp(LoopbackNodes.UP_LIMIT);
    again.awaitLine(l -> l.contains("server-1 found"), WAIT, "server-1 found");
    CommandResult r = awaitPath("server-2", HistoryEvent.Path.DIRECT, "adapter-2");
    assertEquals("server-2", r.server());
    CommandResult back = send(IoCommand.read("r-again-30", 30, 1), "server-2");
    assertArrayEquals(data.toArray(), back.data().toArray());
    System.out.printf(
        "server-2 restarted to serving again: %d ms%n", (System.nanoTime() - restart) / 1_000_000);
  }
}
