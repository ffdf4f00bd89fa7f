package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.history.HistoryEvent;
import org.peerpath.trace.Replay;
import org.peerpath.trace.TraceReader;

/**
 * The failure detector of whole-server faults (trace-v1): a node learns that it cannot reach
 * another {@code unreachableAfter} after the cut or the crash began, if that still holds then,
 * counted afresh for each: a cut or crash over before its verdict leaves nothing behind.
 */
class FailureDetectorTest {
  private static final String CONFIG =
      "{\"kind\":\"config\",\"servers\":3,\"watchdog\":\"3ms\",\"deadline\":\"20ms\","
          + "\"unreachableAfter\":\"4ms\",\"latency\":{\"default\":\"0ms\"}}\n";
  private static final String LATER_COMMAND =
      "{\"at\":\"20ms\",\"kind\":\"command\",\"id\":\"c1\",\"host\":\"host-2\","
          + "\"server\":\"server-2\",\"op\":\"read\",\"lba\":0,\"blocks\":1}\n";

  /** When server-1 and server-3 were told they cannot reach each other, in ms, in order. */
  private static List<Long> toldUnreachable(String inputs) {
    var trace = TraceReader.read("detector", new StringReader(CONFIG + inputs + LATER_COMMAND));
    var report = Replay.run(trace);
    return report.history().stream()
        .filter(e -> e.kind() == HistoryEvent.Kind.UNREACHABLE)
        .filter(e -> e.node().equals("server-1") || e.node().equals("server-3"))
        .map(e -> e.atNanos() / 1_000_000)
        .toList();
  }

  private static String cut(String at, String heal) {
    return "{\"at\":\""
        + at
        + "\",\"kind\":\"partition\",\"between\":[\"server-1\",\"server-3\"]}\n"
        + "{\"at\":\""
        + heal
        + "\",\"kind\":\"heal\",\"between\":[\"server-1\",\"server-3\"]}\n";
  }

  @Test
  void aCutThatOutlastsUnreachableAfterIsToldThenAndOneThatDoesNotIsNever() {
    assertEquals(List.of(7L, 7L), toldUnreachable(cut("3ms", "8ms")));
    assertEquals(List.of(), toldUnreachable(cut("3ms", "7ms")));
  }

  /** A first cut's count down, started at 1 ms, ran into a second cut and told it at 5 ms. */
  @Test
  void aShortCutLeavesNoCountDownBehindForTheNext() {
    assertEquals(List.of(), toldUnreachable(cut("1ms", "2ms") + cut("3ms", "7ms")));
    assertEquals(List.of(7L, 7L), toldUnreachable(cut("1ms", "2ms") + cut("3ms", "8ms")));
  }

  /** server-3's crash at 1 ms started server-1's count down, which told a later cut at 5 ms. */
  @Test
  void aRestartedNodeIsCountedDownAfreshByItsPeers() {
    String crash =
        "{\"at\":\"1ms\",\"kind\":\"fail\",\"target\":\"server-3\",\"mode\":\"crash\"}\n"
            + "{\"at\":\"2ms\",\"kind\":\"repair\",\"target\":\"server-3\"}\n";
    assertEquals(List.of(), toldUnreachable(crash + cut("3ms", "7ms")));
  }
}
