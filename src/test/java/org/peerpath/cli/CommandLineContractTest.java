package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.testing.Bytes;

/**
 * The command line as docs/spec/command-line.md promises it: exit 0 on success, 1 when the run
 * found a failure, 2 on bad usage or input with a message and nothing run or written, and the
 * fields of each {@code --json}.
 */
class CommandLineContractTest {
  static final String PEER_PATH = "src/main/resources/peerpath/examples/peer-path.jsonl";

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  /** Runs {@code peerpath args...} in this JVM, capturing what it prints. */
  static Run peerpath(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    var outBytes = new ByteArrayOutputStream();
    var errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int exit = Main.commandLine().execute(args);
      return new Run(
          exit,
          outBytes.toString(StandardCharsets.UTF_8),
          errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void replayOfAPassingTraceSaysPassAndExitsZero() {
    Run r = peerpath("replay", PEER_PATH);
    assertEquals(0, r.exit(), r.err());
    assertEquals("PASS peer-path.jsonl", r.out().strip());
  }

  @Test
  void replayOfATraceWithAnUnmetExpectationSaysFailAndExitsOne() throws Exception {
    Path trace = dir.resolve("unmet.jsonl");
    Files.writeString(
        trace,
        """
        {"at":"0ms","kind":"command","id":"w1","server":"server-1","op":"write","lba":3,"data":{"fill":7}}
        {"kind":"expect","id":"w1","status":"NO_PATH"}
        """);
    Run r = peerpath("replay", trace.toString());
    assertEquals(1, r.exit());
    assertTrue(r.out().startsWith("FAIL unmet.jsonl"), r.out());
    assertTrue(r.out().contains("expected status NO_PATH, got GOOD"), r.out());
  }

  @Test
  void aMalformedTraceExitsTwoNamingLineAndFieldAndWritesNothing() throws Exception {
    Path trace = dir.resolve("typo.jsonl");
    Files.writeString(
        trace,
        """
        {"at":"0ms","kind":"command","id":"w1","server":"server-1","op":"write","lba":3,"data":{"fill":7}}
        {"at":"1ms","kind":"command","id":"r1","server":"server-1","op":"read","lbaa":3}
        """);
    Path history = dir.resolve("history.jsonl");
    Run r = peerpath("replay", PEER_PATH, trace.toString(), "--history", history.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("typo.jsonl line 2") && r.err().contains("\"lbaa\""), r.err());
    assertEquals("", r.out(), "no trace ran, not even the well-formed one");
    assertFalse(Files.exists(history));
  }

  @Test
  void anSvgOfACommandTheTraceLacksExitsTwoBeforeAnythingRunsOrIsWritten() {
    Path svg = dir.resolve("out.svg");
    Path history = dir.resolve("history.jsonl");
    Run r =
        peerpath(
            "replay",
            PEER_PATH,
            "--svg",
            svg.toString(),
            "--command",
            "nope",
            "--history",
            history.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("has no command nope"), r.err());
    assertFalse(Files.exists(svg));
    assertFalse(Files.exists(history));
  }

  /**
   * trace-v1: the demo's --trace-out writes the run's events, as replay --history does; --record
   * writes a trace.
   */
  @Test
  void demoTraceOutWritesTheHistoryAndRecordWritesATraceThatReplays() throws Exception {
    Path history = dir.resolve("demo-history.jsonl");
    Path trace = dir.resolve("demo.jsonl");
    Run demo =
        peerpath(
            "demo",
            "--commands",
            "60",
            "--json",
            "--trace-out",
            history.toString(),
            "--record",
            trace.toString());
    assertEquals(0, demo.exit(), demo.err());
    List<String> lines = Files.readAllLines(history);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    long replies = 0;
    for (String line : lines) {
      var event = json.readTree(line);
      assertTrue(event.has("at") && event.has("kind"), line);
      if (event.get("kind").asText().equals("reply")) replies++;
    }
    assertTrue(replies >= 60, replies + " replies in the history");
    Run replay = peerpath("replay", trace.toString());
    assertEquals(0, replay.exit(), replay.out() + replay.err());
  }

  @Test
  void outputsThatCannotBeWrittenAreRefusedBeforeAnythingRuns() {
    Path missing = dir.resolve("no-such-dir");
    Run demo =
        peerpath(
            "demo", "--commands", "50", "--trace-out", missing.resolve("demo.jsonl").toString());
    assertEquals(2, demo.exit());
    assertTrue(
        demo.err().contains("--trace-out") && demo.err().contains("no directory"), demo.err());
    assertEquals("", demo.out(), "the demo did not run");
    Run replay = peerpath("replay", PEER_PATH, "--svg", missing.resolve("out.svg").toString());
    assertEquals(2, replay.exit());
    assertEquals("", replay.out(), "the trace did not run");
    Run history = peerpath("replay", PEER_PATH, "--history", dir.toString());
    assertEquals(
        2, history.exit(), "one trace's history goes to a file, and " + dir + " is a directory");
    Run simulate =
        peerpath("simulate", "--seeds", "2", "--out", missing.resolve("deeper").toString());
    assertEquals(2, simulate.exit());
    assertEquals("", simulate.out());
    assertFalse(Files.exists(missing), "nothing was made on the way");
  }

  @Test
  void aDiskFileOfAnotherGeometryIsRefusedWithItsReasonAndKeepsItsBytes() throws Exception {
    Path disk = dir.resolve("small.img");
    byte[] bytes = Bytes.fillArray(5, 4096);
    Files.write(disk, bytes);
    Run r = peerpath("demo", "--commands", "50", "--disk", disk.toString());
    assertEquals(2, r.exit());
    assertTrue(
        r.err().startsWith("peerpath demo: cannot open the disk file") && r.err().contains("needs"),
        r.err());
    assertFalse(r.err().contains("\tat "), "a message, not a stack trace: " + r.err());
    assertEquals("", r.out());
    assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(disk)));
  }

