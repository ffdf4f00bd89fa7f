package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.peerpath.trace.TraceBuilder.fill;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.peerpath.command.Status;

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
                        .path(CommandPath.PEER)
                        .servedBy("adapter-2")
                        .order(ArrivalOrder.NOTICE_FIRST))
            .expect(
                Trace.Expectation.builder("r2")
                    .path(CommandPath.DIRECT)
                    .order(ArrivalOrder.CSW_FIRST)
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
    assertEquals(CommandPath.PEER, CommandPath.parse("peer"));
    assertEquals(ArrivalOrder.CSW_FIRST, ArrivalOrder.parse("csw-first"));
    assertRefusal(() -> CommandPath.parse("PEER"), "path must be 'direct' or 'peer', not 'PEER'");
    assertRefusal(
        () -> ArrivalOrder.parse("notice_first"),
        "order must be 'notice-first' or 'csw-first', not 'notice_first'");
  }

  private static void assertRefusal(Executable build, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
  }
}
