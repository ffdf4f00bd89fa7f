package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Status;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.HistoryEvent;
import org.peerpath.trace.Replay;
import org.peerpath.trace.ReplayReport;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceBuilder;
import org.peerpath.trace.TraceReader;

/** No error while an adapter works: which NO_PATH and TIMEOUT replies the checker blames on a failure, on histories written out here and on the model's own. */
class NoErrorWhileAdapterWorksCheckerTest {
  static final long US = 1_000;
  static final long MS = 1_000_000;

  /** Two adapters, both up since time 0 (their first incarnations), and whatever a test adds. */
  static final class History {
    final List<HistoryEvent> events = new ArrayList<>(List.of(
        HistoryEvent.at(0, HistoryEvent.INCARNATED).node("adapter-1").epoch(1).build(),
        HistoryEvent.at(0, HistoryEvent.INCARNATED).node("adapter-2").epoch(1).build()));

    /** A history of {@code adapters} adapters, each up since time 0. */
    History(int adapters) {
      for (int i = 3; i <= adapters; i++) events.add(HistoryEvent.at(0, HistoryEvent.INCARNATED).node("adapter-" + i).epoch(1).build());
    }

    History() {
      this(2);
    }

    /** A new incarnation of an adapter that did not fail: a repair of a working one. */
    History incarnated(long at, String adapter, long epoch) {
      events.add(HistoryEvent.at(at, HistoryEvent.INCARNATED).node(adapter).epoch(epoch).build());
      return this;
    }

    History fail(long at, String adapter, FaultMode mode) {
      events.add(HistoryEvent.at(at, HistoryEvent.ADAPTER_FAILED).node(adapter).epoch(1).detail(mode.wireName()).build());
      return this;
    }

    /** {@code status} a {@link Status} or the name of one this model may not have yet. */
    History command(String id, long submittedAt, String server, long repliedAt, Object status) {
      events.add(HistoryEvent.at(submittedAt, HistoryEvent.SUBMITTED).id(id).node("host-1").peer(server).build());
      events.add(HistoryEvent.at(repliedAt, HistoryEvent.REPLY).id(id).node("host-1").peer(server).status(status).build());
      return this;
    }

    List<Violation> check(SubsystemSettings s) {
      return NoErrorWhileAdapterWorksChecker.check(events, s, Invariants.newsNanos(s));
    }
  }

  static SubsystemSettings settings(long watchdog, long deadline, Map<String, Long> paths) {
    return SubsystemSettings.defaults().withWatchdogNanos(watchdog).withDeadlineNanos(deadline)
        .withLatency(new LatencyModel(0, paths));
  }

  @Test
  void aTimeoutAfterACrashIsFlaggedWhenTheDeadlineLeftTimeToRedrive() {
    var h = new History().fail(1 * MS, "adapter-1", FaultMode.CRASH)
        .command("c1", 2 * MS, "server-1", 202 * MS, Status.TIMEOUT);
    List<Violation> v = h.check(settings(20 * MS, 200 * MS, Map.of()));
    assertEquals(1, v.size(), v::toString);
    assertTrue(v.get(0).detail().startsWith("command c1 ended TIMEOUT at 202ms although adapter-2 worked throughout"), v::toString);
  }

  @Test
  void aCommandThatMetOnlyACrashIsJudgedEvenWithADeadlineShorterThanHangDetection() {
    // A crash is found at once: a 3 ms deadline leaves time, though a hang (2 x 20 ms) would need more.
    var h = new History().command("c1", 500 * US, "server-1", 3500 * US, Status.TIMEOUT)
        .fail(1 * MS, "adapter-1", FaultMode.CRASH);
    assertEquals(1, h.check(settings(20 * MS, 3 * MS, Map.of())).size());
  }

  @Test
  void aNoPathWhileAnotherAdapterWorksIsFlaggedWhateverTheDeadline() {
    var h = new History().fail(1 * MS, "adapter-1", FaultMode.HANG)
        .command("c1", 2 * MS, "server-1", 2 * MS, Status.NO_PATH);
    List<Violation> v = h.check(settings(20 * MS, 1 * MS, Map.of()));
    assertEquals(List.of(new Violation(NoErrorWhileAdapterWorksChecker.NAME,
        "command c1 ended NO_PATH at 2ms although adapter-2 worked throughout")), v);
  }

  @Test
  void statusesOtherThanNoPathAndTimeoutAreNotJudged() {
    var h = new History().fail(1 * MS, "adapter-1", FaultMode.CRASH)
        .command("busy", 2 * MS, "server-1", 2 * MS, "BUSY") // the admission status, being added to the model
        .command("medium", 3 * MS, "server-1", 4 * MS, Status.MEDIUM_ERROR)
        .command("bad", 3 * MS, "server-1", 3 * MS, Status.BAD_REQUEST);
    assertEquals(List.of(), h.check(settings(20 * MS, 200 * MS, Map.of())));
  }
}
