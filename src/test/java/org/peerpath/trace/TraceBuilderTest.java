package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Op;

/**
 * TraceBuilder builds in code the trace a file would give: a write's blocks come from its data and
 * the final block size, and every time is a Duration or a string in the trace's notation, refused
 * alike unless a trace can say it.
 */
class TraceBuilderTest {

  @Test
  void countsAWritesBlocksWithTheBlockSizeTheTraceEndsUpWith() {
    Trace.Config small = Trace.Config.builder().blockSize(512).build();
    Trace before =
        new TraceBuilder("t")
            .config(small)
            .write("0ms", "w", "server-1", 0, TraceBuilder.fill(7, 2048))
            .build();
    Trace after =
        new TraceBuilder("t")
            .write("0ms", "w", "server-1", 0, TraceBuilder.fill(7, 2048))
            .config(small)
            .build();
    assertEquals(4, before.commands().get(0).blocks());
    assertEquals(before, after);
    Trace again = TraceReader.read("t", new StringReader(TraceWriter.toText(after)));
    assertEquals(TraceWriterTest.withoutLines(after), TraceWriterTest.withoutLines(again));
  }

  @Test
  void keepsTheBlocksGivenForAWriteAndForARead() {
    Trace t =
        new TraceBuilder("t")
            .command(
                "0ms",
                "w",
                "host-2",
                "server-1",
                Op.WRITE,
                Long.MAX_VALUE,
                3,
                TraceBuilder.fill(7, 4096))
            .read("1ms", "r", "server-2", -1, Integer.MAX_VALUE)
            .build();
    assertEquals(3, t.commands().get(0).blocks());
    assertEquals(Long.MAX_VALUE, t.commands().get(0).lba());
    assertEquals(Integer.MAX_VALUE, t.commands().get(1).blocks());
  }

  @Test
  void takesEveryTimeAsADurationOrInTheTracesNotationAlike() {
    Trace inDurations =
        new TraceBuilder("t")
            .write(Duration.ZERO, "w", "server-1", 0, TraceBuilder.fill(7, 4096))
            .fail(Duration.ofNanos(1_500_000), "adapter-1", FaultMode.RESET, Duration.ofMillis(20))
            .fail(Duration.ofMillis(2), "adapter-2", FaultMode.HANG)
            .repair(Duration.ofSeconds(1_000_000), "adapter-2")
            .read(Duration.of(250, ChronoUnit.MICROS), "r", "server-2", 0, 1)
            .command(
                Duration.ofNanos(7),
                "c",
                "host-2",
                "server-1",
                Op.READ,
                0,
                1,
                ByteString.emptyByteString())
            .build();
    Trace inNotation =
        new TraceBuilder("t")
            .write("0ms", "w", "server-1", 0, TraceBuilder.fill(7, 4096))
            .fail("1.5ms", "adapter-1", FaultMode.RESET, "20ms")
            .fail("2ms", "adapter-2", FaultMode.HANG)
            .repair("1000000s", "adapter-2")
            .read("250us", "r", "server-2", 0, 1)
            .command("7ns", "c", "host-2", "server-1", Op.READ, 0, 1, ByteString.emptyByteString())
            .build();
    assertEquals(inNotation, inDurations);
    assertEquals(20_000_000, ((Trace.Fail) inDurations.inputs().get(1)).durationNanos());
  }

  @Test
  void refusesATimeATraceCannotSayNamingTheInputAndNeverOverflows() {
    assertRefusal(
        () -> new TraceBuilder("t").read(Duration.ofMillis(-1), "r1", "server-1", 0, 1),
        "the time of command r1 must be 0..1000000s, not -1ms");
    assertRefusal(
        () -> new TraceBuilder("t").repair(Duration.ofSeconds(1_000_001), "adapter-1"),
        "the time of the repair of adapter-1 must be 0..1000000s, not 1000001s");
    // A thousand years: Duration.toNanos() would throw ArithmeticException.
    assertRefusal(
        () ->
            new TraceBuilder("t")
                .fail(Duration.ZERO, "adapter-1", FaultMode.RESET, Duration.ofDays(365_000)),
        "the duration of the reset of adapter-1 must be 0..1000000s, not 31536000000s");
  }

  private static void assertRefusal(Executable call, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void readsItsTimesAsATraceDoes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TraceBuilder("t").read("1000001s", "r", "server-1", 0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TraceBuilder("t").read("5", "r", "server-1", 0, 1));
  }

  @Test
  void inputsTellTheirTimesAsDurations() {
    Trace t =
        new TraceBuilder("durations")
            .fail(
                java.time.Duration.ofMillis(2),
                "adapter-1",
                FaultMode.RESET,
                java.time.Duration.ofMillis(20))
            .read(java.time.Duration.ofMillis(5), "r1", "server-1", 0, 1)
            .build();
    var fail = (Trace.Fail) t.inputs().get(0);
    assertEquals(java.time.Duration.ofMillis(2), fail.at());
    assertEquals(java.time.Duration.ofMillis(20), fail.duration());
    assertEquals(java.time.Duration.ofMillis(5), t.inputs().get(1).at());
  }
}
