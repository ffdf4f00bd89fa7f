package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.cli.CommandLineContractTest.peerpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerpath.cli.CommandLineContractTest.Run;

/**
 * {@code bench} as docs/spec/command-line.md promises it: with tiny settings, one JSON object with
 * every field, each sane, and the peer path really taken; failover over the failures it caused,
 * without a failed command; {@code --scaling} with a row per point asked; bad options refused in
 * one line before anything runs. Nothing here times anything: the figures of so short a run mean
 * nothing.
 */
class BenchCommandTest {

  private static final int FAILURES = 3;
  private static Run bench;
  private static JsonNode json;

  /** One short bench run, which the tests below read. */
  @BeforeAll
  static void runBenchOnce() throws Exception {
    bench =
        peerpath(
            "bench",
            "--json",
            "--rounds",
            "1",
            "--seconds",
            "0.05",
            "--warmup",
            "0",
            "--outstanding",
            "8,1",
            "--count",
            "50",
            "--failures",
            String.valueOf(FAILURES));
    assertEquals(0, bench.exit(), bench.err());
    json = new ObjectMapper().readTree(bench.out());
  }

  /**
   * A throughput of so short a window may be 0 on a busy machine (no reply ended inside it), so
   * throughputs are only checked to be figures; the replies themselves are checked by count.
   */
  private static void aFigure(JsonNode value, String what) {
    double v = value.asDouble();
    assertTrue(value.isNumber() && v >= 0 && Double.isFinite(v), what + ": " + bench.out());
  }

  @Test
  void benchJsonCarriesTheFieldsOfTheContractAndUsesThePeerPath() {
    for (String path : List.of("direct", "peer")) {
      aFigure(json.get("commandsPerSec").get(path), path);
      assertTrue(json.get("messagesPerCommand").get(path).asDouble() > 0, bench.out());
    }
    aFigure(json.get("runtimeMessagesPerSec"), "ceiling");
    aFigure(json.get("ratio"), "ratio");
    for (String latency : List.of("latencyMicros", "peerLatencyMicros")) {
      double p50 = json.get(latency).get("p50").asDouble();
      assertTrue(p50 > 0 && p50 <= json.get(latency).get("p99").asDouble(), bench.out());
    }
    assertTrue(json.get("peerCompletions").asLong() > 0, bench.out());
    assertEquals(0, json.get("failedCommands").asLong(), bench.out());
    assertEquals(1, json.get("rounds").size(), bench.out());
    // The peer path forwards the command to server-2 and the notice back: more messages, always.
    assertTrue(
        json.get("messagesPerCommand").get("peer").asDouble()
            > json.get("messagesPerCommand").get("direct").asDouble(),
        bench.out());
  }

  @Test
  void benchMeasuresEachOutstandingAskedInAscendingOrderAndReportsTheLargestAsCommandsPerSec() {
    JsonNode by = json.get("byOutstanding");
    assertEquals(2, by.size(), bench.out());
    assertEquals(1, by.get(0).get("outstanding").asInt(), bench.out());
    assertEquals(8, by.get(1).get("outstanding").asInt(), bench.out());
    for (JsonNode at : by)
      for (String path : List.of("direct", "peer")) aFigure(at.get(path), path + " at " + at);
    for (String path : List.of("direct", "peer"))
      assertEquals(
          by.get(1).get(path).asDouble(),
          json.get("commandsPerSec").get(path).asDouble(),
          path + ": " + bench.out());
  }

  @Test
  void everyCommandTakesAtLeastOneRunQueueTaskOnEachPath() {
    for (String path : List.of("direct", "peer"))
      assertTrue(json.get("tasksPerCommand").get(path).asDouble() >= 1, path + ": " + bench.out());
  }

  @Test
  void failoverCountsEveryFailureItCausedAndNoCommandFailsWhileAdapterTwoWorks() {
    JsonNode over = json.get("failoverMillis");
    JsonNode back = json.get("failbackMillis");
    assertEquals(FAILURES, over.get("failures").asInt(), bench.out());
    assertEquals(FAILURES, back.get("repairs").asInt(), bench.out());
    for (JsonNode f : List.of(over, back)) {
      double p50 = f.get("p50").asDouble();
      assertTrue(
          p50 > 0
              && p50 <= f.get("p99").asDouble()
              && f.get("p99").asDouble() <= f.get("max").asDouble(),
          bench.out());
    }
    assertEquals(0, json.get("failoverFailedCommands").asLong(), bench.out());
    assertEquals(0, json.get("failoverStalled").asInt(), bench.out());
  }

