package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.peerpath.testing.Bytes.fill;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.server.Completion;
import org.peerpath.testing.Bytes;

/**
 * TraceReader on well-formed traces: every kind of line and every data form reads to the Trace
 * docs/spec/trace-format.md says it means, left-out fields take their defaults, and a command that
 * is wrong but well-formed is read as it is, for the run to answer BAD_REQUEST.
 */
class TraceReaderTest {

  static final Trace EVERY_KIND =
      new Trace(
          "every-kind.jsonl",
          Trace.Config.builder()
              .servers(3)
              .blockSize(512)
              .blocks(64)
              .completion(Completion.CSW_ONLY)
              .watchdog(Duration.ofMillis(2))
              .deadline(Duration.ofMillis(1500))
              .diskLatency(Duration.of(250, ChronoUnit.MICROS))
              .latencyDefault(Duration.of(10, ChronoUnit.MICROS))
              .latency("adapter-2->memory-1", Duration.ofMillis(3))
              .latency("server-2->server-1", Duration.ofMillis(1))
              .latency("host-2->server-3", Duration.ofNanos(7))
              .queueDepth(8)
              .build(),
          List.of(
              new Trace.Command(0, 6, "w1", "host-1", "server-1", Op.WRITE, 7, 1, fill(171, 512)),
              new Trace.Command(
                  1_000_000, 7, "w2", "host-2", "server-3", Op.WRITE, 8, 2, fill(0, 1024)),
              new Trace.Command(
                  1_500_000, 8, "w3", "host-1", "server-2", Op.WRITE, 10, 1, padded("héllo", 512)),
              new Trace.Command(
                  2_000_000,
                  9,
                  "w4",
                  "host-1",
                  "server-2",
                  Op.WRITE,
                  11,
                  2,
                  padded("two blocks", 1024)),
              new Trace.Command(
                  3_000_000, 10, "w5", "host-1", "server-1", Op.WRITE, 13, 0, bytes(0, 1, 2, 255)),
              new Trace.Fail(5_000_000, 12, "adapter-1", FaultMode.CRASH, 0),
              new Trace.Fail(6_000_000, 13, "adapter-2", FaultMode.RESET, 20_000_000),
              new Trace.Fail(7_000_000, 14, "adapter-3", FaultMode.HANG, 0),
              new Trace.Command(
                  9_000_000,
                  15,
                  "r1",
                  "host-1",
                  "server-2",
                  Op.READ,
                  7,
                  1,
                  ByteString.emptyByteString()),
              new Trace.Command(
                  9_000_000,
                  16,
                  "r2",
                  "host-2",
                  "server-3",
                  Op.READ,
                  8,
                  2,
                  ByteString.emptyByteString()),
              new Trace.Repair(40_000_000, 17, "adapter-1")),
          List.of(
              Trace.Expectation.builder("r1")
                  .line(5)
                  .status(Status.GOOD)
                  .data(fill(171, 512))
                  .path(HistoryEvent.Path.PEER)
                  .servedBy("adapter-2")
                  .order(HistoryEvent.Order.NOTICE_FIRST)
                  .build(),
              Trace.Expectation.builder("r1")
                  .line(19)
                  .path(HistoryEvent.Path.DIRECT)
                  .order(HistoryEvent.Order.CSW_FIRST)
                  .build(),
              Trace.Expectation.builder("r2").line(20).data(fill(0, 1024)).build(),
              Trace.Expectation.builder("w5")
                  .line(21)
                  .status(Status.BAD_REQUEST)
                  .data(bytes(0, 1, 2, 255))
                  .build()));

  @Test
  void readsEveryKindAndEveryDataFormToTheTraceTheyMean() {
    Trace t = TraceReader.readResource("trace-reader/every-kind.jsonl");
    assertEquals(EVERY_KIND.name(), t.name());
    assertEquals(EVERY_KIND.config(), t.config());
    assertEquals(EVERY_KIND.inputs().size(), t.inputs().size());
    for (int i = 0; i < t.inputs().size(); i++)
      assertEquals(EVERY_KIND.inputs().get(i), t.inputs().get(i), "input " + i);
    assertEquals(EVERY_KIND.expectations(), t.expectations());
    assertEquals(2, t.hosts());
  }

  @Test
  void resolvesEachDataFormToItsBytes() {
    List<Trace.Command> c = TraceReader.readResource("trace-reader/every-kind.jsonl").commands();
    byte[] hello = Arrays.copyOf("héllo".getBytes(StandardCharsets.UTF_8), 512);
    assertArrayEquals(
        hello, c.get(2).data().toArray(), "text, zero-padded to the fewest whole blocks");
    assertEquals((byte) 0xa9, c.get(2).data().toArray()[2], "UTF-8, not Latin-1");
    assertArrayEquals(
        new byte[] {0, 1, 2, (byte) 255}, c.get(4).data().toArray(), "base64, taken as it is");
    assertArrayEquals(
        Bytes.fillArray(171, 512), c.get(0).data().toArray(), "fill, one block by default");
  }

