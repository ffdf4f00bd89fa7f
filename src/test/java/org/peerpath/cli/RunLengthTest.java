package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.trace.Trace;
import org.peerpath.trace.TraceReader;

/**
 * Replay's estimate of a trace's watchdog ticks: one a period for each server, as the watchdog
 * ticks under virtual time, against a bound of 10^9.
 */
class RunLengthTest {
  private static Trace readAt(String at) {
    String text =
        "{\"kind\":\"config\",\"watchdog\":\"1ms\"}\n"
            + "{\"at\":\""
            + at
            + "\",\"kind\":\"command\",\"id\":\"r1\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":1}\n";
    return TraceReader.read("long.jsonl", new StringReader(text));
  }

  @Test
  void aTraceOfSomeSevenHundredMillionTicksRunsAndOneOfTwoBillionIsRefused() {
    // 375000s with a 1ms watchdog on 2 servers: 7.5 x 10^8 ticks at one a period (it would be
    // 1.5 x 10^9 at two).
    assertNull(RunLength.replay(List.of(readAt("375000s"))));
    String refused = RunLength.replay(List.of(readAt("1000000s")));
    assertTrue(refused != null && refused.contains("2.0e+09 watchdog ticks"), refused);
  }
}
