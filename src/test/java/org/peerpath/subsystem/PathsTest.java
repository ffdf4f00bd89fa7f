package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.fill;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.of;
import static org.peerpath.subsystem.Fixtures.settings;
import static org.peerpath.subsystem.Fixtures.withPaths;
import static org.peerpath.subsystem.Fixtures.write;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.server.Completion;

/**
 * Paths: the direct path, the peer path of the patent, and the order in which CSW and notice
 * arrive.
 */
class PathsTest {

  @Test
  void directPathWritesAndReadsBackThroughTheOwnAdapter() {
    try (var run = VirtualSubsystem.start(settings())) {
      run.submitAt(0, write("w1", 7, 0xAB, 2), "server-1")
          .submitAt(ms(1), IoCommand.read("r1", 7, 2), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      CommandResult r = run.result("r1");
      assertEquals(Status.GOOD, r.status());
      assertEquals(HistoryEvent.Path.DIRECT, r.path());
      assertEquals("adapter-1", r.servedBy());
      assertEquals(fill(0xAB, 2), r.data());
    }
  }

  @Test
  void peerAdapterServesTheCommandOutOfTheOriginMemory() {
    try (var run = VirtualSubsystem.start(settings())) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 3, 0x5A, 1), "server-1")
          .submitAt(ms(2), IoCommand.read("r1", 3, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      CommandResult r = run.result("r1");
      assertEquals(HistoryEvent.Path.PEER, r.path());
      assertEquals("adapter-2", r.servedBy());
      assertEquals(fill(0x5A, 1), r.data());
      List<HistoryEvent> h = run.history();
      assertEquals(
          List.of("memory-1"),
          of(h, Kind.DMA_READ, "w1").stream().map(HistoryEvent::node).distinct().toList());
      assertEquals(
          List.of("adapter-2"),
          of(h, Kind.DMA_READ, "w1").stream().map(HistoryEvent::peer).distinct().toList());
      HistoryEvent csw = of(h, Kind.CSW, "r1").get(0);
      assertEquals("memory-1", csw.node());
      assertEquals("adapter-2", csw.peer());
      assertEquals(1, of(h, Kind.FORWARDED, "r1").size());
      assertEquals("server-2", of(h, Kind.NOTICE, "r1").get(0).node());
    }
  }

  @Test
  void eitherAdapterServesEitherServersMemory() {
    try (var run = VirtualSubsystem.start(settings())) {
      run.failAt(0, "adapter-2", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w2", 4, 0x2B, 1), "server-2")
          .repairAt(ms(10), "adapter-2")
          .failAt(ms(20), "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(21), write("w1", 5, 0x1A, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals("adapter-1", run.result("w2").servedBy());
      assertEquals("adapter-2", run.result("w1").servedBy());
      List<HistoryEvent> h = run.history();
      assertTrue(
          of(h, Kind.DMA_READ, "w2").stream()
              .allMatch(e -> e.node().equals("memory-2") && e.peer().equals("adapter-1")));
      assertTrue(
          of(h, Kind.DMA_READ, "w1").stream()
              .allMatch(e -> e.node().equals("memory-1") && e.peer().equals("adapter-2")));
      assertEquals(2, of(h, Kind.DMA_READ, "w2").size());
    }
  }

  @Test
  void noticeOvertakesCswWhenTheAdapterToMemoryPathIsLonger() {
    var s = withPaths(settings(), "adapter-2->memory-1", "3", "server-2->server-1", "1");
    try (var run = VirtualSubsystem.start(s)) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 1, 1, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(HistoryEvent.Order.NOTICE_FIRST, run.result("w1").order());
      assertReplyAfterBoth(run.history(), "w1");
    }
  }

  @Test
  void cswArrivesFirstWhenTheServerToServerPathIsLonger() {
    var s = withPaths(settings(), "adapter-2->memory-1", "0.25", "server-2->server-1", "2");
    try (var run = VirtualSubsystem.start(s)) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 1, 1, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(HistoryEvent.Order.CSW_FIRST, run.result("w1").order());
      assertReplyAfterBoth(run.history(), "w1");
    }
  }

  @Test
  void cswOnlyCompletesOnTheCswWithoutWaitingForTheNotice() {
    var s =
        withPaths(
            settings().withCompletion(Completion.CSW_ONLY),
            "server-2->server-1",
            "5",
            "server-2->host-1",
            "0");
    try (var run = VirtualSubsystem.start(s)) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 1, 1, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(HistoryEvent.Order.CSW_FIRST, run.result("w1").order());
      long reply = of(run.history(), Kind.REPLY, "w1").get(0).atNanos();
      long notice = of(run.history(), Kind.NOTICE, "w1").get(0).atNanos();
      assertTrue(reply < notice + ms(5), "the reply did not wait for the notice to travel");
    }
  }

  @Test
  void threeServersForwardToTheNearestWorkingPeerThenTheNext() {
    var s =
        withPaths(settings().withServers(3), "server-1->server-2", "2", "server-1->server-3", "1");
    try (var run = VirtualSubsystem.start(s)) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 1, 1, 1), "server-1")
          .failAt(ms(20), "adapter-3", FaultMode.CRASH, 0)
          .submitAt(ms(40), write("w2", 2, 2, 1), "server-1")
          .submitAt(ms(40), IoCommand.read("r3", 1, 1), "server-3");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals("adapter-3", run.result("w1").servedBy());
      assertEquals("adapter-2", run.result("w2").servedBy());
      assertEquals("adapter-2", run.result("r3").servedBy());
      assertEquals(fill(1, 1), run.result("r3").data());
    }
  }

  @Test
  void resultsAreTheSameWhicheverPathServedTheCommands() {
    List<IoCommand> commands = RandomCommands.generate(20260125L, 200, 64);
    var direct = RandomCommands.run(settings(), commands, false);
    var peer = RandomCommands.run(settings(), commands, true);
    var cswOnly =
        RandomCommands.run(settings().withCompletion(Completion.CSW_ONLY), commands, true);
    assertEquals(commands.size(), direct.size());
    for (IoCommand c : commands) {
      assertEquals(HistoryEvent.Path.DIRECT, direct.get(c.id()).path());
      assertEquals(HistoryEvent.Path.PEER, peer.get(c.id()).path());
      for (var other : List.of(peer, cswOnly)) {
        assertEquals(direct.get(c.id()).status(), other.get(c.id()).status(), c.id());
        assertEquals(direct.get(c.id()).data(), other.get(c.id()).data(), c.id());
      }
    }
    assertFalse(
        direct.values().stream().allMatch(r -> r.data().isEmpty()), "the reads returned data");
  }

  private static void assertReplyAfterBoth(List<HistoryEvent> h, String id) {
    long reply = of(h, Kind.REPLY, id).get(0).atNanos();
    assertTrue(of(h, Kind.CSW, id).get(0).atNanos() <= reply);
    assertTrue(of(h, Kind.NOTICE, id).get(0).atNanos() <= reply);
  }
}