  /** The demo's two outputs and its disk file are three files: one written over another is lost. */
  @Test
  void demoOutputsThatNameOneFileOrTheDiskFileAreRefusedAndChangeNothing() throws Exception {
    Path disk = dir.resolve("blocks.img");
    byte[] bytes = Bytes.fillArray(7, 4096);
    Files.write(disk, bytes);
    Path out = dir.resolve("out.jsonl");
    Run both =
        peerpath(
            "demo",
            "--commands",
            "50",
            "--record",
            out.toString(),
            "--trace-out",
            dir.resolve(".").resolve("out.jsonl").toString());
    assertEquals(2, both.exit(), both.err());
    assertTrue(both.err().contains("are one file"), both.err());
    assertEquals("", both.out(), "the demo did not run");
    assertFalse(Files.exists(out));
    for (String option : List.of("--record", "--trace-out")) {
      Run r =
          peerpath("demo", "--commands", "50", "--disk", disk.toString(), option, disk.toString());
      assertEquals(2, r.exit(), option + ": " + r.err());
      assertTrue(
          r.err().startsWith("peerpath demo: " + option) && r.err().contains("the --disk file"),
          r.err());
      assertEquals("", r.out());
      assertTrue(
          java.util.Arrays.equals(bytes, Files.readAllBytes(disk)),
          option + " kept the disk's bytes");
    }
  }

  @Test
  void commandWithoutSvgIsBadUsage() {
    Run r = peerpath("replay", PEER_PATH, "--command", "w1");
    assertEquals(2, r.exit());
    assertEquals("", r.out());
  }

