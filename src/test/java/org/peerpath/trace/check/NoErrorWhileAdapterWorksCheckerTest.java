package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Elements;
import org.peerpath.command.Status;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.fabric.PathLatencies;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.ReplayReport;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceBuilder;
import org.peerpath.trace.TraceReader;

/**
 * No error while an adapter works: which NO_PATH and TIMEOUT replies the checker blames on a
 * failure, on histories written out here and on the model's own.
 */
class NoErrorWhileAdapterWorksCheckerTest {
  static final long US = 1_000;
  static final long MS = 1_000_000;

  /** Two adapters, both up since time 0 (their first incarnations), and whatever a test adds. */
  static final class History {
    final List<HistoryEvent> events =
        new ArrayList<>(
            List.of(
                HistoryEvent.at(0, Kind.INCARNATED).node("adapter-1").epoch(1).build(),
                HistoryEvent.at(0, Kind.INCARNATED).node("adapter-2").epoch(1).build()));

    /** A history of {@code adapters} adapters, each up since time 0. */
    History(int adapters) {
      for (int i = 3; i <= adapters; i++)
        events.add(HistoryEvent.at(0, Kind.INCARNATED).node(Elements.adapter(i)).epoch(1).build());
    }

    History() {
      this(2);
    }

    /** A new incarnation of an adapter that did not fail: a repair of a working one. */
    History incarnated(long at, String adapter, long epoch) {
      events.add(HistoryEvent.at(at, Kind.INCARNATED).node(adapter).epoch(epoch).build());
      return this;
    }

    History fail(long at, String adapter, FaultMode mode) {
      events.add(
          HistoryEvent.at(at, Kind.ADAPTER_FAILED)
              .node(adapter)
              .epoch(1)
              .detail(mode.wireName())
              .build());
      return this;
    }

    History partition(long at, String a, String b) {
      events.add(HistoryEvent.at(at, Kind.PARTITIONED).node(a).peer(b).build());
      return this;
    }

    History heal(long at, String a, String b) {
      events.add(HistoryEvent.at(at, Kind.HEALED).node(a).peer(b).build());
      return this;
    }

    History serverDown(long at, String server) {
      events.add(HistoryEvent.at(at, Kind.SERVER_DOWN).node(server).detail("crash").build());
      return this;
    }

    /** A new incarnation of a server's node, and of its adapter with it. */
    History serverUp(long at, int server, long epoch) {
      events.add(
          HistoryEvent.at(at, Kind.SERVER_UP).node(Elements.server(server)).epoch(epoch).build());
      return incarnated(at, Elements.adapter(server), epoch);
    }

    /** {@code status} a {@link Status} or the name of one this model may not have yet. */
    History command(String id, long submittedAt, String server, long repliedAt, Object status) {
      events.add(
          HistoryEvent.at(submittedAt, Kind.SUBMITTED).id(id).node("host-1").peer(server).build());
      events.add(
          HistoryEvent.at(repliedAt, Kind.REPLY)
              .id(id)
              .node("host-1")
              .peer(server)
              .status(status)
              .build());
      return this;
    }

    List<Violation> check(SubsystemSettings s) {
      return NoErrorWhileAdapterWorksChecker.check(events, s, Invariants.newsNanos(s));
    }
  }

  static SubsystemSettings settings(long watchdog, long deadline, Map<String, Long> paths) {
    return SubsystemSettings.defaults()
        .withWatchdog(Duration.ofNanos(watchdog))
        .withDeadline(Duration.ofNanos(deadline))
        .withLatency(new PathLatencies(0, paths));
  }

  @Test
  void aTimeoutAfterACrashIsFlaggedWhenTheDeadlineLeftTimeToRedrive() {
    var h =
        new History()
            .fail(1 * MS, "adapter-1", FaultMode.CRASH)
            .command("c1", 2 * MS, "server-1", 202 * MS, Status.TIMEOUT);
    List<Violation> v = h.check(settings(20 * MS, 200 * MS, Map.of()));
    assertEquals(1, v.size(), v::toString);
    assertTrue(
        v.get(0)
            .detail()
            .startsWith("command c1 ended TIMEOUT at 202ms although adapter-2 worked throughout"),
        v::toString);
  }

  @Test
  void aCommandThatMetOnlyACrashIsJudgedEvenWithADeadlineShorterThanHangDetection() {
    // A crash is found at once: a 3 ms deadline leaves time, though a hang (2 x 20 ms) would need
    // more.
    var h =
        new History()
            .command("c1", 500 * US, "server-1", 3500 * US, Status.TIMEOUT)
            .fail(1 * MS, "adapter-1", FaultMode.CRASH);
    assertEquals(1, h.check(settings(20 * MS, 3 * MS, Map.of())).size());
  }

