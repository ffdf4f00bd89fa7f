package org.peerpath.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.adapter.FaultMode;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.TraceReader;

/**
 * Recording: a real-time demo run written as a trace, which replay under virtual time then passes.
 */
class DemoRecordingTest {

  @Test
  void aRecordedDemoReplaysAndMeetsEveryExpectation(@TempDir Path dir) throws Exception {
    var settings =
        SubsystemSettings.defaults().withName("recorded").withWatchdog(Duration.ofMillis(50));
    var plan = new Workload.Plan(7, 300, 8, 32, 4, 0.5, FaultMode.CRASH, 0, 90, 210);
    Path file = dir.resolve("demo.jsonl");
    DemoReport report = new Demo(settings, plan, false, file).run();
    assertTrue(report.clean(), report.table());
    var trace = TraceReader.read(file);
    assertEquals(report.commands(), trace.commands().size());
    assertEquals(report.commands(), trace.expectations().size(), "an expectation for every reply");
    assertEquals(
        java.util.Optional.of(settings.queueDepth()),
        trace.config().queueDepth(),
        "the replay admits what the demo admitted");
    var replay = Replay.run(trace);
    assertTrue(replay.passed(), replay.summary());
  }
}
