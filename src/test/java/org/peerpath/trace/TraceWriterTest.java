package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.Durations;
import org.peerpath.history.HistoryEvent;

/**
 * TraceWriter writes what TraceReader reads back to an equal Trace (line numbers aside), the same
 * bytes every time: simulate saves a failing run with it, and replay must reproduce that run.
 */
class TraceWriterTest {

  @Test
  void writesATraceThatReadsBackEqual() {
    Trace original = TraceReader.readResource("trace-reader/every-kind.jsonl");
    Trace again = TraceReader.read(original.name(), new StringReader(TraceWriter.toText(original)));
    assertEquals(withoutLines(original), withoutLines(again));
  }

  @Test
  void writesDataThatIsNoFillAsBase64AndReadsItBackByteForByte() {
    byte[] ragged = new byte[100];
    for (int i = 0; i < ragged.length; i++) ragged[i] = (byte) (i * 7);
    byte[] almostFill = TraceBuilder.fill(5, 8192).toArray();
    almostFill[8191] = 6;
    Trace original =
        new TraceBuilder("data.jsonl")
            .write("1.25ms", "ragged", "server-1", 3, ByteString.fromArray(ragged))
            .write("2ms", "almost-fill", "server-2", 4, ByteString.fromArray(almostFill))
            .write("3ms", "empty", "server-1", -1, ByteString.emptyByteString())
            .command(
                "7ns",
                "from-host-3",
                "host-3",
                "server-2",
                Op.READ,
                1023,
                0,
                ByteString.emptyByteString())
            .fail("4ms", "adapter-2", FaultMode.RESET, "250us")
            .expect("ragged", e -> e.status(Status.GOOD).data(ByteString.fromArray(ragged)))
            .build();
    String text = TraceWriter.toText(original);
    assertTrue(text.contains("\"data\":{\"base64\":\"AAcOFRwj"), text);
    assertEquals(
        withoutLines(original),
        withoutLines(TraceReader.read("data.jsonl", new StringReader(text))));
  }

  @Test
  void writesFieldsInAFixedOrderAndTheConfigOnlyWithWhatItSets() {
    Trace t =
        new TraceBuilder("t")
            .config(
                Trace.Config.builder()
                    .servers(3)
                    .deadline(Duration.of(1500, ChronoUnit.MICROS))
                    .build())
            .write("0ms", "w1", "server-3", 7, TraceBuilder.fill(171, 8192))
            .read("9ms", "r1", "server-2", 7, 2)
            .fail("5ms", "adapter-1", FaultMode.HANG)
            .repair("40ms", "adapter-1")
            .expect(
                "r1",
                e ->
                    e.status(Status.GOOD)
                        .path(HistoryEvent.Path.PEER)
                        .servedBy("adapter-2")
                        .order(HistoryEvent.Order.CSW_FIRST))
            .build();
    assertEquals(
        """
        {"kind":"config","servers":3,"deadline":"1.5ms"}
        {"at":"0ms","kind":"command","id":"w1","host":"host-1","server":"server-3","op":"write","lba":7,"data":{"fill":171,"blocks":2}}
        {"at":"9ms","kind":"command","id":"r1","host":"host-1","server":"server-2","op":"read","lba":7,"blocks":2}
        {"at":"5ms","kind":"fail","target":"adapter-1","mode":"hang"}
        {"at":"40ms","kind":"repair","target":"adapter-1"}
        {"kind":"expect","id":"r1","status":"GOOD","path":"peer","servedBy":"adapter-2","order":"csw-first"}
        """,
        TraceWriter.toText(t));
  }

  @Test
  void writesNoConfigLineForATraceWithoutOne() {
    Trace t = new TraceBuilder("t").read("1ms", "r", "server-2", 0, 1).build();
    assertEquals(
        "{\"at\":\"1ms\",\"kind\":\"command\",\"id\":\"r\",\"host\":\"host-1\",\"server\":\"server-2\","
            + "\"op\":\"read\",\"lba\":0,\"blocks\":1}\n",
        TraceWriter.toText(t));
  }

  @Test
  void writesTheQueueDepthAndReadsItBack() {
    Trace t =
        new TraceBuilder("t")
            .config(Trace.Config.builder().queueDepth(2147483647).build())
            .read("0ms", "r", "server-1", 0, 1)
            .build();
    String text = TraceWriter.toText(t);
    assertTrue(text.startsWith("{\"kind\":\"config\",\"queueDepth\":2147483647}\n"), text);
    assertEquals(withoutLines(t), withoutLines(TraceReader.read("t", new StringReader(text))));
  }