  @Test
  void aNoPathWhileAnotherAdapterWorksIsFlaggedWhateverTheDeadline() {
    var h =
        new History()
            .fail(1 * MS, "adapter-1", FaultMode.HANG)
            .command("c1", 2 * MS, "server-1", 2 * MS, Status.NO_PATH);
    List<Violation> v = h.check(settings(20 * MS, 1 * MS, Map.of()));
    assertEquals(
        List.of(
            new Violation(
                NoErrorWhileAdapterWorksChecker.NAME,
                "command c1 ended NO_PATH at 2ms although adapter-2 worked throughout")),
        v);
  }

  @Test
  void statusesOtherThanNoPathAndTimeoutAreNotJudged() {
    var h =
        new History()
            .fail(1 * MS, "adapter-1", FaultMode.CRASH)
            .command("busy", 2 * MS, "server-1", 2 * MS, Status.BUSY)
            .command("medium", 3 * MS, "server-1", 4 * MS, Status.MEDIUM_ERROR)
            .command("bad", 3 * MS, "server-1", 3 * MS, Status.BAD_REQUEST);
    assertEquals(List.of(), h.check(settings(20 * MS, 200 * MS, Map.of())));
  }

  /**
   * adapter-1 hangs at 1 ms and c1 reaches server-1 at 2.1 ms. The hang is found by 11 ms (2 x 5
   * ms); fencing costs nothing; the slowest path is adapter-2's: forwarded (0.2 ms), two DMA reads
   * into memory-1 (2 ms each), the CSW (1 ms, after the notice's 0.2 ms): 5.2 ms. So the deadline
   * must pass after 16.2 ms, that is be longer than 14.1 ms, for the TIMEOUT to be blamed.
   */
  @Test
  void aTimeoutAfterAHangIsFlaggedOnlyIfItsDeadlineOutlastedDetectionAndTheSlowestRedrive() {
    var paths =
        Map.of(
            "adapter-2->memory-1",
            1 * MS,
            "server-1->server-2",
            200 * US,
            "host-1->server-1",
            100 * US);
    long enough = 14_100 * US + 1;
    var flagged =
        new History()
            .fail(1 * MS, "adapter-1", FaultMode.HANG)
            .command("c1", 2 * MS, "server-1", 2 * MS + 200 * US + enough, Status.TIMEOUT);
    List<Violation> v = flagged.check(settings(5 * MS, enough, paths));
    assertEquals(1, v.size());
    assertTrue(
        v.get(0)
            .detail()
            .endsWith(
                "its deadline (passed at 16200.001us) left time: it needed an answer by 16.2ms at the latest"),
        v::toString);
    var exempt =
        new History()
            .fail(1 * MS, "adapter-1", FaultMode.HANG)
            .command("c1", 2 * MS, "server-1", 2 * MS + 200 * US + enough - 1, Status.TIMEOUT);
    assertEquals(List.of(), exempt.check(settings(5 * MS, enough - 1, paths)));
  }

  /**
   * Three servers: adapter-1 is dead, c1 (at server-1 from 2 ms) goes to adapter-2, which hangs at
   * 3 ms. server-2 finds the hang by 13 ms; a forward still on its way to server-2 then comes back
   * to server-1 by 16 ms (1 ms each way between the two servers, the news and the forward crossing,
   * then the bounce). Fencing takes 0.6 ms (server-1 to the disk and back), the slowest path 2 ms
   * (adapter-2's, forwarded and noticed over those two 1 ms trips): 18.6 ms in all, so only a
   * deadline longer than 16.6 ms left time.
   */
  @Test
  void aHangOfThePeerAdapterCountsTheNewsOfItAndTheFencingBeforeTheRedrive() {
    var paths = Map.of("server-1->server-2", 1 * MS, "server-1->disk", 300 * US);
    long enough = 16_600 * US + 1;
    var flagged =
        new History(3)
            .fail(0, "adapter-1", FaultMode.CRASH)
            .fail(3 * MS, "adapter-2", FaultMode.HANG)
            .command("c1", 2 * MS, "server-1", 2 * MS + enough, Status.TIMEOUT);
    List<Violation> v = flagged.check(settings(5 * MS, enough, paths).withServers(3));
    assertEquals(1, v.size());
    assertTrue(v.get(0).detail().contains("adapter-3 worked throughout"), v::toString);
    assertTrue(
        v.get(0).detail().endsWith("it needed an answer by 18.6ms at the latest"), v::toString);
    var exempt =
        new History(3)
            .fail(0, "adapter-1", FaultMode.CRASH)
            .fail(3 * MS, "adapter-2", FaultMode.HANG)
            .command("c1", 2 * MS, "server-1", 2 * MS + enough - 1, Status.TIMEOUT);
    assertEquals(List.of(), exempt.check(settings(5 * MS, enough - 1, paths).withServers(3)));
  }

