package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.settings;
import static org.peerpath.subsystem.Fixtures.write;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.fabric.PathLatencies;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * Times at the limits through the embedding API: every time a user can give (a setting, a reset, an
 * input's time) is at most {@link SubsystemSettings#MAX_DURATION_NANOS} or refused at once with a
 * message naming it, never an overflow inside an actor; and the longest allowed ones are taken by
 * Pekko's real-time scheduler, which refuses delays beyond 2^31 ticks. A deadline of 5000000000s
 * used to be accepted, and a server that armed it in real time would have failed.
 */
class TimesAtTheLimitsTest {
  static final long LONGEST = SubsystemSettings.MAX_DURATION_NANOS;

  @Test
  void timeSettingsLongerThanAMillionSecondsAreRefusedNamingTheKey() {
    var s = settings();
    assertRefused(
        () -> s.withDeadline(Duration.ofSeconds(5_000_000_000L)),
        "peerpath.subsystem.deadline must be at most 1000000s");
    assertRefused(
        () -> s.withWatchdog(Duration.ofNanos(Long.MAX_VALUE)),
        "peerpath.subsystem.watchdog must be at most 1000000s (about 11.5 days), not 292 years or more");
    assertRefused(
        () -> s.withDiskLatency(Duration.ofNanos(LONGEST + 1)),
        "peerpath.subsystem.disk-latency must be at most 1000000s");
    assertRefused(
        () -> s.withLatency(new PathLatencies(Long.MAX_VALUE - 5, java.util.Map.of())),
        "peerpath.subsystem.latency.default");
    assertRefused(
        () -> s.withLatency(LatencyModel.zero().withPath("disk->adapter-1", LONGEST + 1)),
        "peerpath.subsystem.latency.paths.\"disk->adapter-1\" must be at most 1000000s");
    assertEquals(Duration.ofNanos(LONGEST), s.withDeadline(Duration.ofNanos(LONGEST)).deadline());
  }

  @Test
  void durationsBeyondALongOfNanosecondsAreRefusedNamingTheKeyNotOverflowed() {
    assertRefused(
        () -> settings().toBuilder().watchdog(Duration.ofSeconds(Long.MAX_VALUE)).build(),
        "peerpath.subsystem.watchdog must be at most 1000000s (about 11.5 days), not 292 years or more");
    assertRefused(
        () -> settings().toBuilder().deadline(Duration.ofSeconds(Long.MIN_VALUE)).build(),
        "peerpath.subsystem.deadline must be positive");
    assertRefused(
        () -> settings().toBuilder().diskLatency(Duration.ofDays(-1)).build(),
        "peerpath.subsystem.disk-latency cannot be negative");
  }

  @Test
  void aLatencyPathGivenInCodeThatCannotBeOneIsRefusedNamingThePath() {
    var s = settings();
    assertRefusedWith(
        () -> s.withLatencyPath("disk->adapter-1", Duration.ofSeconds(Long.MAX_VALUE)),
        "peerpath.subsystem.latency.paths.\"disk->adapter-1\" must be at most 1000000s (about"
            + " 11.5 days), not 292 years or more");
    assertRefusedWith(
        () -> s.withLatencyPath("disk->adapter-1", Duration.ofNanos(-1)),
        "peerpath.subsystem.latency.paths.\"disk->adapter-1\" cannot be negative, not"
            + " PT-0.000000001S");
    assertRefusedWith(
        () -> s.withLatencyPath("disk", Duration.ofMillis(1)),
        "peerpath.subsystem.latency.paths.\"disk\" is not a path: write it as A->B");
    assertRefusedWith(
        () -> s.withLatencyPath(null, Duration.ofMillis(1)),
        "peerpath.subsystem.latency.paths needs a path written A->B, not null");
    assertRefusedWith(
        () -> s.withLatencyPath("disk->adapter-1", null),
        "peerpath.subsystem.latency.paths.\"disk->adapter-1\" must be given");
  }

  /** Refused with exactly {@code message}, as an IllegalArgumentException and nothing else. */
  private static void assertRefusedWith(Supplier<?> call, String message) {
    var e = assertThrows(RuntimeException.class, call::get);
    assertEquals(IllegalArgumentException.class, e.getClass(), e.toString());
    assertEquals(message, e.getMessage());
  }

  @Test
  void aConfigWithADeadlineTooLongForALongIsRefusedNamingTheKey() {
    var config =
        ConfigFactory.parseString("peerpath.subsystem.deadline = 100000000000000s")
            .withFallback(ConfigFactory.load());
    assertRefused(
        () -> SubsystemSettings.fromConfig(config),
        "peerpath.subsystem.deadline must be at most 1000000s");
  }

  @Test
  void aResetLongerThanTheLongestIsRefusedAtOnce() {
    try (var run = VirtualSubsystem.start(settings())) {
      assertRefused(
          () -> {
            run.subsystem().fail("adapter-1", FaultMode.RESET, Duration.ofSeconds(Long.MAX_VALUE));
            return null;
          },
          "a fault's duration must be 0..1000000s, not 292 years or more");
      assertRefused(
          () -> run.failAt(0, "adapter-1", FaultMode.RESET, LONGEST + 1),
          "a fault's duration must be 0..1000000s");
      assertRefused(
          () -> run.failAt(0, "adapter-1", FaultMode.RESET, -1),
          "a fault's duration must be 0..1000000s, not -1 ns");
      run.submitAt(0, write("w1", 1, 1, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(HistoryEvent.Path.DIRECT, run.result("w1").path(), "nothing was injected");
    }
  }

  @Test
  void anInputPastTheEndOfVirtualTimeIsRefusedAtOnce() {
    try (var run = VirtualSubsystem.start(settings())) {
      assertRefused(
          () -> run.submitAt(Long.MAX_VALUE, write("w1", 1, 1, 1), "server-1"),
          "is past the end of virtual time");
      assertRefused(
          () -> run.repairAt(Long.MAX_VALUE, "adapter-1"), "is past the end of virtual time");
      assertRefused(() -> run.repairAt(0, "adapter-9"), "there is no adapter-9");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)), "no input is left pending");
    }
  }

  @Test
  void theLongestTimesAreTakenByPekkosRealTimeScheduler() {
    ActorTestKit testKit = ActorTestKit.create();
    try {
      SubsystemSettings longest =
          SubsystemSettings.defaults()
              .withName("longest")
              .withDeadline(Duration.ofNanos(LONGEST))
              .withWatchdog(Duration.ofNanos(LONGEST));
      Subsystem s = Subsystem.spawn(testKit.system(), longest);
      TestProbe<CommandResult> replies = testKit.createTestProbe();
      TestProbe<HistoryEvent> events = testKit.createTestProbe();
      s.subscribe(events.getRef());
      s.submit(write("w1", 7, 1, 1), "server-1", replies.getRef());
      assertEquals(
          Status.GOOD,
          replies.receiveMessage(Duration.ofSeconds(5)).status(),
          "the deadline was armed");
      s.fail("adapter-1", FaultMode.RESET, Duration.ofNanos(LONGEST));
      events.fishForMessage(
          Duration.ofSeconds(5),
          e ->
              e.kind() == Kind.ADAPTER_DOWN
                  ? FishingOutcomes.complete()
                  : FishingOutcomes.continueAndIgnore());
      s.submit(IoCommand.read("r1", 7, 1), "server-1", replies.getRef());
      CommandResult r = replies.receiveMessage(Duration.ofSeconds(5));
      assertEquals(Status.GOOD, r.status(), r.message());
      assertEquals(HistoryEvent.Path.PEER, r.path(), "adapter-1 is resetting for 1000000s");
    } finally {
      testKit.shutdownTestKit();
    }
  }

  private static void assertRefused(Supplier<?> call, String message) {
    var e = assertThrows(IllegalArgumentException.class, call::get);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
