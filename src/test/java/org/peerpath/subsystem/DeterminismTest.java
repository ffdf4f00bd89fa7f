package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.withPaths;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;

/** Determinism: a run under virtual time is a function of its inputs, event for event. */
class DeterminismTest {

  /** Concurrent commands on shared blocks, sub-millisecond latencies, and every failure mode. */
  static List<String> scenarioHistory() throws Exception {
    var s =
        withPaths(
            SubsystemSettings.traceDefaults().withName("det").withServers(3),
            "adapter-2->memory-1",
            "0.25",
            "server-2->server-1",
            "0.75",
            "adapter-3->memory-1",
            "1.5",
            "adapter-1->disk",
            "0.1");
    var json = new ObjectMapper();
    try (var run = VirtualSubsystem.start(s)) {
      List<IoCommand> commands = RandomCommands.generate(99L, 300, 16);
      for (int i = 0; i < commands.size(); i++) run.submitAt(i * 37_000L, commands.get(i), null);
      run.failAt(ms(2), "adapter-1", FaultMode.HANG, 0)
          .repairAt(ms(5), "adapter-1")
          .failAt(ms(4), "adapter-2", FaultMode.RESET, ms(3))
          .failAt(ms(7), "adapter-3", FaultMode.CRASH, 0)
          .repairAt(ms(9), "adapter-3");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(5)));
      List<String> lines = new java.util.ArrayList<>();
      for (HistoryEvent e : run.history()) lines.add(json.writeValueAsString(e));
      return lines;
    }
  }

  @Test
  void aScenarioRunTwiceWritesIdenticalHistories() throws Exception {
    List<String> first = scenarioHistory();
    List<String> second = scenarioHistory();
    assertTrue(first.size() > 1500, "a substantial history: " + first.size() + " events");
    assertEquals(first, second);
  }

  @Test
  void aMinuteOfVirtualTimeWithACrashAndARepairAnswersEveryCommandGood() {
    // The wall time is printed for the notes, not asserted: speed is measured by commands, not by
    // tests.
    try (var run = VirtualSubsystem.start(Fixtures.settings())) {
      for (int i = 0; i < 600; i++)
        run.submitAt(ms(100) * i, Fixtures.write("w" + i, i % 64, i, 1), null);
      run.failAt(ms(20_000), "adapter-1", FaultMode.CRASH, 0).repairAt(ms(40_000), "adapter-1");
      long wall = System.nanoTime();
      run.runFor(Duration.ofSeconds(60));
      wall = System.nanoTime() - wall;
      assertEquals(600, run.results().size());
      assertTrue(run.results().values().stream().allMatch(r -> r.status() == Status.GOOD));
      System.out.printf(
          "a minute of virtual time (600 commands, a watchdog every 5 ms, a crash and a repair) took %.1f ms of wall time%n",
          wall / 1e6);
    }
  }
}
