package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Time 0 is like any other time (trace-v1: the subsystem is fully up before it, and inputs at one
 * time take effect in the order of their lines): with every latency 0, a library trace moved later
 * by whole watchdog periods (so that health checks keep their phase) gets the same replies and
 * writes the same history, moved by as much. Only the startup, before time 0, stays where it was.
 * Inputs at 0ms used to overtake the startup and run interleaved with each other, and 21
 * expectations of such a trace failed that passed once its inputs moved to 5ms.
 */
class InputsFromTimeZeroTest {

  @TestFactory
  Stream<DynamicTest> aZeroLatencyTraceMovedLaterWritesTheSameHistoryMovedAsMuch()
      throws IOException {
    var files =
        Stream.concat(Files.list(TraceLibraryTest.EXAMPLES), Files.list(TraceLibraryTest.LIBRARY))
            .filter(p -> p.toString().endsWith(".jsonl"))
            .sorted()
            .toList();
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      Trace trace = zeroLatency(TraceReader.read(f));
                      long watchdog =
                          trace
                              .config()
                              .watchdog()
                              .map(Duration::toNanos)
                              .orElse(SubsystemSettings.traceDefaults().watchdog().toNanos());
                      long shift = 3 * watchdog;
                      ReplayReport fromZero = Replay.run(trace);
                      ReplayReport later = Replay.run(moved(trace, shift));
                      assertEquals(
                          fromZero.replies(), later.replies(), "the same replies, data included");
                      assertEquals(
                          HistoryWriter.toText(moved(fromZero.history(), shift)),
                          HistoryWriter.toText(later.history()));
                    }));
  }

  private static Trace zeroLatency(Trace t) {
    var config =
        t.config().toBuilder()
            .diskLatency(Duration.ZERO)
            .latencyDefault(Duration.ZERO)
            .latencyPaths(Map.of())
            .build();
    return new Trace(t.name(), config, t.inputs(), t.expectations());
  }

  private static Trace moved(Trace t, long by) {
    List<Trace.Input> inputs = new ArrayList<>();
    for (Trace.Input i : t.inputs()) {
      if (i instanceof Trace.Command c) {
        inputs.add(
            new Trace.Command(
                c.atNanos() + by,
                c.line(),
                c.id(),
                c.host(),
                c.server(),
                c.op(),
                c.lba(),
                c.blocks(),
                c.data()));
      } else if (i instanceof Trace.Fail f) {
        inputs.add(
            new Trace.Fail(f.atNanos() + by, f.line(), f.target(), f.mode(), f.durationNanos()));
      } else if (i instanceof Trace.Repair r) {
        inputs.add(new Trace.Repair(r.atNanos() + by, r.line(), r.target()));
      } else if (i instanceof Trace.Partition p) {
        inputs.add(new Trace.Partition(p.atNanos() + by, p.line(), p.a(), p.b()));
      } else {
        Trace.Heal h = (Trace.Heal) i;
        inputs.add(new Trace.Heal(h.atNanos() + by, h.line(), h.a(), h.b()));
      }
    }
    return new Trace(t.name(), t.config(), inputs, t.expectations());
  }

  /**
   * Every event {@code by} later, but the startup's (the first incarnation of each adapter, before
   * time 0).
   */
  private static List<HistoryEvent> moved(List<HistoryEvent> history, long by) {
    List<HistoryEvent> out = new ArrayList<>();
    for (HistoryEvent e : history) {
      boolean startup = e.kind() == Kind.INCARNATED && e.epoch() == 1L;
      out.add(
          startup
              ? e
              : new HistoryEvent(
                  e.atNanos() + by,
                  e.kind(),
                  e.id(),
                  e.node(),
                  e.peer(),
                  e.attempt(),
                  e.status(),
                  e.path(),
                  e.servedBy(),
                  e.order(),
                  e.epoch(),
                  e.offset(),
                  e.length(),
                  e.detail()));
    }
    return out;
  }
}
