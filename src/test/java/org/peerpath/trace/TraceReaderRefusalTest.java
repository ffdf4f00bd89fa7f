package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TraceReader refuses what cannot be a trace line at all (docs/spec/trace-format.md): bad JSON, an
 * unknown kind or field, a missing or repeated id, an element the trace does not have, a duration
 * without a unit, a config line out of place. Each refusal names the line and the field and says
 * what is wrong; nothing is read past it.
 */
class TraceReaderRefusalTest {
  static final String W1 =
      "{\"kind\":\"command\",\"id\":\"w1\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"data\":{\"fill\":1}}";

  @Test
  void refusesALineThatIsNotJsonNamingTheLine() {
    var e = refused("# a comment", W1, "{\"kind\":\"command\",\"id\":\"w2\",");
    assertRefused(e, 3, null, "is not JSON");
  }

  @Test
  void refusesALineThatIsJsonButNotAnObject() {
    assertRefused(refused("[1, 2]"), 1, null, "must be one JSON object");
  }

  @Test
  void refusesTwoValuesOfOneFieldOnALineNamingTheField() {
    assertRefused(
        refused("{\"kind\":\"repair\",\"target\":\"adapter-1\",\"target\":\"adapter-2\"}"),
        1,
        "target",
        "given twice");
    assertRefused(
        refused(W1.replace("{\"fill\":1}", "{\"fill\":1,\"fill\":2}")),
        1,
        "data.fill",
        "given twice");
  }

  @Test
  void refusesAnUnknownKindNamingIt() {
    assertRefused(
        refused(W1, "{\"kind\":\"comand\",\"id\":\"x\"}"), 2, "kind", "unknown kind \"comand\"");
  }

  @Test
  void refusesALineWithoutAKind() {
    assertRefused(refused("{\"id\":\"x\"}"), 1, "kind", "is missing");
  }

  @Test
  void refusesAnUnknownFieldNamingTheLineAndTheField() {
    var e =
        refused(
            W1,
            "{\"kind\":\"command\",\"id\":\"r1\",\"server\":\"server-1\",\"op\":\"read\",\"lbaa\":7}");
    assertRefused(e, 2, "lbaa", "unknown field");
  }

  @Test
  void refusesAnUnknownFieldInsideData() {
    var e = refused("{\"kind\":\"expect\",\"id\":\"w1\",\"data\":{\"fill\":1,\"blcks\":2}}", W1);
    assertRefused(e, 1, "data.blcks", "unknown field");
  }

  @Test
  void refusesACommandWithoutAnId() {
    assertRefused(
        refused("{\"kind\":\"command\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0}"),
        1,
        "id",
        "is missing");
  }

  @Test
  void refusesARepeatedIdNamingTheEarlierLine() {
    assertRefused(
        refused(W1, "", W1.replace("\"lba\":0", "\"lba\":1")),
        3,
        "id",
        "duplicate id \"w1\": line 1");
  }

  @Test
  void refusesACommandWithoutAServer() {
    assertRefused(
        refused("{\"kind\":\"command\",\"id\":\"r\",\"op\":\"read\",\"lba\":0}"),
        1,
        "server",
        "is missing");
    assertRefused(refused(W1.replace("\"server-1\"", "null")), 1, "server", "must be a string");
  }

  @Test
  void refusesARepeatedIdWhateverTheOperationAndHostNamingBothLines() {
    String read =
        "{\"kind\":\"command\",\"id\":\"w1\",\"host\":\"host-2\",\"server\":\"server-2\",\"op\":\"read\",\"lba\":0}";
    var e = refused("# first", W1, "{\"kind\":\"expect\",\"id\":\"w1\"}", read);
    assertRefused(e, 4, "id", "duplicate id \"w1\"", "line 2");
  }

