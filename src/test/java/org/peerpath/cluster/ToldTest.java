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
    host.unreachable("server-2");
    assertEquals(List.of(new Change("server-2", true)), host.changes());
    host.gone("server-2");
    assertEquals(List.of(), host.changes(), "a removal after unreachable is no news");
    assertEquals(List.of("server-2"), host.lostNow());
  }

  @Test
  void everyServerUnreachableAtOnceIsThisJvmStalledAndNothingIsGivenUp() {
    host.unreachable("server-1");
    host.unreachable("server-2");
    assertEquals(List.of(), host.changes());
    // Both heard again in one reading: nothing was given up, nothing to take back.
    host.reachable("server-1");
    host.reachable("server-2");
    assertEquals(List.of(), host.changes());
  }

  @Test
  void aLossToldBeforeTheStallIsTakenBackWhileNoServerCanBeReached() {
    host.unreachable("server-1");
    assertEquals(List.of(new Change("server-1", true)), host.changes());
    host.unreachable("server-2");
    assertEquals(List.of(new Change("server-1", false)), host.changes());
    // server-2 heard again, server-1 still not: lost once more.
    host.reachable("server-2");
    assertEquals(List.of(new Change("server-1", true)), host.changes());
  }

  @Test
  void aServerTheClusterRemovedIsLostEvenIfNoOtherCanBeReached() {
    host.unreachable("server-1");
    host.gone("server-2");
    // server-2 gone: lost. server-1, unreachable with no other left to reach, is kept, as in a
    // stall of this JVM: the host's patience, not a NO_PATH at once, ends what it cannot serve.
    assertEquals(List.of(new Change("server-2", true)), host.changes());
  }

  @Test
  void aNewIncarnationOfAServerThatWasRemovedStartsReachable() {
    host.unreachable("server-2");
    host.gone("server-2");
    host.changes();
    assertFalse(host.allReachable());
    // The element takes the new incarnation for reachable itself: nothing to tell, nothing lost.
    host.newIncarnation("server-2");
    assertEquals(List.of(), host.changes());
    assertTrue(host.allReachable());
    host.unreachable("server-2");
    assertEquals(List.of(new Change("server-2", true)), host.changes());
  }

  @Test
  void aFirstListingAfterARefusedStartOfThatNameIsNotGone() {
    // A server-2 that came Up with other settings, refused and was removed; then the right one.
    host.gone("server-2");
    assertEquals(List.of(new Change("server-2", true)), host.changes());
    host.listed("server-2");
    assertEquals(List.of(), host.changes(), "the element takes it for reachable as introduced");
    assertTrue(host.allReachable());
  }

  @Test
  void aServerLosesTheDiskWhileItReachesItsPeer() {
    Told server = new Told(List.of("server-2", "disk"));
    server.unreachable("disk");
    assertEquals(List.of(new Change("disk", true)), server.changes());
    server.reachable("disk");
    assertEquals(List.of(new Change("disk", false)), server.changes());
  }
}
