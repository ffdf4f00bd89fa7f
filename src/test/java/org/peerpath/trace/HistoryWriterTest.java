package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * HistoryWriter writes a run's events as JSON Lines whose bytes depend on the events alone, with
 * {@code at} and {@code kind} first on every line: two replays of a trace are compared by their
 * history files, byte for byte (docs/spec/trace-format.md).
 */
class HistoryWriterTest {

  static List<HistoryEvent> history() {
    return List.of(
        HistoryEvent.at(0, Kind.SUBMITTED).id("w1").node("server-1").peer("host-1").build(),
        HistoryEvent.at(1_500_000, Kind.DMA_WRITE)
            .id("w1")
            .node("memory-1")
            .peer("adapter-2")
            .attempt(2)
            .epoch(3)
            .offset(4096)
            .length(512)
            .build(),
        HistoryEvent.at(3_000_250, Kind.REPLY)
            .id("w1")
            .node("server-1")
            .status(Status.GOOD)
            .path(HistoryEvent.Path.PEER)
            .servedBy("adapter-2")
            .order(HistoryEvent.Order.NOTICE_FIRST)
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
  void readsBackEveryEventItWrites() throws Exception {
    var reader = JsonMapper.builder().build().readerFor(HistoryEvent.class);
    List<HistoryEvent> read = new ArrayList<>();
    for (String line : HistoryWriter.toText(history()).lines().toList())
      read.add(reader.readValue(line));
    assertEquals(history(), read);
  }

  @Test
  void refusesToReadAKindItDoesNotKnow() {
    var reader = JsonMapper.builder().build().readerFor(HistoryEvent.class);
    var e =
        assertThrows(
            Exception.class, () -> reader.readValue("{\"at\":\"0ms\",\"kind\":\"dma-reed\"}"));
    assertTrue(
        String.valueOf(e.getMessage()).contains("'dma-reed' is not a history kind"),
        e.getMessage());
  }

  @Test
  void writesAFileWithTheSameBytesAsItsText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.jsonl");
    HistoryWriter.write(history(), file);
    assertEquals(HistoryWriter.toText(history()), Files.readString(file, StandardCharsets.UTF_8));
    assertEquals("", HistoryWriter.toText(List.of()));
  }
}
