package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * Times at the limit trace-v1 sets (1000000s, so that no sum of a few times overflows): a trace
 * with every time and duration at the limit replays, ends and passes; one beyond it is refused
 * however it is built. An input at 9223372036s used to make replay spin for ever (292 years of
 * watchdog ticks), and a deadline of 5000000000s ended in a stack trace.
 */
class LongestTimesTest {

  @Test
  void aTraceWithTimesAtTheLongestReplaysEndsAndPasses() {
    Trace t =
        TraceReader.read(
            "longest",
            new StringReader(
                String.join(
                    "\n",
                    "# times at the longest trace-v1 allows; the disk answers just inside the deadline",
                    "{\"kind\":\"config\",\"servers\":2,\"watchdog\":\"1000000s\",\"deadline\":\"1000000s\",\"diskLatency\":\"999999s\","
                        + "\"latency\":{\"default\":\"0ms\",\"paths\":{\"host-1->server-1\":\"1000000s\"}}}",
                    "{\"at\":\"0ms\",\"kind\":\"fail\",\"target\":\"adapter-2\",\"mode\":\"reset\",\"duration\":\"1000000s\"}",
                    "{\"at\":\"1000000s\",\"kind\":\"command\",\"id\":\"w1\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":1,\"data\":{\"fill\":1}}",
                    "{\"kind\":\"expect\",\"id\":\"w1\",\"status\":\"GOOD\",\"path\":\"direct\"}")));
    ReplayReport report = Replay.run(t);
    assertTrue(report.passed(), report.summary());
    // Sent at 1000000s, at server-1 after 1000000s more, at the disk for 999999s, back to host-1
    // after 1000000s.
    HistoryEvent reply =
        report.history().stream().filter(e -> e.kind() == Kind.REPLY).findFirst().orElseThrow();
    assertEquals("3999999s", reply.at());
    assertEquals(Status.GOOD, report.reply("w1").status());
  }

  @Test
  void aTraceBuiltInCodeRefusesATimeBeyondTheLongest() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TraceBuilder("far").read("9223372036s", "r1", "server-1", 0, 1).build());
    assertTrue(e.getMessage().contains("'9223372036s' is above 1000000s"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TraceBuilder("long-reset")
                    .fail("0ms", "adapter-1", FaultMode.RESET, "1000001s")
                    .build());
    assertTrue(e.getMessage().contains("'1000001s' is above 1000000s"), e.getMessage());
  }
}
