package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * The model on a node: a node's history keeps no events, whatever the subsystem's history-limit
 * (nothing on a node reads them, and a node JVM has 128 MB), but its subscribers, the node's tally
 * among them, get every one.
 */
class ModelPlacementTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aNodesHistoryKeepsNoEventsButStreamsEveryOneToItsSubscribers() {
    History history = ModelPlacement.historyOf(testKit.system());
    TestProbe<HistoryEvent> subscriber = testKit.createTestProbe();
    history.subscribe(subscriber.getRef());
    for (int i = 0; i < 3; i++) history.record(history.event(Kind.DISK_WRITE).id("w" + i));
    assertEquals(List.of(), history.events());
    assertEquals(0, history.dropped());
    for (int i = 0; i < 3; i++)
      assertEquals("w" + i, subscriber.expectMessageClass(HistoryEvent.class).id());
  }
}
