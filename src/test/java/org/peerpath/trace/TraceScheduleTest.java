package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.trace.TraceReaderRefusalTest.W1;
import static org.peerpath.trace.TraceReaderRefusalTest.assertRefused;
import static org.peerpath.trace.TraceReaderRefusalTest.refused;

import java.io.StringReader;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.VirtualTime;

/**
 * A trace's {@code schedule} line (docs/spec/trace-format.md, "Schedules"): read, written back as
 * it was, refused where it is wrong, and run as the order it names.
 */
class TraceScheduleTest {

  private static final String CONFIG = "{\"kind\":\"config\",\"servers\":2}";

  private static Trace read(String... lines) {
    return TraceReader.read("t.jsonl", new StringReader(String.join("\n", lines)));
  }

  @Test
  void readsEachStrategyAndWritesItBackAsItWas() {
    for (Schedule s :
        List.of(
            Schedule.FIFO,
            Schedule.random(-5),
            Schedule.pct(Long.MAX_VALUE, 4, 900),
            Schedule.ofChoices(0, 3, 1),
            Schedule.ofChoices())) {
      Trace t = read(CONFIG, W1).withSchedule(s);
      String text = TraceWriter.toText(t);
      Trace back = TraceReader.read("t.jsonl", new StringReader(text));
      assertEquals(s, back.schedule(), text);
      assertTrue(text.split("\n")[1].startsWith("{\"kind\":\"schedule\""), text);
    }
    assertEquals(
        Schedule.pct(7, Schedule.DEFAULT_DEPTH, Schedule.DEFAULT_STEPS),
        read("{\"kind\":\"schedule\",\"strategy\":\"pct\",\"seed\":7}", W1).schedule());
    assertNull(read(W1).schedule(), "no schedule line: none");
  }

  @Test
  void refusesASecondScheduleLineOneAfterTheInputsAndOneWithAFieldOfAnotherStrategy() {
    String random = "{\"kind\":\"schedule\",\"strategy\":\"random\",\"seed\":1}";
    assertRefused(refused(random, random, W1), 2, "kind", "a second schedule line", "line 1");
    assertRefused(
        refused(CONFIG, W1, random), 3, "kind", "comes before the inputs", "before line 2");
    assertRefused(
        refused(random, CONFIG, W1), 2, "kind", "the config line must come first, before line 1");
    assertRefused(
        refused("{\"kind\":\"schedule\",\"strategy\":\"random\",\"seed\":1,\"depth\":2}", W1),
        1,
        "depth",
        "a random schedule line has only kind, strategy, seed");
    assertRefused(
        refused("{\"kind\":\"schedule\",\"strategy\":\"lifo\"}", W1),
        1,
        "strategy",
        "must be fifo or random or pct or choices");
    assertRefused(
        refused("{\"kind\":\"schedule\",\"strategy\":\"pct\"}", W1), 1, "seed", "is missing");
    assertRefused(
        refused("{\"kind\":\"schedule\",\"strategy\":\"pct\",\"seed\":1,\"depth\":0}", W1),
        1,
        "depth",
        "must be 1..100");
    assertRefused(
        refused("{\"kind\":\"schedule\",\"strategy\":\"choices\",\"choices\":[0,-1]}", W1),
        1,
        "choices",
        "holds -1 at position 1");
    assertRefused(
        refused("{\"kind\":\"schedule\",\"strategy\":\"choices\",\"choices\":[2147483648]}", W1),
        1,
        "choices",
        "each choice is an index");
    assertRefused(
        refused("{\"kind\":\"schedule\",\"strategy\":\"choices\"}", W1),
        1,
        "choices",
        "is missing");
  }

  @Test
  void aTraceWithAScheduleRunsItsOrderAgainAndNeedsAOneMessagePerTurnRuntime() {
    Trace t =
        TraceReader.readResource("peerpath/examples/notice-overtakes-csw.jsonl")
            .withSchedule(Schedule.random(3));
    ReplayReport first = Replay.run(t);
    ReplayReport again = Replay.run(t);
    assertTrue(first.passed(), first.summary());
    assertEquals(first.history(), again.history());
    try (var whole = VirtualTime.create(Behaviors.empty(), "whole")) {
      var e = assertThrows(IllegalArgumentException.class, () -> Replay.run(t, whole, s -> s));
      assertTrue(e.getMessage().contains("oneMessagePerTurn"), e.getMessage());
    }
    try (var runtimes = new ReplayRuntimes("both")) {
      // A system that has run other traces (messages to stopped actors among them) makes the
      // same choices as a fresh one.
      for (String other : List.of("crash-mid-command", "hang-found-by-the-watchdog"))
        runtimes.replay(
            TraceReader.readResource("peerpath/examples/" + other + ".jsonl")
                .withSchedule(Schedule.random(3)));
      assertEquals(first.history(), runtimes.replay(t).history());
      assertTrue(runtimes.replay(t.withSchedule(null)).passed());
      assertEquals(1, runtimes.forTrace(t).messagesPerTurn());
      assertTrue(runtimes.forTrace(t.withSchedule(null)).messagesPerTurn() > 1);
    }
  }
}