  @Test
  void leftOutFieldsTakeTheDefaultsOfTheFormatAndTheProject() {
    Trace t =
        read(
            "{\"kind\":\"command\",\"id\":\"w\",\"server\":\"server-2\",\"op\":\"write\",\"lba\":0,\"data\":{\"fill\":1}}",
            "{\"kind\":\"command\",\"id\":\"r\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0}",
            "{\"kind\":\"expect\",\"id\":\"r\"}");
    assertEquals(Trace.Config.NONE, t.config());
    assertEquals(
        new Trace.Command(0, 1, "w", "host-1", "server-2", Op.WRITE, 0, 1, fill(1, 4096)),
        t.inputs().get(0));
    assertEquals(
        new Trace.Command(
            0, 2, "r", "host-1", "server-1", Op.READ, 0, 1, ByteString.emptyByteString()),
        t.inputs().get(1));
    assertEquals(Trace.Expectation.builder("r").line(3).build(), t.expectations().get(0));
  }

  @Test
  void readsWrongButWellFormedCommandsAsTheyAreForTheRunToRefuse() {
    Trace t =
        read(
            "{\"kind\":\"config\",\"blocks\":16}",
            "{\"kind\":\"command\",\"id\":\"negative\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":-1}",
            "{\"kind\":\"command\",\"id\":\"past-end\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":16}",
            "{\"kind\":\"command\",\"id\":\"zero\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0,\"blocks\":0}",
            "{\"kind\":\"command\",\"id\":\"minus\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0,\"blocks\":-3}",
            "{\"kind\":\"command\",\"id\":\"ragged\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"data\":{\"base64\":\""
                + java.util.Base64.getEncoder().encodeToString(new byte[100])
                + "\"}}",
            "{\"kind\":\"command\",\"id\":\"empty\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"data\":{\"fill\":9,\"blocks\":0}}",
            "{\"kind\":\"command\",\"id\":\"oversize\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"data\":{\"fill\":9,\"blocks\":65}}",
            "{\"kind\":\"command\",\"id\":\"overflows\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":9223372036854775807,\"blocks\":2}",
            "{\"kind\":\"command\",\"id\":\"most\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0,\"blocks\":2147483647}");
    List<Trace.Command> c = t.commands();
    assertEquals(-1, c.get(0).lba());
    assertEquals(16, c.get(1).lba());
    assertEquals(0, c.get(2).blocks());
    assertEquals(-3, c.get(3).blocks());
    assertArrayEquals(new byte[100], c.get(4).data().toArray());
    assertEquals(0, c.get(4).blocks(), "100 bytes are no whole block: the run refuses them");
    assertArrayEquals(new byte[0], c.get(5).data().toArray());
    assertEquals(65, c.get(6).blocks());
    assertEquals(Long.MAX_VALUE, c.get(7).lba(), "lba + blocks overflows: the run refuses it");
    assertEquals(2, c.get(7).blocks());
    assertEquals(
        Integer.MAX_VALUE,
        c.get(8).blocks(),
        "a read's count is only a number: nothing is allocated for it");
  }

  @Test
  void readsAWriteWithItsOwnBlockCountAndAReadWithDataAsTheyAre() {
    // Every field is known to a command, so trace-v1 runs these and the model answers BAD_REQUEST.
    Trace t =
        read(
            "{\"kind\":\"config\",\"blockSize\":512}",
            "{\"kind\":\"command\",\"id\":\"w\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"blocks\":3,\"data\":{\"fill\":1}}",
            "{\"kind\":\"command\",\"id\":\"w-1\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"blocks\":1,\"data\":{\"fill\":1}}",
            "{\"kind\":\"command\",\"id\":\"w-text\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"blocks\":2,\"data\":{\"text\":\"x\",\"blocks\":1}}",
            "{\"kind\":\"command\",\"id\":\"r\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0,\"blocks\":2,\"data\":{\"fill\":9}}",
            "{\"kind\":\"command\",\"id\":\"r1\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0,\"data\":{\"base64\":\"AQID\"}}");
    List<Trace.Command> c = t.commands();
    assertEquals(
        new Trace.Command(0, 2, "w", "host-1", "server-1", Op.WRITE, 0, 3, fill(1, 512)), c.get(0));
    assertEquals(1, c.get(1).blocks(), "the count its data gives, given again");
    assertEquals(
        new Trace.Command(0, 4, "w-text", "host-1", "server-1", Op.WRITE, 0, 2, padded("x", 512)),
        c.get(2),
        "the command's blocks, not its data's");
    assertEquals(
        new Trace.Command(0, 5, "r", "host-1", "server-1", Op.READ, 0, 2, fill(9, 512)), c.get(3));
    assertEquals(
        new Trace.Command(0, 6, "r1", "host-1", "server-1", Op.READ, 0, 1, bytes(1, 2, 3)),
        c.get(4));
  }

  @Test
  void namesTheTraceAfterItsFileWithoutTheDirectory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("crash-mid-write.jsonl");
    Files.writeString(
        file,
        "{\"kind\":\"command\",\"id\":\"r\",\"server\":\"server-2\",\"op\":\"read\",\"lba\":0}\n");
    Trace t = TraceReader.read(file);
    assertEquals("crash-mid-write.jsonl", t.name());
    assertEquals(
        List.of(
            new Trace.Command(
                0, 1, "r", "host-1", "server-2", Op.READ, 0, 1, ByteString.emptyByteString())),
        t.inputs());
  }

  static Trace read(String... lines) {
    return TraceReader.read("test.jsonl", new StringReader(String.join("\n", lines)));
  }

  static ByteString padded(String text, int size) {
    return ByteString.fromArrayUnsafe(Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), size));
  }

  static ByteString bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < b.length; i++) b[i] = (byte) values[i];
    return ByteString.fromArrayUnsafe(b);
  }
}