  @Test
  void refusesAServerTheTraceDoesNotHave() {
    var e =
        refused(
            "{\"kind\":\"command\",\"id\":\"r\",\"server\":\"server-3\",\"op\":\"read\",\"lba\":0}");
    assertRefused(e, 1, "server", "\"server-3\" is not a server", "server-1..server-2");
  }

  @Test
  void refusesAnAdapterNumberedZero() {
    assertRefused(
        refused("{\"kind\":\"fail\",\"target\":\"adapter-0\",\"mode\":\"crash\"}"),
        1,
        "target",
        "\"adapter-0\"");
  }

  @Test
  void refusesAHostThatIsNotNamedHostN() {
    var e =
        refused(
            "{\"kind\":\"command\",\"id\":\"r\",\"host\":\"host-x\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0}");
    assertRefused(e, 1, "host", "\"host-x\" is not a host");
  }

  @Test
  void refusesAnExpectationServedByAnAdapterTheTraceDoesNotHave() {
    assertRefused(
        refused(W1, "{\"kind\":\"expect\",\"id\":\"w1\",\"servedBy\":\"server-1\"}"),
        2,
        "servedBy",
        "not an adapter");
  }

  @Test
  void refusesADurationWithoutAUnitAsAStringOrANumber() {
    assertRefused(
        refused("{\"at\":\"5\",\"kind\":\"repair\",\"target\":\"adapter-1\"}"),
        1,
        "at",
        "not a duration",
        "unit");
    assertRefused(
        refused("{\"at\":5,\"kind\":\"repair\",\"target\":\"adapter-1\"}"),
        1,
        "at",
        "a duration with a unit");
  }

  @Test
  void refusesATimeOrDurationLongerThanAMillionSecondsNamingTheField() {
    assertRefused(
        refused("{\"at\":\"9223372036s\",\"kind\":\"repair\",\"target\":\"adapter-1\"}"),
        1,
        "at",
        "'9223372036s' is above 1000000s");
    assertRefused(
        refused("{\"at\":\"1000000.000000001s\",\"kind\":\"repair\",\"target\":\"adapter-1\"}"),
        1,
        "at",
        "above 1000000s");
    assertRefused(
        refused("{\"kind\":\"config\",\"deadline\":\"5000000000s\"}", W1),
        1,
        "deadline",
        "above 1000000s");
    assertRefused(
        refused(
            "{\"kind\":\"config\",\"latency\":{\"paths\":{\"disk->adapter-1\":\"1000001s\"}}}", W1),
        1,
        "latency.paths.disk->adapter-1",
        "above 1000000s");
    assertRefused(
        refused(
            "{\"kind\":\"fail\",\"target\":\"adapter-1\",\"mode\":\"reset\",\"duration\":\"99999999999999999999s\"}"),
        1,
        "duration",
        "above 1000000s");
  }

  @Test
  void acceptsTimesOfExactlyAMillionSeconds() {
    Trace t =
        TraceReader.read(
            "limits",
            new StringReader(
                String.join(
                    "\n",
                    "{\"kind\":\"config\",\"watchdog\":\"1000000s\",\"deadline\":\"1000000000ms\"}",
                    "{\"at\":\"1000000s\",\"kind\":\"fail\",\"target\":\"adapter-1\",\"mode\":\"reset\",\"duration\":\"1000000000000000ns\"}",
                    W1)));
    assertEquals(1_000_000_000_000_000L, t.inputs().get(0).atNanos());
    assertEquals(java.util.Optional.of(Duration.ofSeconds(1_000_000)), t.config().deadline());
  }

  @Test
  void refusesADurationInMinutes() {
    assertRefused(
        refused("{\"at\":\"1m\",\"kind\":\"repair\",\"target\":\"adapter-1\"}"),
        1,
        "at",
        "not a duration",
        "ns, us or µs, ms, s");
  }

  @Test
  void refusesAConfigLineThatDoesNotComeFirst() {
    assertRefused(
        refused("# comments may come first", W1, "{\"kind\":\"config\",\"servers\":2}"),
        3,
        "kind",
        "must come first, before line 2");
  }

