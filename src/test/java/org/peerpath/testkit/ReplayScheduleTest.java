package org.peerpath.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.peerpath.runtime.Schedule;

/** {@code @ReplaySchedule} puts the kit under the schedule it names, one message per turn. */
class ReplayScheduleTest {

  @ReplaySchedule(choices = {1, 0, 2})
  void aListOfChoicesIsReplayedChoiceByChoice(VirtualTimeKit kit) {
    assertEquals(Schedule.ofChoices(1, 0, 2), kit.schedule());
    assertEquals(1, kit.driver().messagesPerTurn());
  }

  @ReplaySchedule(strategy = Schedule.Strategy.PCT, seed = 12, depth = 2, steps = 37)
  void aPctScheduleIsReplayedByItsSeedDepthAndSpan(VirtualTimeKit kit) {
    assertEquals(Schedule.pct(12, 2, 37), kit.schedule());
  }

  @ReplaySchedule(strategy = Schedule.Strategy.RANDOM, seed = 5)
  void aRandomScheduleIsReplayedByItsSeed(VirtualTimeKit kit) {
    assertEquals(Schedule.random(5), kit.schedule());
  }

  /** Annotations for the test below to read; not tests of their own. */
  @Disabled("holds annotations that ReplayScheduleTest reads")
  static class Refused {
    @ReplaySchedule(strategy = Schedule.Strategy.PCT, seed = 12)
    void pctWithoutItsSpan() {}

    @ReplaySchedule(
        strategy = Schedule.Strategy.RANDOM,
        seed = 5,
        choices = {1})
    void choicesAndASeed() {}

    static ReplaySchedule of(String method) throws NoSuchMethodException {
      return Refused.class.getDeclaredMethod(method).getAnnotation(ReplaySchedule.class);
    }
  }

  @Test
  void aScheduleThatCannotBeReplayedExactlyIsRefused() {
    var noSpan =
        assertThrows(
            IllegalArgumentException.class,
            () -> VirtualTimeExtension.scheduleOf(Refused.of("pctWithoutItsSpan")));
    assertEquals(
        "a replayed PCT schedule names its span of steps, as the failure gave it (steps = ...)",
        noSpan.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> VirtualTimeExtension.scheduleOf(Refused.of("choicesAndASeed")));
  }
}