  @Test
  void writesTheSameBytesTwiceAndWhateverOrderThePathsWereGivenIn() {
    Map<String, Duration> forward = new LinkedHashMap<>();
    forward.put("adapter-2->memory-1", Duration.ofMillis(3));
    forward.put("server-2->server-1", Duration.ofMillis(1));
    Map<String, Duration> backward = new LinkedHashMap<>();
    backward.put("server-2->server-1", Duration.ofMillis(1));
    backward.put("adapter-2->memory-1", Duration.ofMillis(3));
    Trace a =
        new TraceBuilder("a").config(latency(forward)).read("1ms", "r", "server-1", 0, 1).build();
    Trace b =
        new TraceBuilder("a").config(latency(backward)).read("1ms", "r", "server-1", 0, 1).build();
    assertEquals(TraceWriter.toText(a), TraceWriter.toText(b));
    // What is written and read back is written as the same bytes again.
    String everyKind =
        TraceWriter.toText(TraceReader.readResource("trace-reader/every-kind.jsonl"));
    assertEquals(
        everyKind,
        TraceWriter.toText(TraceReader.read("again", new java.io.StringReader(everyKind))));
  }

  @Test
  void startsWithTheCallersCommentOneHashALine(@TempDir Path dir) {
    Trace t = TraceReader.readResource("trace-reader/every-kind.jsonl");
    StringWriter out = new StringWriter();
    TraceWriter.write(t, "seed=42 failed: lost write\nshrunk from 300 commands", out);
    assertTrue(
        out.toString()
            .startsWith(
                "# seed=42 failed: lost write\n# shrunk from 300 commands\n{\"kind\":\"config\""));
    Path file = dir.resolve("every-kind.jsonl");
    TraceWriter.write(t, "seed=42 failed: lost write\nshrunk from 300 commands", file);
    assertEquals(withoutLines(t), withoutLines(TraceReader.read(file)));
  }

  @Test
  void refusesATraceTheFormatCannotSay() {
    Trace crashWithDuration =
        new TraceBuilder("t")
            .read("0ms", "r", "server-1", 0, 1)
            .fail("1ms", "adapter-1", FaultMode.CRASH, "5ms")
            .build();
    var e =
        assertThrows(IllegalArgumentException.class, () -> TraceWriter.toText(crashWithDuration));
    assertTrue(e.getMessage().contains("only a reset has a duration"), e.getMessage());
  }

  @Test
  void writesWrongCommandsSoThatTheyReadBackTheSame() {
    // trace-v1 runs these (BAD_REQUEST), so a saved trace must say them as they are.
    Trace t =
        new Trace(
            "t",
            Trace.Config.builder().blockSize(512).build(),
            List.of(
                command("w-more", Op.WRITE, 3, TraceBuilder.fill(1, 512)),
                command("w-fewer", Op.WRITE, 1, TraceBuilder.fill(1, 1024)),
                command("w-negative", Op.WRITE, -1, ByteString.emptyByteString()),
                command("w-ragged", Op.WRITE, 1, ByteString.fromArray(new byte[513])),
                command("w-right", Op.WRITE, 2, TraceBuilder.fill(1, 1024)),
                command("r-data", Op.READ, 2, ByteString.fromArray(new byte[] {1, 2, 3}))),
            List.of());
    String text = TraceWriter.toText(t);
    assertEquals(
        withoutLines(t), withoutLines(TraceReader.read("t", new StringReader(text))), text);
    assertTrue(
        text.contains(
            "\"id\":\"w-more\",\"host\":\"host-1\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"blocks\":3,"),
        text);
    assertTrue(
        text.contains(
            "\"id\":\"w-right\",\"host\":\"host-1\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"data\""),
        "blocks only when they are not the data's: " + text);
    assertEquals(text, TraceWriter.toText(TraceReader.read("t", new StringReader(text))));
  }

  @Test
  void refusesATraceTheReaderWouldRefuseAcrossLines() {
    Trace noCommand = new TraceBuilder("t").fail("1ms", "adapter-1", FaultMode.CRASH).build();
    var e = assertThrows(IllegalArgumentException.class, () -> TraceWriter.toText(noCommand));
    assertTrue(e.getMessage().contains("at least one command"), e.getMessage());
    Trace twice =
        new TraceBuilder("t")
            .read("0ms", "r", "server-1", 0, 1)
            .read("1ms", "r", "server-2", 0, 1)
            .build();
    e = assertThrows(IllegalArgumentException.class, () -> TraceWriter.toText(twice));
    assertTrue(e.getMessage().contains("r: two commands have this id"), e.getMessage());
  }

