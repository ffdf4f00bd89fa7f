package org.peerpath.trace;

import static org.peerpath.trace.TraceReaderRefusalTest.W1;
import static org.peerpath.trace.TraceReaderRefusalTest.assertRefused;
import static org.peerpath.trace.TraceReaderRefusalTest.refused;

import org.junit.jupiter.api.Test;

/**
 * TraceReader refuses the values that cannot make a command, a fault or an expectation
 * (docs/spec/trace-format.md): a write without data, a reset without a duration, an expectation of
 * a command that does not exist, data that is not bytes. Each refusal names the line and the field;
 * wrong but well-formed commands are not here (TraceReaderTest reads them).
 */
class TraceLineRefusalTest {

  @Test
  void refusesAWriteWithoutData() {
    assertRefused(
        refused(W1.replace(",\"data\":{\"fill\":1}", "")), 1, "data", "a write needs data");
  }

  @Test
  void refusesMalformedDataOnARead() {
    // A read may carry data (the run answers it BAD_REQUEST), but that data must still be a data
    // form.
    var e =
        refused(
            "{\"kind\":\"command\",\"id\":\"r\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0,\"data\":{\"fill\":256}}");
    assertRefused(e, 1, "data.fill", "0..255");
  }

  @Test
  void refusesAnUnknownOperation() {
    assertRefused(refused(W1.replace("\"write\"", "\"erase\"")), 1, "op", "read or write", "erase");
  }

  @Test
  void refusesAnLbaThatIsNotAnInteger() {
    assertRefused(
        refused(W1.replace("\"lba\":0", "\"lba\":1.5")), 1, "lba", "must be an integer", "1.5");
    assertRefused(
        refused(W1.replace("\"lba\":0", "\"lba\":\"7\"")), 1, "lba", "must be an integer");
  }

  @Test
  void refusesAResetWithoutADuration() {
    assertRefused(
        refused(
            W1, "{\"at\":\"5ms\",\"kind\":\"fail\",\"target\":\"adapter-1\",\"mode\":\"reset\"}"),
        2,
        "duration",
        "a reset needs one");
  }

  @Test
  void refusesACrashOrAHangWithADuration() {
    String crash =
        "{\"kind\":\"fail\",\"target\":\"adapter-1\",\"mode\":\"crash\",\"duration\":\"20ms\"}";
    assertRefused(refused(crash), 1, "duration", "only a reset takes a duration");
    assertRefused(
        refused(crash.replace("crash", "hang")), 1, "duration", "only a reset takes a duration");
  }

  @Test
  void refusesAnUnknownFaultMode() {
    assertRefused(
        refused("{\"kind\":\"fail\",\"target\":\"adapter-1\",\"mode\":\"melt\"}"),
        1,
        "mode",
        "crash or reset or hang");
  }

  @Test
  void refusesAnExpectationOfACommandTheTraceDoesNotHave() {
    var e =
        refused(
            W1,
            "# expectations may come before or after their command",
            "{\"kind\":\"expect\",\"id\":\"w2\"}");
    assertRefused(e, 3, "id", "names no command", "\"w2\"");
  }

  @Test
  void refusesAnExpectationWithoutAnId() {
    assertRefused(refused(W1, "{\"kind\":\"expect\",\"status\":\"GOOD\"}"), 2, "id", "is missing");
  }

  @Test
  void refusesAStatusAHostCannotSee() {
    assertRefused(
        refused(W1, "{\"kind\":\"expect\",\"id\":\"w1\",\"status\":\"DONE\"}"),
        2,
        "status",
        "GOOD",
        "\"DONE\"");
    assertRefused(
        refused(W1, "{\"kind\":\"expect\",\"id\":\"w1\",\"status\":\"DMA_FAULT\"}"),
        2,
        "status",
        "\"DMA_FAULT\"");
  }

  @Test
  void refusesAnUnknownPathOrOrder() {
    assertRefused(
        refused(W1, "{\"kind\":\"expect\",\"id\":\"w1\",\"path\":\"via-peer\"}"),
        2,
        "path",
        "direct or peer");
    assertRefused(
        refused(W1, "{\"kind\":\"expect\",\"id\":\"w1\",\"order\":\"first\"}"),
        2,
        "order",
        "notice-first or csw-first");
  }

  @Test
  void refusesAnExpectationWithATime() {
    assertRefused(
        refused(W1, "{\"at\":\"1ms\",\"kind\":\"expect\",\"id\":\"w1\"}"),
        2,
        "at",
        "unknown field");
  }

  @Test
  void refusesBase64ThatIsNotBase64() {
    assertRefused(
        refused(W1.replace("{\"fill\":1}", "{\"base64\":\"not base64!\"}")),
        1,
        "data.base64",
        "not valid base64");
  }

  @Test
  void refusesBase64WithABlockCount() {
    assertRefused(
        refused(W1.replace("{\"fill\":1}", "{\"base64\":\"AA==\",\"blocks\":1}")),
        1,
        "data.blocks",
        "taken as it is");
  }

  @Test
  void refusesAFillThatIsNotAByte() {
    assertRefused(
        refused(W1.replace("\"fill\":1", "\"fill\":256")), 1, "data.fill", "0..255", "256");
  }

  @Test
  void refusesDataWithTwoFormsOrNone() {
    assertRefused(
        refused(W1.replace("{\"fill\":1}", "{\"fill\":1,\"text\":\"x\"}")),
        1,
        "data",
        "exactly one of");
    assertRefused(
        refused(W1.replace("{\"fill\":1}", "{\"blocks\":1}")), 1, "data", "exactly one of");
    assertRefused(refused(W1.replace("{\"fill\":1}", "\"AA==\"")), 1, "data", "must be an object");
  }

  @Test
  void refusesDataNoCommandCouldCarry() {
    assertRefused(
        refused(W1.replace("{\"fill\":1}", "{\"fill\":1,\"blocks\":100000}")),
        1,
        "data.blocks",
        "64 MiB");
  }
}
