package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.peerpath.server.Completion;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Trace.Config.builder(): keys named as the config line names them, times as Durations. What is
 * left out stays absent (not written, the default at run time); a time a trace cannot say, an
 * unknown completion, or a value the run would refuse is refused at once, naming its key.
 */
class ConfigBuilderTest {

  static final Trace.Config EVERY_KEY =
      Trace.Config.builder()
          .servers(3)
          .blockSize(512)
          .blocks(64)
          .completion("csw-only")
          .watchdog(Duration.ofMillis(2))
          .deadline(Duration.ofMillis(1500))
          .diskLatency(Duration.of(250, ChronoUnit.MICROS))
          .queueDepth(8)
          .latencyDefault(Duration.ofNanos(10_000))
          .latency("server-2->server-1", Duration.ofMillis(1))
          .latency("adapter-2->memory-1", Duration.ofMillis(3))
          .build();

  @Test
  void aConfigBuiltInCodeIsWrittenAsItsConfigLineAndReadsBackEqual() {
    Trace t = new TraceBuilder("t").config(EVERY_KEY).read("0ms", "r", "server-1", 0, 1).build();
    String text = TraceWriter.toText(t);
    assertEquals(
        "{\"kind\":\"config\",\"servers\":3,\"blockSize\":512,\"blocks\":64,\"completion\":\"csw-only\","
            + "\"watchdog\":\"2ms\",\"deadline\":\"1.5s\",\"diskLatency\":\"250us\",\"queueDepth\":8,"
            + "\"latency\":{\"default\":\"10us\",\"paths\":{\"adapter-2->memory-1\":\"3ms\","
            + "\"server-2->server-1\":\"1ms\"}}}",
        text.lines().findFirst().orElseThrow());
    Trace again = TraceReader.read("t", new StringReader(text));
    assertEquals(EVERY_KEY, again.config());
    assertEquals(TraceWriterTest.withoutLines(t), TraceWriterTest.withoutLines(again));
  }

  @Test
  void readsBackEveryKeyAsItWasGiven() {
    assertEquals(Optional.of(3), EVERY_KEY.servers());
    assertEquals(Optional.of(512), EVERY_KEY.blockSize());
    assertEquals(Optional.of(64L), EVERY_KEY.blocks());
    assertEquals(Optional.of(Completion.CSW_ONLY), EVERY_KEY.completion());
    assertEquals(Optional.of(Duration.ofMillis(2)), EVERY_KEY.watchdog());
    assertEquals(Optional.of(Duration.ofMillis(1500)), EVERY_KEY.deadline());
    assertEquals(Optional.of(Duration.ofNanos(250_000)), EVERY_KEY.diskLatency());
    assertEquals(Optional.of(8), EVERY_KEY.queueDepth());
    assertEquals(Optional.of(Duration.ofNanos(10_000)), EVERY_KEY.latencyDefault());
    assertEquals(Duration.ofMillis(3), EVERY_KEY.latencyPaths().get("adapter-2->memory-1"));
  }

  @Test
  void keysLeftOutStayAbsentAreNotWrittenAndTakeTheDefaults() {
    Trace.Config two = Trace.Config.builder().servers(2).build();
    assertEquals("{\"kind\":\"config\",\"servers\":2}", two.toString());
    assertEquals(Optional.empty(), two.watchdog());
    assertEquals(Optional.empty(), two.queueDepth());
    var defaults = SubsystemSettings.traceDefaults();
    assertEquals(defaults.watchdog(), two.applyTo(defaults, 1).watchdog());
    assertEquals(Trace.Config.NONE, Trace.Config.builder().build());
  }

  @Test
  void toBuilderChangesACopyAndABuiltConfigNeverChanges() {
    var builder = EVERY_KEY.toBuilder().servers(2);
    Trace.Config two = builder.latency("adapter-2->memory-1", Duration.ZERO).build();
    builder.servers(4).latency("adapter-1->disk", Duration.ofMillis(9));
    assertEquals(Optional.of(2), two.servers());
    assertEquals(Duration.ZERO, two.latencyPaths().get("adapter-2->memory-1"));
    assertEquals(2, two.latencyPaths().size());
    assertEquals(Optional.of(3), EVERY_KEY.servers());
    assertNotEquals(EVERY_KEY, two);
    assertEquals(EVERY_KEY, EVERY_KEY.toBuilder().build());
  }

  @Test
  void refusesANegativeTimeNamingItsKey() {
    assertRefusal(
        () -> Trace.Config.builder().watchdog(Duration.ofMillis(-1)),
        "config watchdog must be 0..1000000s, not -1ms");
    assertRefusal(
        () -> Trace.Config.builder().latency("adapter-2->memory-1", Duration.ofNanos(-5)),
        "config latency.paths \"adapter-2->memory-1\" must be 0..1000000s, not -5ns");
  }

  @Test
  void refusesATimeAbove1000000sWithoutOverflowingHoweverLong() {
    assertEquals(
        Optional.of(Duration.ofSeconds(1_000_000)),
        Trace.Config.builder().deadline(Duration.ofSeconds(1_000_000)).build().deadline());
    assertRefusal(
        () -> Trace.Config.builder().deadline(Duration.ofSeconds(1_000_001)),
        "config deadline must be 0..1000000s, not 1000001s");
    // Duration.toNanos() would throw ArithmeticException for these.
    assertRefusal(
        () -> Trace.Config.builder().diskLatency(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)),
        "config diskLatency must be 0..1000000s, not 9223372036854775807.999999999s");
    assertRefusal(
        () -> Trace.Config.builder().latencyDefault(Duration.ofSeconds(Long.MIN_VALUE)),
        "config latency.default must be 0..1000000s, not -9223372036854775808s");
  }

  @Test
  void refusesACompletionThatIsNeitherBothNorCswOnly() {
    assertRefusal(
        () -> Trace.Config.builder().completion("eventually"),
        "completion must be 'both' or 'csw-only', not 'eventually'");
    assertEquals(
        Optional.of(Completion.BOTH),
        Trace.Config.builder().completion("both").build().completion());
  }

  @Test
  void refusesAtBuildWhatARunWouldRefuseNamingTheKey() {
    assertRefusal(
        () -> Trace.Config.builder().servers(0).build(), "config servers must be 1..16, not 0");
    assertRefusal(
        () -> Trace.Config.builder().blockSize(1000).build(),
        "config blockSize must be a power of two 512..65536, not 1000");
    assertRefusal(
        () -> Trace.Config.builder().queueDepth(0).build(),
        "config queueDepth must be at least 1, not 0");
    assertRefusal(
        () -> Trace.Config.builder().latency("server-3->server-1", Duration.ZERO).build(),
        "config latency.paths names an unknown element 'server-3'");
    assertRefusal(
        () -> Trace.Config.builder().latency("adapter-1", Duration.ZERO).build(),
        "config latency 'adapter-1' is not a path: write it as A->B");
    // Three servers make server-3 an element: the whole config is checked, whatever the order.
    Trace.Config.builder().latency("server-3->server-1", Duration.ZERO).servers(3).build();
  }

  private static void assertRefusal(Executable build, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
  }
}
