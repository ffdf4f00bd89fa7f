package org.peerpath.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.trace.TraceWriter;

/**
 * The generator: one seed, one scenario; and every write's bytes differ from every other's and from
 * zeros.
 */
class TraceGeneratorTest {

  @Test
  void everyWriteValueIsDistinctAndNeverTheInitialZeros() {
    Set<ByteString> seen = new HashSet<>();
    ByteString zeros = ByteString.fromArrayUnsafe(new byte[512]);
    for (int n = 1; n <= 3000; n++) {
      ByteString v = TraceGenerator.value(n, 512);
      assertNotEquals(zeros, v, "write " + n);
      assertEquals(true, seen.add(v), "write " + n + " repeats an earlier value");
    }
  }

  @Test
  void oneSeedDrawsTheSameScenarioEveryTime() {
    var a = TraceGenerator.generate(42, 200);
    var b = TraceGenerator.generate(42, 200);
    assertEquals(a.knobs(), b.knobs());
    assertEquals(TraceWriter.toText(a.trace()), TraceWriter.toText(b.trace()));
    assertNotEquals(
        TraceWriter.toText(a.trace()),
        TraceWriter.toText(TraceGenerator.generate(43, 200).trace()));
  }

  /**
   * Load is drawn: bursts of commands at one instant to one server, and small queue depths that the
   * run must honour.
   */
  @Test
  void someSeedsDrawBurstsToOneServerAndAQueueDepthAndTheirRunsKeepEveryInvariant() {
    int bursty = 0;
    int limited = 0;
    for (long seed = 1; seed <= 60; seed++) {
      var s = TraceGenerator.generate(seed, 200);
      java.util.Map<String, Integer> atOnce = new java.util.HashMap<>();
      for (var c : s.trace().commands())
        atOnce.merge(c.atNanos() + " " + c.server(), 1, Integer::sum);
      if (atOnce.values().stream().anyMatch(n -> n >= 3)) bursty++;
      if (s.knobs().queueDepth() > 0) {
        limited++;
        assertEquals(Optional.of(s.knobs().queueDepth()), s.trace().config().queueDepth());
        var report = org.peerpath.trace.Replay.run(s.trace());
        assertEquals(true, report.passed(), "seed " + seed + ": " + report.summary());
      }
    }
    assertEquals(true, bursty >= 5, bursty + " of 60 seeds had a burst");
    assertEquals(true, limited >= 3, limited + " of 60 seeds had a queue depth");
  }

  /**
   * Seeds of {@code simulate --seeds 20000 --seed 11} whose liveness phase met a server still full
   * of commands the host had resent after NO_PATH and that were waiting out BUSY backoffs: a
   * liveness command then got BUSY, which is right for a full server, so the phase must start
   * later, not the model change.
   */
  @Test
  void theLivenessPhaseStartsOnceResentCommandsHaveFoundRoomInAFullServer() {
    for (long seed : new long[] {2093, 6346, 10785, 12449, 12604, 13530, 14150, 15561}) {
      var s = TraceGenerator.generate(seed, 200);
      var report = org.peerpath.trace.Replay.run(s.trace());
      assertEquals(true, report.passed(), "seed " + seed + ": " + report.summary());
    }
  }

  @Test
  void aSeedThatDrawsNoLoadIsTheScenarioItWasBeforeLoadWasDrawn() {
    for (long seed = 1; seed <= 40; seed++) {
      var s = TraceGenerator.generate(seed, 200);
      if (s.knobs().burstProbability() > 0) continue;
      // Without load every command has an instant of its own (exponential gaps) and the config no
      // queue depth.
      assertEquals(Optional.empty(), s.trace().config().queueDepth());
      long distinct = s.trace().commands().stream().mapToLong(c -> c.atNanos()).distinct().count();
      assertEquals(true, distinct >= s.trace().commands().size() - 2, "seed " + seed);
    }
  }
}
