package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.cli.CommandLineContractTest.peerpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explore: its JSON, the trace it writes for a failing schedule, and its refusals. */
class ExploreCommandTest {
  @TempDir Path dir;

  private Path resource(String name) throws Exception {
    Path p = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
    try (var in = getClass().getClassLoader().getResourceAsStream(name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void aFailingScheduleIsWrittenAsATraceThatReplayRunsIntoTheSameFailure() throws Exception {
    Path tie = resource("explore/csw-first-at-a-tie.jsonl");
    Path out = dir.resolve("found");
    var r =
        peerpath(
            "explore",
            tie.toString(),
            "--strategy",
            "pct",
            "--schedules",
            "20",
            "--out",
            out.toString(),
            "--json");
    assertEquals(1, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("pct", j.get("strategy").asText());
    assertTrue(j.get("schedules").asInt() >= 1 && j.get("schedules").asInt() <= 20);
    assertTrue(j.get("schedulesPerSec").asDouble() > 0);
    assertEquals(1, j.get("violations").asInt());
    JsonNode first = j.get("firstFailingSchedule");
    assertEquals("pct", first.get("schedule").get("strategy").asText());
    Path written = Path.of(first.get("file").asText());
    assertTrue(Files.readString(written).contains("{\"kind\":\"schedule\",\"strategy\":\"pct\""));
    var replay = peerpath("replay", written.toString());
    assertEquals(1, replay.exit(), replay.out());
    assertTrue(replay.out().contains("expected order csw-first, got notice-first"), replay.out());
  }

  @Test
  void aTraceThatKeepsEveryExpectationUnderEverySchedulePasses() throws Exception {
    Path direct = resource("peerpath/examples/direct-path.jsonl");
    var r =
        peerpath(
            "explore",
            direct.toString(),
            "--strategy",
            "random",
            "--schedules",
            "10",
            "--out",
            dir.resolve("none").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("schedules 10 (random)   failing 0   violations 0"), r.out());
    assertTrue(!Files.exists(dir.resolve("none")), "nothing written");
  }

  @Test
  void dfsRunsEveryOrderOfTheTieAndSaysHowManyRunsEndedEarly() throws Exception {
    Path tie = resource("explore/csw-first-at-a-tie.jsonl");
    var r =
        peerpath(
            "explore",
            tie.toString(),
            "--strategy",
            "dfs",
            "--schedules",
            "500",
            "--all",
            "--out",
            dir.resolve("found").toString(),
            "--json");
    assertEquals(1, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("exhausted").asBoolean(), r.out());
    assertTrue(j.get("reduction").asBoolean());
    int runs = j.get("schedules").asInt();
    int early = j.get("endedEarly").asInt();
    assertTrue(runs < 500 && early > 0 && early < runs, r.out());
    assertTrue(j.get("failingSchedules").asInt() > 0, "notice-first is among the orders");
    // The failing schedule's trace lists every choice the search made: replay repeats it.
    Path written = Path.of(j.get("firstFailingSchedule").get("file").asText());
    var replay = peerpath("replay", written.toString());
    assertEquals(1, replay.exit(), replay.out());
    assertTrue(replay.out().contains("expected order csw-first, got notice-first"), replay.out());

    var all =
        peerpath(
            "explore",
            tie.toString(),
            "--strategy",
            "dfs",
            "--schedules",
            "50",
            "--no-reduction",
            "--out",
            dir.resolve("none").toString());
    assertEquals(0, all.exit(), all.err()); // notice-first is schedule 96 of the plain search
    assertTrue(all.out().contains("every order run, commuting or not"), all.out());
  }

  @Test
  void badUsageIsRefusedBeforeAnythingRuns() throws Exception {
    Path direct = resource("peerpath/examples/direct-path.jsonl");
    for (String[] args :
        new String[][] {
          {"explore", direct.toString(), "--strategy", "bfs"},
          {"explore", direct.toString(), "--schedules", "0"},
          {"explore", direct.toString(), "--strategy", "pct", "--no-reduction"},
          {"explore", direct.toString(), "--depth", "0"},
          {"explore", dir.resolve("missing.jsonl").toString()},
        }) {
      var r = peerpath(args);
      assertEquals(2, r.exit(), String.join(" ", args));
      assertTrue(r.err().startsWith("peerpath explore: "), r.err());
      assertEquals("", r.out());
    }
  }
}