  @Test
  void replayJsonReportsEveryTrace() throws Exception {
    Run r = peerpath("replay", "--json", PEER_PATH);
    assertEquals(0, r.exit(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertTrue(report.get("passed").asBoolean());
    assertEquals("peer-path.jsonl", report.get("traces").get(0).get("name").asText());
    assertEquals(2, report.get("traces").get(0).get("expectations").asInt());
  }

  @Test
  void simulateJsonCarriesTheFieldsOfTheContract() throws Exception {
    Run r =
        peerpath(
            "simulate",
            "--seeds",
            "4",
            "--commands",
            "20",
            "--seed",
            "1",
            "--json",
            "--out",
            dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(4, report.get("seeds").asInt());
    assertEquals(20, report.get("commands").asInt());
    assertEquals(0, report.get("violations").asInt());
    assertEquals(0, report.get("failingSeeds").size());
    assertEquals(0, report.get("determinismMismatches").asInt());
    assertTrue(report.get("seedsPerSec").asDouble() > 0);
    assertTrue(r.err().contains("seeds 1..4"), "the run says which seeds it drew: " + r.err());
    JsonNode work = report.get("perSeedRun");
    assertEquals(5, work.get("runs").asInt(), "4 seeds and the first one's determinism rerun");
    // A seed starts and stops its subsystem and sends every command: more tasks than commands.
    assertTrue(work.get("tasks").asDouble() > 20, work.toString());
    assertTrue(work.get("timers").asDouble() > 0, work.toString());
  }

  /**
   * What a seed runs is a function of the seed: the same seeds on one worker or two come to the
   * same timers and, but for a task or two per worker, the same tasks, so the figures measure the
   * model, not how the seeds were spread.
   */
  @Test
  void simulateCountsTheSameWorkPerSeedOnOneWorkerOrTwo() throws Exception {
    JsonNode[] work = new JsonNode[2];
    for (int threads = 1; threads <= 2; threads++) {
      Run r =
          peerpath(
              "simulate",
              "--seeds",
              "6",
              "--commands",
              "40",
              "--seed",
              "3",
              "--threads",
              String.valueOf(threads),
              "--json",
              "--out",
              dir.toString());
      assertEquals(0, r.exit(), r.err());
      work[threads - 1] = new ObjectMapper().readTree(r.out()).get("perSeedRun");
    }
    assertEquals(work[0].get("runs"), work[1].get("runs"));
    assertEquals(work[0].get("timers"), work[1].get("timers"));
    // Each worker's runtime adds a task or two of its own (Pekko's, once per actor system).
    double tasks = work[0].get("tasks").asDouble();
    assertEquals(tasks, work[1].get("tasks").asDouble(), tasks / 200, work[0] + " " + work[1]);
    Run fewer =
        peerpath(
            "simulate",
            "--seeds",
            "6",
            "--commands",
            "10",
            "--seed",
            "3",
            "--json",
            "--out",
            dir.toString());
    double tasksOfFewer =
        new ObjectMapper().readTree(fewer.out()).get("perSeedRun").get("tasks").asDouble();
    assertTrue(
        tasksOfFewer < work[0].get("tasks").asDouble(),
        "a quarter of the commands runs fewer tasks: " + tasksOfFewer + " against " + work[0]);
  }

  @Test
  void simulateUnderPctSaysSoAndKeepsEveryInvariant() throws Exception {
    Run r =
        peerpath(
            "simulate",
            "--seeds",
            "4",
            "--commands",
            "20",
            "--seed",
            "1",
            "--schedule",
            "pct:2",
            "--twice-every",
            "2",
            "--json",
            "--out",
            dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals("pct:2", report.get("schedule").asText());
    assertEquals(0, report.get("violations").asInt());
    assertEquals(0, report.get("determinismMismatches").asInt());
    assertTrue(r.err().contains("schedule pct:2"), r.err());
  }

  @Test
  void simulateWithCoverageListsTheTransitionsTakenAndNeverTaken() throws Exception {
    Run r =
        peerpath(
            "simulate",
            "--seeds",
            "2",
            "--commands",
            "20",
            "--seed",
            "1",
            "--coverage",
            "--json",
            "--out",
            dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode coverage = new ObjectMapper().readTree(r.out()).get("coverage");
    boolean submitDirect = false;
    for (JsonNode t : coverage.get("taken"))
      submitDirect |=
          t.get("actor").asText().equals("server")
              && t.get("behaviour").asText().equals("direct")
              && t.get("message").asText().equals("Submit")
              && t.get("count").asInt() > 0;
    assertTrue(submitDirect, coverage.toString());
    assertTrue(coverage.get("never").size() > 0, "some transitions never taken in 2 seeds");
    Run table =
        peerpath("simulate", "--seeds", "1", "--commands", "10", "--seed", "1", "--coverage");
    assertTrue(table.out().contains("transitions taken"), table.out());
  }

  @Test
  void simulateWithAnUnknownScheduleIsBadUsage() {
    for (String bad : new String[] {"lifo", "pct:0", "pct:x", "pct:101"}) {
      Run r = peerpath("simulate", "--seeds", "1", "--schedule", bad);
      assertEquals(2, r.exit(), bad);
      assertTrue(r.err().startsWith("peerpath simulate: --schedule: "), r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void simulateWithNoSeedsIsBadUsage() {
    Run r = peerpath("simulate", "--seeds", "0");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--seeds must be at least 1, not 0"), r.err());
  }

  @Test
  void anUnknownOptionIsBadUsageWithTheUsage() {
    Run r = peerpath("simulate", "--bogus");
    assertEquals(2, r.exit());
    assertTrue(
        r.err().contains("Unknown option: '--bogus'")
            && r.err().contains("Usage: peerpath simulate"),
        r.err());
  }

  @Test
  void demoWithAnUnknownFaultModeIsBadUsage() {
    Run r = peerpath("demo", "--fail", "explode");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("crash, reset or hang"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void demoWithAResetLongerThanAMillionSecondsIsBadUsage() {
    Run r = peerpath("demo", "--reset-duration", "2000000s");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("a reset lasts at most 1000000s, not 2000000s"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void demoJsonCarriesTheFieldsOfTheContractAndLosesNothing() throws Exception {
    Run r = peerpath("demo", "--json", "--commands", "300", "--blocks", "64");
    assertEquals(0, r.exit(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    for (String field :
        new String[] {
          "commands",
          "ok",
          "errors",
          "paths",
          "failovers",
          "failoverMillis",
          "readbackMismatches",
          "latencyMicros",
          "fencedRefusals"
        }) {
      assertTrue(report.has(field), field + " missing from " + r.out());
    }
    assertEquals(0, report.get("errors").asInt());
    assertEquals(0, report.get("readbackMismatches").asInt());
    assertEquals(report.get("commands").asInt(), report.get("ok").asInt());
    assertEquals(
        report.get("commands").asInt(),
        report.get("paths").get("direct").asInt() + report.get("paths").get("peer").asInt());
    assertTrue(
        report.get("paths").get("peer").asInt() > 0,
        "adapter-1 failed, so some commands took the peer path");
    assertTrue(report.get("failoverMillis").has("p50") && report.get("failoverMillis").has("max"));
    assertTrue(report.get("latencyMicros").has("p50") && report.get("latencyMicros").has("p99"));
  }
}