  @Test
  void refusesASecondConfigLineNamingTheFirst() {
    var e = refused("{\"kind\":\"config\",\"servers\":2}", "{\"kind\":\"config\",\"blocks\":8}");
    assertRefused(e, 2, "kind", "second config line", "line 1");
  }

  @Test
  void refusesABlockSizeThatIsNotAPowerOfTwo() {
    assertRefused(
        refused("{\"kind\":\"config\",\"blockSize\":1000}"),
        1,
        "blockSize",
        "power of two",
        "1000");
  }

  @Test
  void refusesMoreServersThanASubsystemHas() {
    assertRefused(refused("{\"kind\":\"config\",\"servers\":17}"), 1, "servers", "1..16", "17");
  }

  @Test
  void refusesAnUnknownCompletion() {
    assertRefused(
        refused("{\"kind\":\"config\",\"completion\":\"eventually\"}"),
        1,
        "completion",
        "both or csw-only");
  }

  @Test
  void refusesAWatchdogOfZero() {
    assertRefused(
        refused("{\"kind\":\"config\",\"watchdog\":\"0ms\"}"), 1, "watchdog", "must be positive");
  }

  @Test
  void refusesALatencyPathToAnElementTheTraceDoesNotHave() {
    var e =
        refused("{\"kind\":\"config\",\"latency\":{\"paths\":{\"adapter-3->memory-1\":\"3ms\"}}}");
    assertRefused(e, 1, "latency.paths", "adapter-3", "not an element");
  }

  @Test
  void refusesALatencyPathWhoseIndexIsTooLongForANumber() {
    var e =
        refused(
            "{\"kind\":\"config\",\"latency\":{\"paths\":{\"adapter-99999999999->memory-1\":\"3ms\"}}}");
    assertRefused(e, 1, "latency.paths", "adapter-99999999999", "not an element");
  }

  @Test
  void refusesALatencyPathThatIsNotWrittenAToB() {
    var e =
        refused(
            "{\"kind\":\"config\",\"latency\":{\"paths\":{\"adapter-2 -> memory-1\":\"3ms\"}}}");
    assertRefused(e, 1, "latency.paths", "not a path");
  }

  @Test
  void refusesALatencyPathFromAHostThatSendsNothing() {
    var e =
        refused("{\"kind\":\"config\",\"latency\":{\"paths\":{\"host-2->server-1\":\"3ms\"}}}", W1);
    assertRefused(e, 1, "latency.paths", "host-2", "host-1..host-1");
  }

