package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;
import org.peerpath.cluster.ElementReachability.Event;
import org.peerpath.cluster.ElementReachability.NodeDowned;
import org.peerpath.cluster.ElementReachability.NodeReachable;
import org.peerpath.cluster.ElementReachability.NodeRemoved;
import org.peerpath.cluster.ElementReachability.NodeUnreachable;
import org.peerpath.cluster.ElementReachability.NodeUp;
import org.peerpath.cluster.ElementReachability.Seen;

/**
 * A node's own view of the others: unreachable by its own failure detector, read twice in a row,
 * and news of an old incarnation never taken for news of the new one.
 */
class ElementReachabilityTest {
  private static Address at(int port) {
    return new Address("pekko", NodeConfig.SYSTEM_NAME, "127.0.0.1", port);
  }

  private final Address self = at(2551);
  private final Set<Address> silent = new HashSet<>();
  private final ElementReachability.View view =
      new ElementReachability.View(self, a -> !silent.contains(a));

  private final Seen host = new Seen("host-1", 100, self);
  private final Seen server2 = new Seen("server-2", 100, at(2553));
  private final Seen server2Again = new Seen("server-2", 200, at(2563));

  @Test
  void aNodeIsUnreachableFromHereOnlyAfterTwoReadingsWithoutItsHeartbeats() {
    view.up(host);
    assertEquals(List.of(new NodeUp("server-2")), view.up(server2));
    assertEquals(List.of(), view.read());
    silent.add(server2.address());
    // The first reading after a pause of this JVM may find every heartbeat late.
    assertEquals(List.of(), view.read());
    assertEquals(List.of(new NodeUnreachable("server-2")), view.read());
    assertEquals(List.of(), view.read(), "told once");
    silent.clear();
    assertEquals(List.of(new NodeReachable("server-2")), view.read());
    // One late reading, then heard again: nothing to tell.
    silent.add(server2.address());
    assertEquals(List.of(), view.read());
    silent.clear();
    assertEquals(List.of(), view.read());
    silent.add(server2.address());
    assertEquals(List.of(), view.read(), "the count starts again");
  }

  @Test
  void thisNodeIsNeverReadAndNeitherIsOneThatLeft() {
    view.up(host);
    view.up(server2);
    silent.add(self);
    silent.add(server2.address());
    assertEquals(List.of(new NodeRemoved("server-2")), view.left(server2, true));
    view.read();
    assertEquals(List.of(), view.read());
  }

  @Test
  void theOldIncarnationLeavingIsNoNewsOfTheNewOne() {
    view.up(server2);
    silent.add(server2.address());
    view.read();
    assertEquals(List.of(new NodeUnreachable("server-2")), view.read());
    // Restarted on another port: the new one is heard, and the old one's leaving is not news.
    assertEquals(
        List.of(new NodeReachable("server-2"), new NodeUp("server-2")), view.up(server2Again));
    assertEquals(List.of(), view.left(server2, false));
    assertEquals(List.of(), view.left(server2, true));
    assertEquals(List.of(), view.up(server2), "an older incarnation is not taken back");
    assertEquals(List.of(), view.read());
    assertEquals(List.of(new NodeDowned("server-2")), view.left(server2Again, false));
  }

  @Test
  void aNodeNeverSeenUpMayStillBeReportedGone() {
    List<Event> out = view.left(server2, true);
    assertEquals(List.of(new NodeRemoved("server-2")), out);
  }

  @Test
  void aRestartWhoseClockIsBehindIsTakenOnceTheOldOneLeft() {
    Seen behind = new Seen("server-2", 50, at(2573));
    view.up(server2);
    assertEquals(List.of(), view.up(behind), "not while the old one is a member");
    view.left(server2, true);
    assertEquals(List.of(new NodeUp("server-2")), view.up(behind));
    // It is read, and its own leaving is news.
    silent.add(behind.address());
    view.read();
    assertEquals(List.of(new NodeUnreachable("server-2")), view.read());
    assertEquals(List.of(new NodeRemoved("server-2")), view.left(behind, true));
  }
}
