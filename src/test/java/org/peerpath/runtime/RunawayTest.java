package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An actor that keeps telling itself never lets the clock move: a driving call with a bound on the
 * tasks of one instant fails naming it, instead of running forever; so does one whose thread is
 * interrupted. The system still closes.
 */
class RunawayTest {

  /** Tells itself "again" for ever. */
  private static final Behavior<String> POLLER =
      Behaviors.receive(
          (ctx, m) -> {
            ctx.getSelf().tell("again");
            return Behaviors.same();
          });

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aBoundOnTheTasksOfOneInstantEndsARunawayDrivingCallNamingTheActor() {
    var config =
        ConfigFactory.parseMap(Map.of(VirtualTime.MAX_TASKS_PER_INSTANT, 100))
            .withFallback(VirtualTime.oneMessagePerTurn());
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.empty(), "runaway", config)) {
      vts.spawn(POLLER, "poller").tell("go");
      var e = assertThrows(IllegalStateException.class, vts::runUntilQuiescent);
      assertTrue(e.getMessage().contains("/system/poller"), e.getMessage());
      assertTrue(e.getMessage().startsWith("101 tasks ran"), e.getMessage());
      assertTrue(e.getMessage().contains(VirtualTime.MAX_TASKS_PER_INSTANT), e.getMessage());
      assertEquals(0, vts.now(), "the clock never moved");
    }
  }

  @Test
  void anInterruptedDriverStopsAndTheSystemStillCloses() {
    VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.empty(), "interrupted");
    try {
      vts.spawn(POLLER, "poller").tell("go");
      Thread.currentThread().interrupt();
      var e = assertThrows(IllegalStateException.class, vts::runUntilQuiescent);
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
      vts.close(); // with the flag still set, as a test's timeout leaves it
      assertTrue(vts.system().whenTerminated().isCompleted());
      assertTrue(Thread.currentThread().isInterrupted(), "the flag is kept for the caller");
    } finally {
      Thread.interrupted();
      vts.close();
    }
  }

  @Test
  void aNegativeBoundIsRefused() {
    var config = ConfigFactory.parseMap(Map.of(VirtualTime.MAX_TASKS_PER_INSTANT, -1));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> VirtualTime.create(Behaviors.empty(), "bad", config));
    assertTrue(e.getMessage().contains("not -1"), e.getMessage());
  }
}
