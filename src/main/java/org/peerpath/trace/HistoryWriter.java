package org.peerpath.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.peerpath.history.HistoryEvent;

/**
 * Writes a run's history (docs/spec/trace-format.md, "The history") as JSON Lines: one {@link
 * HistoryEvent} per line, {@code at} and {@code kind} first, absent fields left out. Two equal
 * histories give the same bytes, which is what lets two replays of one trace be compared with a
 * plain diff.
 */
public final class HistoryWriter {
  private static final ObjectWriter JSON =
      JsonMapper.builder().build().writerFor(HistoryEvent.class);

  private HistoryWriter() {}

  public static String toText(List<HistoryEvent> events) {
    StringBuilder out = new StringBuilder();
    try {
      for (HistoryEvent e : events) out.append(JSON.writeValueAsString(e)).append('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a history event always writes as JSON", e);
    }
    return out.toString();
  }

  public static void write(List<HistoryEvent> events, Path file) {
    try {
      Files.writeString(file, toText(events), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write history " + file + ": " + e.getMessage(), e);
    }
  }
}