  @Test
  void writesTimesUpTo1000000sAndRefusesLaterOnes() {
    Trace last = new TraceBuilder("t").read("1000000s", "r", "server-1", 0, 1).build();
    assertEquals(
        withoutLines(last),
        withoutLines(TraceReader.read("t", new StringReader(TraceWriter.toText(last)))));
    // A trace cannot even hold a later time, so no writer is asked to save one.
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Trace(
                    "t",
                    null,
                    List.of(
                        new Trace.Command(
                            0,
                            0,
                            "r",
                            "host-1",
                            "server-1",
                            Op.READ,
                            0,
                            1,
                            ByteString.emptyByteString()),
                        new Trace.Fail(
                            0, 0, "adapter-1", FaultMode.RESET, Durations.MAX_NANOS + 1)),
                    List.of()));
    assertTrue(e.getMessage().contains("0..1000000s"), e.getMessage());
  }

  private static Trace.Config latency(Map<String, Duration> paths) {
    return Trace.Config.builder().latencyDefault(Duration.ZERO).latencyPaths(paths).build();
  }

  /** {@code t} with every line number 0, as a trace built in code has: what a round trip keeps. */
  private static Trace.Command command(String id, Op op, int blocks, ByteString data) {
    return new Trace.Command(0, 0, id, "host-1", "server-1", op, 0, blocks, data);
  }

  static Trace withoutLines(Trace t) {
    List<Trace.Input> inputs = t.inputs().stream().map(TraceWriterTest::withoutLine).toList();
    List<Trace.Expectation> expectations =
        t.expectations().stream()
            .map(
                e ->
                    new Trace.Expectation(
                        0, e.id(), e.status(), e.data(), e.path(), e.servedBy(), e.order()))
            .toList();
    return new Trace(t.name(), t.config(), inputs, expectations);
  }

  private static Trace.Input withoutLine(Trace.Input i) {
    if (i instanceof Trace.Command c) {
      return new Trace.Command(
          c.atNanos(), 0, c.id(), c.host(), c.server(), c.op(), c.lba(), c.blocks(), c.data());
    }
    if (i instanceof Trace.Fail f)
      return new Trace.Fail(f.atNanos(), 0, f.target(), f.mode(), f.durationNanos());
    if (i instanceof Trace.Partition p) return new Trace.Partition(p.atNanos(), 0, p.a(), p.b());
    if (i instanceof Trace.Heal h) return new Trace.Heal(h.atNanos(), 0, h.a(), h.b());
    Trace.Repair r = (Trace.Repair) i;
    return new Trace.Repair(r.atNanos(), 0, r.target());
  }

  @Test
  void writesServerFaultsPartitionsAndHealsThatReadBackEqual() {
    List<Trace.Input> inputs =
        List.of(
            new Trace.Command(
                0, 0, "w1", "host-2", "server-1", Op.WRITE, 3, 1, TraceBuilder.fill(9, 4096)),
            new Trace.Fail(1_000_000, 0, "server-1", FaultMode.CRASH, 0),
            new Trace.Partition(2_000_000, 0, "server-2", "disk"),
            new Trace.Partition(2_000_000, 0, "adapter-1", "memory-2"),
            new Trace.Heal(30_000_000, 0, "server-2", "disk"),
            new Trace.Heal(31_000_000, 0, "server-1", "server-2"),
            new Trace.Partition(32_500, 0, "host-1", "server-2"),
            new Trace.Repair(60_000_000, 0, "server-1"));
    Trace original =
        new Trace(
            "servers.jsonl",
            Trace.Config.builder().servers(2).unreachableAfter(Duration.ofMillis(15)).build(),
            inputs,
            List.of(Trace.Expectation.builder("w1").status(Status.GOOD).build()));
    String text = TraceWriter.toText(original);
    assertTrue(text.contains("\"unreachableAfter\":\"15ms\""), text);
    assertTrue(
        text.contains(
            "{\"at\":\"1ms\",\"kind\":\"fail\",\"target\":\"server-1\",\"mode\":\"crash\"}"),
        text);
    assertTrue(
        text.contains(
            "{\"at\":\"2ms\",\"kind\":\"partition\",\"between\":[\"adapter-1\",\"memory-2\"]}"),
        text);
    assertTrue(
        text.contains(
            "{\"at\":\"31ms\",\"kind\":\"heal\",\"between\":[\"server-1\",\"server-2\"]}"),
        text);
    assertTrue(
        text.contains("{\"at\":\"60ms\",\"kind\":\"repair\",\"target\":\"server-1\"}"), text);
    Trace again = TraceReader.read("servers.jsonl", new StringReader(text));
    assertEquals(withoutLines(original), withoutLines(again));
    assertEquals(text, TraceWriter.toText(again), "the same bytes every time");
  }

  @Test
  void refusesACommandWithoutAServerWhichItCouldOnlyWriteAsNull() {
    Trace t =
        new Trace(
            "t",
            null,
            List.of(
                new Trace.Command(
                    0, 0, "r", "host-1", null, Op.READ, 0, 1, ByteString.emptyByteString())),
            List.of());
    var e = assertThrows(IllegalArgumentException.class, () -> TraceWriter.toText(t));
    assertTrue(e.getMessage().contains("names none"), e.getMessage());
  }
}
