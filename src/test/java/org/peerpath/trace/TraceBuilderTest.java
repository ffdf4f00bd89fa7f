package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.peerpath.command.Op;

/**
 * TraceBuilder builds in code the trace a file would give: a write's blocks come from its data and
 * the final block size.
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
  void readsItsTimesAsATraceDoes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TraceBuilder("t").read("1000001s", "r", "server-1", 0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TraceBuilder("t").read("5", "r", "server-1", 0, 1));
  }
}
