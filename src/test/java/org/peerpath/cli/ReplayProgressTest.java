package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.trace.Replay;
import org.peerpath.trace.ReplayReport;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceReader;

/** A replay that runs long shows how far it has come; a short one shows nothing. */
class ReplayProgressTest {
  long wall;
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  List<String> lines() {
    String s = bytes.toString(StandardCharsets.UTF_8);
    return s.isEmpty() ? List.of() : List.of(s.split("\n"));
  }

  @Test
  void nothingInTheFirstSecondsThenALineEveryFewSecondsOffATerminal() {
    var progress = new ReplayProgress("t.jsonl", 4_000_000_000L, () -> wall, out, false);
    wall = ReplayProgress.QUIET_NANOS - 1;
    progress.accept(1_000_000_000L);
    assertEquals(List.of(), lines(), "quiet while the replay may still end soon");
    wall = ReplayProgress.QUIET_NANOS;
    progress.accept(1_000_000_000L);
    wall += 1_000_000_000L;
    progress.accept(2_000_000_000L);
    wall += 2_000_000_000L;
    progress.accept(3_000_000_000L);
    progress.finish();
    assertEquals(
        List.of(
            "replaying t.jsonl: 1s of virtual time of at most 4s (25%), 2.0 s",
            "replaying t.jsonl: 3s of virtual time of at most 4s (75%), 5.0 s"),
        lines());
  }

  @Test
  void onATerminalTheLineIsRedrawnInPlaceAndEndedOnce() {
    var progress = new ReplayProgress("t.jsonl", 4_000_000_000L, () -> wall, out, true);
    progress.finish();
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing drawn, nothing to end");
    wall = ReplayProgress.QUIET_NANOS;
    progress.accept(2_000_000_000L);
    wall += 200_000_000L;
    progress.accept(4_000_000_000L);
    progress.finish();
    assertEquals(
        "\rreplaying t.jsonl: 2s of virtual time of at most 4s (50%), 2.0 s"
            + "\rreplaying t.jsonl: 4s of virtual time of at most 4s (100%), 2.2 s"
            + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }

  /** Replay tells how far a run has come, on its way through the trace's virtual time. */
  @Test
  void aReplayReportsTheVirtualTimeItHasReached() throws Exception {
    // Two seconds of a 1 ms watchdog's ticks on two servers: a few thousand steps.
    java.nio.file.Path file = java.nio.file.Files.createTempFile("long", ".jsonl");
    java.nio.file.Files.writeString(
        file,
        "{\"kind\":\"config\",\"watchdog\":\"1ms\"}\n"
            + "{\"at\":\"2s\",\"kind\":\"command\",\"id\":\"r\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0}\n");
    Trace trace = TraceReader.read(file);
    java.nio.file.Files.delete(file);
    List<Long> seen = new ArrayList<>();
    ReplayReport report;
    try (var runtime = Replay.runtimeFor(trace, "progress")) {
      report = Replay.run(trace, runtime, s -> s, seen::add);
    }
    assertTrue(report.passed(), report.summary());
    assertTrue(seen.size() >= 2, "told more than once: " + seen);
    for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) >= seen.get(i - 1), "" + seen);
    assertTrue(seen.get(0) < 2_000_000_000L, "told before the command: " + seen);
    assertTrue(
        seen.get(seen.size() - 1) <= Replay.longestRunNanos(trace, Replay.settings(trace)),
        "within the most the trace can run");
  }
}
