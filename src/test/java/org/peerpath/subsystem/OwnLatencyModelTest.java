package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.Elements;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.HistoryEvent;
import org.peerpath.server.Server;

/**
 * The latency model as an extension point: latencies computed from a topology rather than listed
 * path by path, checked for every path when the settings are built, and followed by the fabric.
 */
class OwnLatencyModelTest {

  /** The server an element belongs to (server-i, adapter-i, memory-i), or 0 for hosts and disk. */
  private static int owner(String element) {
    for (String prefix :
        new String[] {Elements.SERVER_PREFIX, Elements.ADAPTER_PREFIX, Elements.MEMORY_PREFIX}) {
      int i = Elements.index(element, prefix);
      if (i > 0) return i;
    }
    return 0;
  }

  /**
   * An adapter's DMA into another server's memory crosses a slow bridge (3 ms); the servers' own
   * link is faster (1 ms); everything else is local.
   */
  static final LatencyModel BRIDGED =
      (from, to) -> {
        boolean crosses = owner(from) != 0 && owner(to) != 0 && owner(from) != owner(to);
        if (!crosses) return Duration.ZERO;
        return from.startsWith(Elements.ADAPTER_PREFIX)
            ? Duration.ofMillis(3)
            : Duration.ofMillis(1);
      };

  @Test
  void aModelOfCodeDecidesWhichArrivesFirstAtTheOrigin() {
    SubsystemSettings settings = Fixtures.settings().withLatency(BRIDGED);
    assertEquals(Duration.ofMillis(3), settings.longestLatency());
    try (var run = VirtualSubsystem.start(settings)) {
      run.failAt(Duration.ZERO, "adapter-1", FaultMode.CRASH, Duration.ZERO)
          .submitAt(Duration.ofMillis(1), IoCommand.read("r1", 9, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      var r1 = run.result("r1");
      assertEquals(Status.GOOD, r1.status());
      assertEquals(HistoryEvent.Path.PEER, r1.path());
      // adapter-2's CSW takes the 3 ms bridge; server-2's notice the 1 ms link: claim 6.
      assertEquals(HistoryEvent.Order.NOTICE_FIRST, r1.order());
    }
  }

  @Test
  void aModelThatThrowsForAHostTheSettingsNeverNamedStillLetsItsCommandBeAnswered() {
    LatencyModel onlyOwnElements =
        (from, to) -> {
          if (to.startsWith("client-") || from.startsWith("client-"))
            throw new IllegalStateException("no route to a stranger");
          return Duration.ofNanos(500);
        };
    List<CommandResult> answers = new ArrayList<>();
    try (var run = VirtualSubsystem.start(Fixtures.settings().withLatency(onlyOwnElements))) {
      ActorRef<CommandResult> client =
          run.runtime()
              .spawn(
                  Behaviors.<CommandResult>receiveMessage(
                      r -> {
                        answers.add(r);
                        return Behaviors.same();
                      }),
                  "client-a");
      run.at(
          0,
          () ->
              run.subsystem()
                  .server("server-1")
                  .tell(new Server.Submit("client-a", IoCommand.read("r1", 9, 1), client)));
      // Said once, as a warning: the path takes no time.
      org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit.warn(
              "the latency model cannot answer for")
          .withOccurrences(1)
          .expect(
              run.runtime().system(),
              () -> {
                run.runFor(Duration.ofSeconds(1));
                return null;
              });
      assertEquals(1, answers.size(), "answered once: " + answers);
      assertEquals(Status.GOOD, answers.get(0).status());
      // The server still serves after answering the stranger.
      run.submitAt(run.now() + 1, IoCommand.read("r2", 9, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(Status.GOOD, run.result("r2").status());
    }
  }

  @Test
  void aModelThatGivesANegativeLatencyIsRefusedWithThePathNamed() {
    LatencyModel broken =
        (from, to) ->
            from.equals("disk") && to.equals("adapter-2") ? Duration.ofNanos(-1) : Duration.ZERO;
    var e =
        assertThrows(IllegalArgumentException.class, () -> Fixtures.settings().withLatency(broken));
    assertEquals(
        "peerpath.subsystem.latency gives a negative latency for disk->adapter-2: PT-0.000000001S",
        e.getMessage());
  }

  @Test
  void aModelThatFailsOrIsTooSlowIsRefusedBeforeAnythingRuns() {
    LatencyModel throwing =
        (from, to) -> {
          throw new IllegalStateException("no route to " + to);
        };
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> Fixtures.settings().withLatency(throwing));
    assertTrue(
        e.getMessage().startsWith("peerpath.subsystem.latency failed for host-1->server-1"),
        e.getMessage());

    LatencyModel glacial = (from, to) -> Duration.ofDays(365);
    var slow =
        assertThrows(
            IllegalArgumentException.class, () -> Fixtures.settings().withLatency(glacial));
    assertTrue(slow.getMessage().contains("must be at most 1000000s"), slow.getMessage());
  }

  @Test
  void onlyATableOfPathsTakesAPathOfItsOwn() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Fixtures.settings()
                    .withLatency(BRIDGED)
                    .withLatencyPath("disk->adapter-1", Duration.ofMillis(1)));
    assertEquals(
        "peerpath.subsystem.latency is a model of code, not a table of paths: set its paths in the"
            + " model",
        e.getMessage());
  }
}