  @Test
  void refusesAFileThatIsNotUtf8NamingTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.jsonl");
    Files.write(file, (W1 + "\n# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
    var e = assertThrows(TraceFormatException.class, () -> TraceReader.read(file));
    assertEquals("latin1.jsonl", e.file());
    assertRefused(e, 2, null, "not UTF-8");
  }

  // ---- trace-v1 extensions: whole-server faults and partitions ----

  @Test
  void refusesAServerFailedByResetOrHang() {
    assertRefused(
        refused(
            W1,
            "{\"at\":\"1ms\",\"kind\":\"fail\",\"target\":\"server-1\",\"mode\":\"reset\",\"duration\":\"5ms\"}"),
        2,
        "mode",
        "only by crash",
        "reset");
    assertRefused(
        refused(W1, "{\"at\":\"1ms\",\"kind\":\"fail\",\"target\":\"server-2\",\"mode\":\"hang\"}"),
        2,
        "mode",
        "only by crash",
        "hang");
  }

  @Test
  void refusesAServerCrashWithADuration() {
    assertRefused(
        refused(
            W1,
            "{\"at\":\"1ms\",\"kind\":\"fail\",\"target\":\"server-1\",\"mode\":\"crash\",\"duration\":\"5ms\"}"),
        2,
        "duration",
        "only a reset");
  }

  @Test
  void refusesAFailOrRepairOfAServerTheTraceDoesNotHave() {
    assertRefused(
        refused(W1, "{\"kind\":\"fail\",\"target\":\"server-3\",\"mode\":\"crash\"}"),
        2,
        "target",
        "server-3");
    assertRefused(
        refused(W1, "{\"kind\":\"repair\",\"target\":\"server-0\"}"), 2, "target", "server-0");
  }

  @Test
  void refusesAPartitionBetweenTwoElementsOfOneNode() {
    assertRefused(
        refused(W1, "{\"kind\":\"partition\",\"between\":[\"server-1\",\"adapter-1\"]}"),
        2,
        "between",
        "on one node (server-1)");
    assertRefused(
        refused(W1, "{\"kind\":\"heal\",\"between\":[\"memory-2\",\"adapter-2\"]}"),
        2,
        "between",
        "on one node (server-2)");
    assertRefused(
        refused(W1, "{\"kind\":\"partition\",\"between\":[\"disk\",\"disk\"]}"),
        2,
        "between",
        "on one node");
  }

  @Test
  void refusesABetweenThatIsNotTwoNames() {
    for (String between :
        new String[] {
          "[\"server-1\"]",
          "[\"server-1\",\"server-2\",\"disk\"]",
          "[\"server-1\",2]",
          "[]",
          "\"server-1,server-2\"",
          "{\"a\":\"server-1\",\"b\":\"server-2\"}"
        }) {
      assertRefused(
          refused(W1, "{\"kind\":\"partition\",\"between\":" + between + "}"),
          2,
          "between",
          "must be two names");
    }
    assertRefused(
        refused(W1, "{\"kind\":\"heal\",\"between\":[null,\"server-2\"]}"),
        2,
        "between",
        "must be two names");
    assertRefused(refused(W1, "{\"kind\":\"partition\"}"), 2, "between", "is missing");
  }

  @Test
  void refusesABetweenNamingAnElementTheTraceDoesNotHave() {
    assertRefused(
        refused(W1, "{\"kind\":\"partition\",\"between\":[\"server-1\",\"server-3\"]}"),
        2,
        "between",
        "\"server-3\" is no element");
    assertRefused(
        refused(W1, "{\"kind\":\"heal\",\"between\":[\"switch-1\",\"server-2\"]}"),
        2,
        "between",
        "\"switch-1\" is no element");
  }

  @Test
  void refusesAPartitionLineWithAFieldOfAnotherKind() {
    assertRefused(
        refused(
            W1,
            "{\"kind\":\"partition\",\"between\":[\"server-1\",\"server-2\"],\"target\":\"server-1\"}"),
        2,
        "target",
        "unknown field");
  }

  @Test
  void refusesAnUnreachableAfterOfZeroOrBelow() {
    assertRefused(
        refused("{\"kind\":\"config\",\"unreachableAfter\":\"0ms\"}", W1),
        1,
        "unreachableAfter",
        "must be positive");
    assertRefused(
        refused("{\"kind\":\"config\",\"unreachableAfter\":\"-5ms\"}", W1),
        1,
        "unreachableAfter",
        "non-negative");
    assertRefused(
        refused("{\"kind\":\"config\",\"unreachableAfter\":\"10\"}", W1),
        1,
        "unreachableAfter",
        "it has no unit");
  }

  static TraceFormatException refused(String... lines) {
    return assertThrows(
        TraceFormatException.class,
        () -> TraceReader.read("bad.jsonl", new StringReader(String.join("\n", lines))));
  }

  /**
   * The error is on {@code line} and {@code field}, and its message says so and contains every one
   * of {@code what}.
   */
  static void assertRefused(TraceFormatException e, int line, String field, String... what) {
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    String where =
        e.file() + " line " + line + (field == null ? ": " : ", field \"" + field + "\": ");
    assertTrue(e.getMessage().startsWith(where), e.getMessage());
    for (String w : what)
      assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage());
  }
}
