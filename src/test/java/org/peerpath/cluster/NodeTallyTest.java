package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/** A node's own figures: every event its history records, counted, and the host's resends. */
class NodeTallyTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private long clock;

  /**
   * A resend at the history's time, built as an event of its own: these tests hand events to the
   * counts themselves, and a history nobody listens to builds none.
   */
  private HistoryEvent.Builder retried(History h, String id, String why) {
    return HistoryEvent.at(h.now(), Kind.RETRIED)
        .id(id)
        .node("host-1")
        .peer("server-1")
        .detail(why);
  }

  @Test
  void countsEveryKindRecordedEvenBeyondTheHistorysLimit() {
    // A history that keeps one event only: the tally counts as events are recorded, not from it.
    History history = new History(() -> clock, 1);
    var tally = testKit.spawn(NodeTally.create("server-1", history));
    TestProbe<NodeTally.Answer> probe = testKit.createTestProbe();
    // The tally listens from its creation on, and nothing was recorded before.
    tally.tell(new NodeTally.Ask(probe.getRef()));
    assertEquals(Map.of(), probe.receiveMessage().events());

    for (int i = 0; i < 3; i++) history.record(history.event(Kind.FORWARDED).id("w" + i));
    history.record(history.event(Kind.REFUSED).id("w9"));
    tally.tell(new NodeTally.Ask(probe.getRef()));
    NodeTally.Answer a = probe.receiveMessage();
    assertEquals("server-1", a.node());
    // In the order of the kinds, by the names the history writes.
    assertEquals(List.of("forwarded", "refused"), List.copyOf(a.events().keySet()));
    assertEquals(3, a.count(Kind.FORWARDED));
    assertEquals(1, a.count(Kind.REFUSED));
    assertEquals(0, a.count(Kind.NOTICE));
    assertEquals(0, a.commandsResent());
    assertEquals(1, history.events().size());
  }

  @Test
  void countsEventsRecordedOnSeveralThreadsAtOnce() throws Exception {
    History history = new History(() -> clock, 0);
    NodeTally.Counts counts = new NodeTally.Counts("server-1", history);
    HistoryEvent forwarded = HistoryEvent.at(0, Kind.FORWARDED).id("w").build();
    Runnable many =
        () -> {
          for (int i = 0; i < 20_000; i++) counts.add(forwarded);
        };
    Thread other = new Thread(many);
    other.start();
    many.run();
    other.join();
    assertEquals(40_000, counts.answer(0, Instant.now()).count(Kind.FORWARDED));
  }

  @Test
  void aCommandResentOnlyBecauseItsServerWasBusyIsNotResentAfterALoss() {
    History history = new History(() -> clock, 0);
    NodeTally.Counts counts = new NodeTally.Counts("host-1", history);
    counts.add(retried(history, "a", "server-2 is unreachable").build());
    counts.add(retried(history, "a", "server-1 was busy").build());
    counts.add(retried(history, "b", "server-1 was busy").build());
    counts.add(retried(history, "c", "server-2 did not answer within 3 s").build());
    counts.add(retried(history, "d", "server-2 restarted").build());
    counts.add(
        retried(history, "e", "server-1 answered NO_PATH: no adapter, server-2 was busy").build());
    NodeTally.Answer a = counts.answer(0, Instant.now());
    assertEquals(6, a.count(Kind.RETRIED));
    assertEquals(5, a.commandsResent());
    // b was only ever resent for load; "e"'s detail ends like a busy one but is a NO_PATH.
    assertEquals(4, a.commandsResentAfterLoss());
    assertEquals(
        List.of("a", "a", "b", "c", "d", "e"),
        a.firstResends().stream().map(NodeTally.Resend::id).toList());
  }

  @Test
  void listsTheFirstResendsWithTheirWallClockTimeAndCountsTheRest() {
    History history = new History(() -> clock, 0);
    NodeTally.Counts counts = new NodeTally.Counts("host-1", history);
    for (int i = 0; i < NodeTally.LISTED + 5; i++) {
      clock = i * 1_000_000L; // one per millisecond
      counts.add(retried(history, "c" + i, "server-2 is unreachable").build());
    }
    Instant now = Instant.parse("2026-11-29T12:00:00Z");
    // Asked 10 ms after the last resend.
    NodeTally.Answer a = counts.answer(clock + 10_000_000L, now);
    assertEquals(NodeTally.LISTED + 5, a.commandsResent());
    assertEquals(NodeTally.LISTED, a.firstResends().size());
    long nowMicros = now.getEpochSecond() * 1_000_000L;
    NodeTally.Resend first = a.firstResends().get(0);
    assertEquals("c0", first.id());
    assertEquals("server-1", first.to());
    assertEquals(nowMicros - (NodeTally.LISTED + 4) * 1000L - 10_000L, first.epochMicros());
    assertTrue(first.why().endsWith("unreachable"));
  }

  @Test
  void aMarkListsTheResendsFromItsMomentOnEvenWhenItArrivesLate() {
    History history = new History(() -> clock, 0);
    NodeTally.Counts counts = new NodeTally.Counts("host-1", history);
    for (int i = 0; i < NodeTally.LISTED + 10; i++) {
      clock = i * 1_000_000L;
      counts.add(retried(history, "c" + i, "server-1 did not answer within 3 s").build());
    }
    // The kill was 5 ms before the last resend; the mark arrives 2 ms after it.
    Instant now = Instant.parse("2026-11-29T12:00:00Z");
    long nowMicros = now.getEpochSecond() * 1_000_000L;
    long killMicros = nowMicros - 7_000;
    clock += 2_000_000L;
    counts.mark(killMicros, now);
    counts.add(retried(history, "late", "server-2 is unreachable").build());
    NodeTally.Answer a = counts.answer(clock, now);
    assertEquals(
        List.of("c204", "c205", "c206", "c207", "c208", "c209", "late"),
        a.firstResends().stream().map(NodeTally.Resend::id).toList());
    assertEquals(NodeTally.LISTED + 11, a.commandsResent(), "the counts cover all");
  }
}