  /**
   * A repair of server-2's working adapter at 10 ms makes it a new incarnation, which server-2
   * hears of at 11 ms (1 ms from adapter to server) and re-drives c1 on: 2 ms more (the 1 ms
   * hand-over and the 1 ms completion). c1 reached server-2 at 9 ms, so only a deadline longer than
   * 4 ms left time.
   */
  @Test
  void aNewIncarnationOfTheOwnAdapterCountsAsAReasonToRedrive() {
    var paths = Map.of("server-2->adapter-2", 1 * MS);
    var flagged =
        new History()
            .fail(1 * MS, "adapter-1", FaultMode.CRASH)
            .incarnated(10 * MS, "adapter-2", 2)
            .command("c1", 9 * MS, "server-2", 13 * MS + 1, Status.TIMEOUT);
    assertEquals(1, flagged.check(settings(20 * MS, 4 * MS + 1, paths)).size());
    var exempt =
        new History()
            .fail(1 * MS, "adapter-1", FaultMode.CRASH)
            .incarnated(10 * MS, "adapter-2", 2)
            .command("c1", 9 * MS, "server-2", 13 * MS, Status.TIMEOUT);
    assertEquals(List.of(), exempt.check(settings(20 * MS, 4 * MS, paths)));
  }

  /**
   * server-2 hears of adapter-2's new incarnation (at 8 ms) at 9 ms, the instant c1 arrives: the
   * news may come after the command, which is then set up, fenced (2 ms to the disk and back) and
   * re-driven (2 ms): 13 ms. A deadline of 4 ms left no time; 1 ns more did.
   */
  @Test
  void aNewIncarnationHeardOfAsTheCommandArrivesMayComeAfterIt() {
    var paths = Map.of("server-2->adapter-2", 1 * MS, "server-2->disk", 1 * MS);
    for (long more : new long[] {0, 1}) {
      var h =
          new History()
              .fail(1 * MS, "adapter-1", FaultMode.CRASH)
              .incarnated(8 * MS, "adapter-2", 2)
              .command("c1", 9 * MS, "server-2", 13 * MS + more, Status.TIMEOUT);
      assertEquals(
          more, h.check(settings(20 * MS, 4 * MS + more, paths)).size(), "deadline + " + more);
    }
  }

  @Test
  void aDirectCommandOnAnAdapterThatNeverFailedIsJudgedByItsOwnPathAlone() {
    // adapter-1's DMA into memory-2 is slow, but c1 never leaves server-2's own adapter, whose path
    // takes no time.
    var h =
        new History()
            .command("c1", 1 * MS, "server-2", 21 * MS, Status.TIMEOUT)
            .fail(5 * MS, "adapter-1", FaultMode.CRASH);
    assertEquals(
        1, h.check(settings(20 * MS, 20 * MS, Map.of("adapter-1->memory-2", 50 * MS))).size());
  }

  @Test
  void aModelThatTakesLongerThanItsConfigurationSaysIsCaught() throws Exception {
    // The model ran w1's peer path with 30 ms per DMA trip; judged as though those trips took
    // nothing, as a model that dawdles would look, its TIMEOUT had all the time it needed.
    ReplayReport run =
        Replay.run(
            TraceReader.read(
                Path.of("src/test/resources/traces/only-working-path-longer-than-deadline.jsonl")));
    assertEquals(Status.TIMEOUT, run.reply("w1").status());
    SubsystemSettings configured = run.settings();
    assertEquals(
        List.of(),
        NoErrorWhileAdapterWorksChecker.check(
            run.history(), configured, Invariants.newsNanos(configured)));
    SubsystemSettings promised = configured.withLatency(LatencyModel.zero());
    List<Violation> v =
        NoErrorWhileAdapterWorksChecker.check(
            run.history(), promised, Invariants.newsNanos(promised));
    assertEquals(1, v.size(), v::toString);
    assertTrue(
        v.get(0)
            .detail()
            .startsWith("command w1 ended TIMEOUT at 51ms although adapter-2 worked throughout"),
        v::toString);
  }

  @Test
  void aConfigurationWhoseHealthCheckOutlastsTheWatchdogIsNotJudged() {
    // server-1's health check takes 3 ms there and back, its watchdog 2 ms: server-1 keeps giving
    // up on adapter-1, which works throughout, so w1 finds no path while adapter-2 is dead.
    var config =
        Trace.Config.builder()
            .servers(2)
            .blockSize(4096)
            .blocks(64)
            .watchdog(Duration.ofMillis(2))
            .latencyDefault(Duration.ZERO)
            .latency("server-1->adapter-1", Duration.of(1500, ChronoUnit.MICROS))
            .build();
    Trace t =
        new TraceBuilder("health-check-outlasts-the-watchdog")
            .config(config)
            .fail("0ms", "adapter-2", FaultMode.CRASH)
            .write("10ms", "w1", "server-1", 2, TraceBuilder.fill(5, 4096))
            .build();
    ReplayReport run = Replay.run(t);
    assertEquals(Status.NO_PATH, run.reply("w1").status());
    assertTrue(
        run.history().stream()
            .noneMatch(e -> e.kind() == Kind.ADAPTER_FAILED && "adapter-1".equals(e.node())));
    assertTrue(run.passed(), run.summary());
  }
}
