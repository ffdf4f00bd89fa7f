package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;

/**
 * HistoryWriter writes a run's events as JSON Lines whose bytes depend on the events alone, with
 * {@code at} and {@code kind} first on every line: two replays of a trace are compared by their
 * history files, byte for byte (docs/spec/trace-format.md).
 */
class HistoryWriterTest {

  static List<HistoryEvent> history() {
    return List.of(
        HistoryEvent.at(0, HistoryEvent.SUBMITTED).id("w1").node("server-1").peer("host-1").build(),
        HistoryEvent.at(1_500_000, HistoryEvent.DMA_WRITE)
            .id("w1")
            .node("memory-1")
            .peer("adapter-2")
            .attempt(2)
            .epoch(3)
            .offset(4096)
            .length(512)
            .build(),
        HistoryEvent.at(3_000_250, HistoryEvent.REPLY)
            .id("w1")
            .node("server-1")
            .status(Status.GOOD)
            .path("peer")
            .servedBy("adapter-2")
            .order("notice-first")
            .build());
  }

  @Test
  void writesEqualHistoriesAsIdenticalText() {
    assertEquals(HistoryWriter.toText(history()), HistoryWriter.toText(history()));
    assertEquals(3, HistoryWriter.toText(history()).split("\n").length);
  }

  @Test
  void putsAtAndKindFirstAndLeavesOutWhatDoesNotApply() {
    List<String> lines = HistoryWriter.toText(history()).lines().toList();
    for (String line : lines)
      assertTrue(line.matches("\\{\"at\":\"[^\"]+\",\"kind\":\"[a-z-]+\".*\\}"), line);
    assertEquals(
        "{\"at\":\"0ms\",\"kind\":\"submitted\",\"id\":\"w1\",\"node\":\"server-1\",\"peer\":\"host-1\"}",
        lines.get(0));
    assertEquals(
        "{\"at\":\"1.5ms\",\"kind\":\"dma-write\",\"id\":\"w1\",\"node\":\"memory-1\",\"peer\":\"adapter-2\","
            + "\"attempt\":2,\"epoch\":3,\"offset\":4096,\"length\":512}",
        lines.get(1));
    assertEquals(
        "{\"at\":\"3000.25us\",\"kind\":\"reply\",\"id\":\"w1\",\"node\":\"server-1\",\"status\":\"GOOD\","
            + "\"path\":\"peer\",\"servedBy\":\"adapter-2\",\"order\":\"notice-first\"}",
        lines.get(2));
  }

  @Test
  void writesAFileWithTheSameBytesAsItsText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.jsonl");
    HistoryWriter.write(history(), file);
    assertEquals(HistoryWriter.toText(history()), Files.readString(file, StandardCharsets.UTF_8));
    assertEquals("", HistoryWriter.toText(List.of()));
  }
}