  @Test
  void scalingGivesARowForEachServerCountAndEachOutstandingAsked() throws Exception {
    Run r =
        peerpath(
            "bench",
            "--scaling",
            "--json",
            "--servers",
            "3,2",
            "--outstanding",
            "1,64",
            "--seconds",
            "0.05",
            "--warmup",
            "0");
    assertEquals(0, r.exit(), r.err());
    JsonNode scaling = new ObjectMapper().readTree(r.out()).get("scaling");
    assertEquals(List.of(2, 3), ints(scaling.get("servers"), "servers"), r.out());
    assertEquals(List.of(256, 256), ints(scaling.get("servers"), "outstanding"), r.out());
    assertEquals(List.of(1, 64), ints(scaling.get("outstanding"), "outstanding"), r.out());
    assertEquals(List.of(2, 2), ints(scaling.get("outstanding"), "servers"), r.out());
    for (String list : List.of("servers", "outstanding"))
      for (JsonNode row : scaling.get(list)) {
        // As above: a window of 50 ms may end no reply on a busy machine.
        assertTrue(row.get("commandsPerSec").asDouble() >= 0, row.toString());
        assertEquals(
            row.get("commandsPerSec").asDouble() / row.get("servers").asInt(),
            row.get("commandsPerSecPerServer").asDouble(),
            0.1,
            row.toString());
        assertEquals(0, row.get("failedCommands").asLong(), row.toString());
      }
    // One command in flight leaves nothing to divide a difference by.
    assertTrue(scaling.get("outstanding").get(0).get("bytesPerCommand").isNull(), r.out());
    JsonNode held = scaling.get("outstanding").get(1);
    assertTrue(held.get("bytesPerCommand").asDouble() > 0, r.out());
    assertEquals(
        held.get("bytesPerCommand").asDouble(),
        held.get("bytesBeyondPayload").asDouble(),
        "the commands share one payload, so what each holds is all beyond it: " + r.out());
  }

  private static List<Integer> ints(JsonNode rows, String field) {
    List<Integer> values = new ArrayList<>();
    rows.forEach(row -> values.add(row.get(field).asInt()));
    return values;
  }

  @Test
  void benchRefusesOptionsOutOfRangeInOneLineBeforeAnythingRuns() {
    for (List<String> bad :
        List.of(
            List.of("--rounds", "0"),
            List.of("--rounds", "101"),
            List.of("--seconds", "0"),
            List.of("--seconds", "NaN"),
            List.of("--warmup", "-1"),
            List.of("--outstanding", "0"),
            List.of("--outstanding", "4097"),
            List.of("--count", "0"),
            List.of("--failures", "0"),
            List.of("--failures", "1001"))) {
      refusedInOneLine(bad, bad.get(0) + " must be");
    }
  }

  @Test
  void benchRefusesABadListInOneLine() {
    Map<List<String>, String> refusals =
        Map.of(
            List.of("--outstanding", "1,0,16"), "--outstanding must be 1..4096 each, not 0",
            List.of("--outstanding", "16,4097"), "--outstanding must be 1..4096 each, not 4097",
            List.of("--outstanding", "1,,16"), "--outstanding must be whole numbers",
            List.of("--outstanding", "many"), "--outstanding must be whole numbers",
            List.of("--outstanding", "16,16"), "--outstanding must not repeat a value, as 16",
            List.of("--outstanding", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17"),
                "--outstanding must have at most 16 values",
            List.of("--scaling", "--servers", "2,17"), "--servers must be 1..16 each, not 17",
            List.of("--scaling", "--servers", "2,x"), "--servers must be whole numbers",
            List.of("--servers", "2,4"), "--servers needs --scaling",
            List.of("--scaling", "--rounds", "2"), "--rounds does not apply to --scaling");
    refusals.forEach(this::refusedInOneLine);
  }

  private void refusedInOneLine(List<String> bad, String message) {
    List<String> args = new ArrayList<>(List.of("bench", "--json"));
    args.addAll(bad);
    Run r = peerpath(args.toArray(String[]::new));
    assertEquals(2, r.exit(), bad + ": " + r.err());
    assertEquals("", r.out(), bad.toString());
    assertTrue(r.err().startsWith("peerpath bench: " + message), bad + ": " + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  /** As for every command, picocli's own refusal comes first, then the usage. */
  @Test
  void benchRefusesAnOptionThatIsNoNumberAsBadUsage() {
    Run r = peerpath("bench", "--rounds", "many");
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertTrue(
        r.err()
            .startsWith(
                "peerpath: Invalid value for option '--rounds': 'many' is not a whole number"),
        r.err());
  }

  @Test
  void benchHelpSaysWhatItMeasures() {
    Run r = peerpath("bench", "--help");
    assertEquals(0, r.exit(), r.err());
    for (String word : List.of("ceiling", "--outstanding", "--failures", "--scaling", "--servers"))
      assertTrue(r.out().contains(word), word + ": " + r.out());
  }
}
