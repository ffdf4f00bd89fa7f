package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.cluster.Told.Change;

/** What a host or a server is told of the nodes it depends on. */
class ToldTest {
  private final Told host = new Told(List.of("server-1", "server-2"));

  @Test
  void aServerThisNodeCannotReachIsLostWhileAnotherIsReachableAndToldOnce() {
    assertEquals(List.of(new Change("server-2", true)), host.unreachable("server-2"));
    assertEquals(List.of(), host.gone("server-2"), "a removal after unreachable is no news");
    assertEquals(List.of("server-2"), host.lostNow());
  }

  @Test
  void everyServerUnreachableAtOnceIsThisJvmStalledAndNothingIsGivenUp() {
    assertEquals(List.of(new Change("server-1", true)), host.unreachable("server-1"));
    // Now server-2 too: this node hears no one. server-1 is taken back, server-2 not given up.
    assertEquals(List.of(new Change("server-1", false)), host.unreachable("server-2"));
    assertEquals(List.of(), host.lostNow());
    // Heard again: server-1 is still unreachable while server-2 is not, so it is lost once more.
    assertEquals(List.of(new Change("server-1", true)), host.reachable("server-2"));
  }

  @Test
  void aServerTheClusterRemovedIsLostEvenIfNoOtherCanBeReached() {
    host.unreachable("server-1");
    // server-2 gone: lost. server-1, unreachable with no other left to reach, is taken back, as in
    // a stall of this JVM: the host's patience, not a NO_PATH at once, ends what it cannot serve.
    assertEquals(
        List.of(new Change("server-1", false), new Change("server-2", true)),
        host.gone("server-2"));
    assertEquals(List.of("server-2"), host.lostNow());
  }

  @Test
  void aNewIncarnationOfAServerThatWasRemovedStartsReachable() {
    host.unreachable("server-2");
    host.gone("server-2");
    assertFalse(host.allReachable());
    // The element takes the new incarnation for reachable itself: nothing to tell, nothing lost.
    assertEquals(List.of(), host.newIncarnation("server-2"));
    assertEquals(List.of(), host.lostNow());
    assertTrue(host.allReachable());
    // And it is told when this node loses the new one.
    assertEquals(List.of(new Change("server-2", true)), host.unreachable("server-2"));
  }

  @Test
  void aServerLosesTheDiskWhileItReachesItsPeer() {
    Told server = new Told(List.of("server-2", "disk"));
    assertEquals(List.of(new Change("disk", true)), server.unreachable("disk"));
    assertEquals(List.of(new Change("disk", false)), server.reachable("disk"));
  }
}
