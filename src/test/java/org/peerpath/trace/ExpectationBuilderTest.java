package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.peerpath.trace.TraceBuilder.fill;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;

/**
 * Trace.Expectation.builder() and TraceBuilder.expect(): fields named as an expect line names them,
 * path and order typed, written in trace-v1's words ({@code "peer"}, {@code "notice-first"}); an
 * expectation no run could meet is refused when it is built.
 */
class ExpectationBuilderTest {

  @Test
  void anExpectationBuiltInCodeIsWrittenInTraceV1sWordsAndReadsBackEqual() {
    Trace t =
        new TraceBuilder("t")
            .read("0ms", "r1", "server-1", 7, 1)
            .read("1ms", "r2", "server-2", 7, 1)
            .expect(
                "r1",
                e ->
                    e.status(Status.GOOD)
                        .data(fill(171, 4096))
                        .path(HistoryEvent.Path.PEER)
                        .servedBy("adapter-2")
                        .order(HistoryEvent.Order.NOTICE_FIRST))
            .expect(
                Trace.Expectation.builder("r2")
                    .path(HistoryEvent.Path.DIRECT)
                    .order(HistoryEvent.Order.CSW_FIRST)
                    .build())
            .expect("r1", Status.GOOD)
            .build();
    String text = TraceWriter.toText(t);
    assertEquals(
        """
        {"kind":"expect","id":"r1","status":"GOOD","data":{"fill":171,"blocks":1},"path":"peer","servedBy":"adapter-2","order":"notice-first"}
        {"kind":"expect","id":"r2","path":"direct","order":"csw-first"}
        {"kind":"expect","id":"r1","status":"GOOD"}
        """,
        text.substring(text.indexOf("{\"kind\":\"expect\"")));
    assertEquals(
        TraceWriterTest.withoutLines(t),
        TraceWriterTest.withoutLines(TraceReader.read("t", new StringReader(text))));
  }

  @Test
  void aFieldNeverSetIsNotChecked() {
    Trace.Expectation e = Trace.Expectation.builder("w1").build();
    assertEquals(new Trace.Expectation(0, "w1", null, null, null, null, null), e);
  }

  @Test
  void refusesAnExpectationNoRunCouldMeet() {
    assertRefusal(() -> Trace.Expectation.builder(" "), "an expectation's id must not be empty");
    assertRefusal(
        () -> Trace.Expectation.builder("r1").status(Status.DMA_FAULT),
        "status of r1: DMA_FAULT stays inside the subsystem, no host sees it");
    assertRefusal(
        () -> Trace.Expectation.builder("r1").servedBy("server-2"),
        "servedBy of r1: \"server-2\" is not an adapter, adapter-1, adapter-2...");
  }

  @Test
  void readsTheWordsOfTraceV1AndNoOthers() {
    assertEquals(HistoryEvent.Path.PEER, HistoryEvent.Path.of("peer"));
    assertEquals(HistoryEvent.Order.CSW_FIRST, HistoryEvent.Order.of("csw-first"));
    assertRefusal(
        () -> HistoryEvent.Path.of("PEER"), "'PEER' is not a path: write one of direct, peer");
    assertRefusal(
        () -> HistoryEvent.Order.of("notice_first"),
        "'notice_first' is not an order: write one of notice-first, csw-first");
  }

  private static void assertRefusal(Executable build, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
  }
}
