package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Partitions: a cut names a member of the cluster by the address it advertises, or it is refused
 * with a line that says so; a node obeys a launcher's {@code cut HOST:PORT} with {@code ... done}
 * only when something was cut. Two nodes in this JVM, both accepting cuts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartitionsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  static ClusterNode first, second;
  static int[] ports;

  @BeforeAll
  static void twoNodes() throws Exception {
    ports = LoopbackNodes.freePorts(2);
    first =
        ClusterNode.start(
            NodeSettings.loopback(NodeRole.SERVER, "server-1", ports[0], List.of())
                .withAllowCut(true),
            ElementSpawner.NONE);
    first.up().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    second =
        ClusterNode.start(
            NodeSettings.loopback(
                    NodeRole.SERVER, "server-2", ports[1], List.of(new Seed("127.0.0.1", ports[0])))
                .withAllowCut(true),
            ElementSpawner.NONE);
    second.up().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    // The first node's own view must hold the second as a member before it can be cut.
    TestProbe<ClusterEvent.MemberUp> ups = TestProbe.create(first.system());
    Cluster.get(first.system())
        .subscriptions()
        .tell(Subscribe.create(ups.getRef(), ClusterEvent.MemberUp.class));
    ups.fishForMessage(
        WAIT,
        up ->
            up.member().address().equals(second.address())
                    && up.member().status() == MemberStatus.up()
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
  }

  @AfterAll
  static void leave() throws Exception {
    for (ClusterNode n : new ClusterNode[] {second, first})
      if (n != null) n.leave().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  @Test
  void aCutOfAnAddressNoMemberHasIsRefusedAndSaysSo() {
    // The second node listens on 127.0.0.1: "localhost" is another address to Artery, which would
    // blackhole it and answer done while nothing is cut.
    String line = "cut localhost:" + ports[1];
    String answer = LauncherLink.obey(first, line);
    assertFalse(answer.endsWith(line + " done"), answer);
    assertTrue(answer.startsWith(line + " failed: no member of the cluster is at "), answer);
    assertTrue(
        answer.contains("pekko://peerpath@127.0.0.1:" + ports[1]), "members listed: " + answer);
    assertTrue(answer.endsWith("; nothing cut"), answer);
  }

  @Test
  void aNodeCannotCutItself() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> Partitions.cut(first.system(), first.address()));
    assertTrue(e.getMessage().contains("is this node itself"), e.getMessage());
  }

  @Test
  void aCutOfAMemberIsDoneAndHealed() {
    String member = "127.0.0.1:" + ports[1];
    assertEquals("cut " + member + " done", LauncherLink.obey(first, "cut " + member));
    assertEquals("heal " + member + " done", LauncherLink.obey(first, "heal " + member));
  }
}
