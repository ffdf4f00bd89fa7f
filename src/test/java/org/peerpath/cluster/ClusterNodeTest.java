package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cluster: one node in this JVM: once Up it spawns its elements, which are found by their name's
 * key, and the reachability adapter names the node's elements.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClusterNodeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  ClusterNode node;

  @AfterEach
  void leave() throws Exception {
    if (node != null) node.leave().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aNodeSpawnsItsElementsWhenUpAndTheyAreFoundByName() throws Exception {
    var key = ElementKeys.of("server-1", String.class);
    node =
        ClusterNode.start(
            NodeSettings.loopback(
                NodeRole.SERVER, "server-1", LoopbackNodes.freePorts(1)[0], List.of()),
            (ctx, settings) -> {
              ActorRef<String> element = ctx.spawn(Behaviors.ignore(), settings.name());
              ctx.getSystem().receptionist().tell(Receptionist.register(key, element));
            });
    node.up().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

    TestProbe<Receptionist.Listing> listings = TestProbe.create(node.system());
    node.system().receptionist().tell(Receptionist.subscribe(key, listings.getRef()));
    listings.fishForMessage(
        WAIT,
        l ->
            l.getServiceInstances(key).size() == 1
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
  }

  @Test
  void theReachabilityAdapterNamesANodesElements() throws Exception {
    node =
        ClusterNode.start(
            NodeSettings.loopback(
                NodeRole.SERVER, "server-2", LoopbackNodes.freePorts(1)[0], List.of()),
            ElementSpawner.NONE);
    node.up().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    TestProbe<ElementReachability.Event> events = TestProbe.create(node.system());
    node.system()
        .systemActorOf(ElementReachability.create(events.getRef()), "reachability", Props.empty());
    var up = events.expectMessageClass(ElementReachability.NodeUp.class, WAIT);
    assertEquals("server-2", up.node());
    assertEquals(List.of("server-2", "adapter-2", "memory-2"), up.elements());
  }
}
