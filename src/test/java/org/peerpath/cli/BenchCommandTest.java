package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.cli.CommandLineContractTest.peerpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.cli.CommandLineContractTest.Run;

/**
 * {@code bench} as docs/spec/command-line.md promises it: with tiny settings, one JSON object with
 * every field, each sane, and the peer path really taken; bad options refused in one line before
 * anything runs. Nothing here times anything: the figures of so short a run mean nothing.
 */
class BenchCommandTest {

  @Test
  void benchJsonCarriesTheFieldsOfTheContractAndUsesThePeerPath() throws Exception {
    Run r =
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
            "8",
            "--count",
            "50");
    assertEquals(0, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    for (String path : List.of("direct", "peer")) {
      assertTrue(j.get("commandsPerSec").get(path).asDouble() > 0, path + ": " + r.out());
      assertTrue(j.get("messagesPerCommand").get(path).asDouble() > 0, path + ": " + r.out());
    }
    assertTrue(j.get("runtimeMessagesPerSec").asDouble() > 0, r.out());
    double ratio = j.get("ratio").asDouble();
    assertTrue(ratio > 0 && Double.isFinite(ratio), r.out());
    double p50 = j.get("latencyMicros").get("p50").asDouble();
    assertTrue(p50 > 0 && p50 <= j.get("latencyMicros").get("p99").asDouble(), r.out());
    assertTrue(j.get("peerCompletions").asLong() > 0, r.out());
    assertEquals(0, j.get("failedCommands").asLong(), r.out());
    assertEquals(1, j.get("rounds").size(), r.out());
    // The peer path forwards the command to server-2 and the notice back: more messages, always.
    assertTrue(
        j.get("messagesPerCommand").get("peer").asDouble()
            > j.get("messagesPerCommand").get("direct").asDouble(),
        r.out());
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
            List.of("--count", "0"))) {
      List<String> args = new java.util.ArrayList<>(List.of("bench", "--json"));
      args.addAll(bad);
      Run r = peerpath(args.toArray(String[]::new));
      assertEquals(2, r.exit(), bad + ": " + r.err());
      assertEquals("", r.out(), bad.toString());
      assertTrue(r.err().startsWith("peerpath bench: " + bad.get(0) + " must be"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  /** As for every command, picocli's own refusal comes first, then the usage. */
  @Test
  void benchRefusesAnOptionThatIsNoNumberAsBadUsage() {
    Run r = peerpath("bench", "--outstanding", "many");
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertTrue(
        r.err()
            .startsWith(
                "peerpath: Invalid value for option '--outstanding': 'many' is not a whole number"),
        r.err());
  }

  @Test
  void benchHelpSaysWhatItMeasures() {
    Run r = peerpath("bench", "--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("ceiling"), r.out());
    assertTrue(r.out().contains("--outstanding"), r.out());
  }
}
