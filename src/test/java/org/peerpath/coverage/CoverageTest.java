package org.peerpath.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;

/**
 * Coverage counts each message a named behaviour receives, lists what the protocol allows there and
 * never came, and changes nothing when it is off.
 */
class CoverageTest {

  sealed interface Lamp permits On, Off, Blink {}

  record On() implements Lamp {}

  record Off() implements Lamp {}

  record Blink() implements Lamp {}

  /** A lamp: dark until On, lit until Off; Blink is taken only when lit. */
  static Behavior<Lamp> dark(ActorContext<Lamp> ctx) {
    return Coverage.state(
        ctx,
        "lamp",
        Lamp.class,
        "dark",
        Behaviors.receive(Lamp.class)
            .onMessage(On.class, m -> lit(ctx))
            .onAnyMessage(m -> Behaviors.same())
            .build());
  }

  static Behavior<Lamp> lit(ActorContext<Lamp> ctx) {
    return Coverage.state(
        ctx,
        "lamp",
        Lamp.class,
        "lit",
        Behaviors.receive(Lamp.class)
            .onMessage(Off.class, m -> dark(ctx))
            .onAnyMessage(m -> Behaviors.same())
            .build());
  }

  private static Transitions run(boolean enabled, List<Lamp> messages) {
    var config =
        (enabled ? Coverage.on() : ConfigFactory.empty())
            .withFallback(VirtualTime.oneMessagePerTurn());
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.empty(), "lamp", config)) {
      ActorRef<Lamp> lamp = vts.spawn(Behaviors.setup(CoverageTest::dark), "lamp");
      messages.forEach(lamp::tell);
      vts.runFor(Duration.ofMillis(1));
      return Coverage.get(vts.system()).snapshot();
    }
  }

  @Test
  void countsWhatEachBehaviourReceivedAndListsWhatItNeverDid() {
    Transitions t = run(true, List.of(new Blink(), new On(), new Blink(), new Blink(), new Off()));
    assertEquals(
        Map.of(
            new Transition("lamp", "dark", "Blink"), 1L,
            new Transition("lamp", "dark", "On"), 1L,
            new Transition("lamp", "lit", "Blink"), 2L,
            new Transition("lamp", "lit", "Off"), 1L),
        t.taken());
    assertEquals(
        List.of(new Transition("lamp", "dark", "Off"), new Transition("lamp", "lit", "On")),
        t.never());
    String table = t.render();
    assertTrue(table.startsWith("coverage: 4 of 6 "), table);
    assertTrue(table.contains("never: Off"), table);
  }

  @Test
  void twoRunsMergeTheirCountsAndWhatNeitherTook() {
    Transitions a = run(true, List.of(new On()));
    Transitions b = run(true, List.of(new On(), new Off()));
    Transitions both = a.merge(b);
    assertEquals(2L, both.taken().get(new Transition("lamp", "dark", "On")));
    assertTrue(both.taken().containsKey(new Transition("lamp", "lit", "Off")));
    assertTrue(
        !both.never().contains(new Transition("lamp", "lit", "Off")), both.never().toString());
  }

  @Test
  void offItCountsNothingAndLeavesTheBehaviourAsItIs() {
    Transitions t = run(false, List.of(new On(), new Off()));
    assertEquals(Transitions.NONE.taken(), t.taken());
    assertEquals(List.of(), t.never());
    try (VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.empty(), "off")) {
      Behavior<Lamp> plain = Behaviors.empty();
      var seen = new java.util.concurrent.atomic.AtomicReference<Behavior<Lamp>>();
      vts.spawn(
          Behaviors.<Lamp>setup(
              ctx -> {
                seen.set(Coverage.state(ctx, "lamp", Lamp.class, "x", plain));
                return Behaviors.empty();
              }),
          "probe");
      vts.runUntilQuiescent();
      assertSame(plain, seen.get());
    }
  }
}
