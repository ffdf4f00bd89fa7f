package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.server.Server;

/** Which listed reference of a server a node talks to. */
class IncarnationsTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private final Incarnations<Server.Command> servers = new Incarnations<>(Server.Command.class);
  private final ActorRef<Server.Command> first = testKit.<Server.Command>createTestProbe().getRef();
  private final ActorRef<Server.Command> second =
      testKit.<Server.Command>createTestProbe().getRef();

  @Test
  void aHigherIncarnationReplacesTheOneInUseAndALowerOneDoesNot() {
    servers.follow("server-2");
    var c = servers.accept("server-2", new Discovered<>(first, 100)).orElseThrow();
    assertNull(c.before());
    assertTrue(servers.accept("server-2", new Discovered<>(first, 100)).isEmpty());
    assertTrue(servers.accept("server-2", new Discovered<>(second, 90)).isEmpty());
    var again = servers.accept("server-2", new Discovered<>(second, 200)).orElseThrow();
    assertEquals(first, again.before().ref());
    assertEquals(second, servers.current("server-2").orElseThrow().ref());
  }

  @Test
  void onceTheOneInUseIsGoneAnyNewReferenceIsTakenEvenFromAClockBehind() {
    servers.accept("server-2", new Discovered<>(first, 100));
    servers.gone("server-2");
    assertTrue(
        servers.accept("server-2", new Discovered<>(first, 100)).isEmpty(), "the same one is not");
    var c = servers.accept("server-2", new Discovered<>(second, 90)).orElseThrow();
    assertEquals(90, c.now().incarnation());
    assertEquals(second, servers.current("server-2").orElseThrow().ref());
    assertTrue(
        servers.accept("server-2", new Discovered<>(second, 90)).isEmpty(), "no longer gone");
  }
}
