package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.fill;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.of;
import static org.peerpath.subsystem.Fixtures.settings;
import static org.peerpath.subsystem.Fixtures.withPaths;
import static org.peerpath.subsystem.Fixtures.write;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.Elements;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.memory.ControlBlock;
import org.peerpath.memory.MemoryRegion;

/**
 * The peer path claim by claim (claims 4, 5, 8, 9 and 10; docs/claims.md): each test asserts the
 * one step its claim names, in the history and the reply, with adapter-1 crashed so that server-1
 * forwards its commands to server-2.
 */
class PeerPathClaimsTest {

  @Test
  void thePeerWritesTheCswIntoTheOriginMemoryAndItsServerForwardsTheNoticeToTheOrigin() {
    var s = withPaths(settings(), "server-2->server-1", "2");
    try (var run = VirtualSubsystem.start(s)) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 3, 0x4D, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(Status.GOOD, run.result("w1").status());
      List<HistoryEvent> h = run.history();
      List<HistoryEvent> reads = of(h, Kind.DMA_READ, "w1");
      assertFalse(reads.isEmpty());
      assertTrue(
          reads.stream().allMatch(e -> e.node().equals("memory-1") && e.peer().equals("adapter-2")),
          "DMA into memory-1");
      HistoryEvent csw = single(of(h, Kind.CSW, "w1"));
      assertEquals(
          List.of("memory-1", "adapter-2", "GOOD"), List.of(csw.node(), csw.peer(), csw.status()));
      HistoryEvent notice = single(of(h, Kind.NOTICE, "w1"));
      assertEquals(
          List.of("server-2", "server-1", "adapter-2"),
          List.of(notice.node(), notice.peer(), notice.servedBy()));
      long reply = single(of(h, Kind.REPLY, "w1")).atNanos();
      assertTrue(
          reply >= notice.atNanos() + ms(2),
          "server-1 answered only once the notice had travelled server-2->server-1");
    }
  }

  @Test
  void theNoticeReachesTheOriginBeforeTheCswIsWrittenIntoItsMemory() {
    // memory-1->server-1 keeps the default 0, so the doorbell rings at server-1 as the CSW is
    // written.
    var s = withPaths(settings(), "adapter-2->memory-1", "3", "server-2->server-1", "1");
    try (var run = VirtualSubsystem.start(s)) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 1, 1, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      List<HistoryEvent> h = run.history();
      long noticeArrives = single(of(h, Kind.NOTICE, "w1")).atNanos() + ms(1);
      long cswWritten = single(of(h, Kind.CSW, "w1")).atNanos();
      assertTrue(
          noticeArrives < cswWritten,
          "the notice reached server-1 at "
              + noticeArrives
              + " ns, the CSW was written at "
              + cswWritten);
      assertEquals(HistoryEvent.Order.NOTICE_FIRST, run.result("w1").order());
      assertEquals(
          cswWritten,
          single(of(h, Kind.REPLY, "w1")).atNanos(),
          "answered as the CSW landed, the notice being in");
    }
  }

  @Test
  void noticeFirstComparesTheDoorbellNotTheCswWriteWhenTheMemoryToServerPathHasALatency() {
    // The CSW is written at once, the notice takes 1 ms to server-1, the doorbell 5 ms.
    var s = withPaths(settings(), "memory-1->server-1", "5", "server-2->server-1", "1");
    try (var run = VirtualSubsystem.start(s)) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 1, 1, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      List<HistoryEvent> h = run.history();
      long noticeArrives = single(of(h, Kind.NOTICE, "w1")).atNanos() + ms(1);
      long cswWritten = single(of(h, Kind.CSW, "w1")).atNanos();
      assertTrue(
          cswWritten < noticeArrives, "the CSW was in memory-1 before the notice reached server-1");
      assertEquals(
          HistoryEvent.Order.NOTICE_FIRST,
          run.result("w1").order(),
          "yet the doorbell came after the notice");
    }
  }

  @Test
  void eachAdapterReachesBothServersMemoriesByDma() {
    try (var run = VirtualSubsystem.start(settings())) {
      run.submitAt(ms(1), write("a1m1", 1, 0x11, 1), "server-1")
          .submitAt(ms(1), write("a2m2", 2, 0x22, 1), "server-2")
          .failAt(ms(5), "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(10), write("a2m1", 3, 0x21, 1), "server-1")
          .repairAt(ms(20), "adapter-1")
          .failAt(ms(30), "adapter-2", FaultMode.CRASH, 0)
          .submitAt(ms(40), write("a1m2", 4, 0x12, 1), "server-2");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      List<HistoryEvent> h = run.history();
      for (String id : List.of("a1m1", "a2m2", "a2m1", "a1m2")) {
        assertEquals(Status.GOOD, run.result(id).status(), id);
        String pair =
            Elements.adapter(id.charAt(1) - '0') + "->" + Elements.memory(id.charAt(3) - '0');
        Set<String> reached =
            of(h, Kind.DMA_READ, id).stream()
                .map(e -> e.peer() + "->" + e.node())
                .collect(Collectors.toSet());
        assertEquals(Set.of(pair), reached, id);
        assertEquals(
            pair,
            single(of(h, Kind.CSW, id)).peer() + "->" + single(of(h, Kind.CSW, id)).node(),
            id);
      }
    }
  }

  @Test
  void thePeersReadResultGoesIntoTheOriginMemoryAndTheOriginSendsItToTheHost() {
    try (var run = VirtualSubsystem.start(settings())) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 6, 0x5A, 1), "server-2")
          .submitAt(ms(5), IoCommand.read("r1", 6, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      List<HistoryEvent> h = run.history();
      HistoryEvent data = single(of(h, Kind.DMA_WRITE, "r1"));
      assertEquals(
          List.of("memory-1", "adapter-2"),
          List.of(data.node(), data.peer()),
          "the response data lands in memory-1");
      assertEquals(4096, data.length());
      CommandResult r = run.result("r1");
      assertEquals(
          List.of(HistoryEvent.Path.PEER, "adapter-2", "server-1"),
          List.of(r.path(), r.servedBy(), r.server()));
      assertEquals(fill(0x5A, 1), r.data());
      HistoryEvent reply = single(of(h, Kind.REPLY, "r1"));
      assertEquals(
          List.of("host-1", "server-1"),
          List.of(reply.node(), reply.peer()),
          "host-1, which sent r1 to server-1, has it from server-1");
    }
  }

  @Test
  void theOriginStoresTheControlBlockAndTheDataAndThePeerAdapterReadsBothByDma()
      throws IOException {
    try (var run = VirtualSubsystem.start(settings())) {
      run.failAt(0, "adapter-1", FaultMode.CRASH, 0)
          .submitAt(ms(1), write("w1", 9, 0x3C, 2), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      List<HistoryEvent> reads = of(run.history(), Kind.DMA_READ, "w1");
      assertEquals(2, reads.size());
      assertTrue(
          reads.stream()
              .allMatch(e -> e.node().equals("memory-1") && e.peer().equals("adapter-2")));
      HistoryEvent first = reads.get(0);
      HistoryEvent second = reads.get(1);
      assertEquals(ControlBlock.SIZE, first.length(), "the adapter reads the control block first");

      ControlBlock block = ControlBlock.decode(fetch(run, first.offset(), ControlBlock.SIZE));
      assertEquals(
          List.of(Op.WRITE, 9L, 2),
          List.of(block.op(), block.lba(), block.blocks()),
          "server-1 wrote the command's control block");
      assertEquals(
          List.of(block.dataOffset(), (long) block.dataLength()),
          List.of(second.offset(), (long) second.length()),
          "then the data where the control block says it is");
      assertEquals(
          fill(0x3C, 2),
          fetch(run, block.dataOffset(), block.dataLength()),
          "server-1 stored the write's data there");
      assertArrayEquals(
          fill(0x3C, 2).toArray(),
          run.subsystem().diskContents().read(9, 2),
          "what adapter-2 read reached the disk");
    }
  }

  /** Reads memory-1 as its owner does, once the run is idle. */
  private static ByteString fetch(VirtualSubsystem run, long offset, int length) {
    var fetched = new ArrayList<MemoryRegion.Fetched>();
    var probe =
        run.runtime()
            .spawn(
                Behaviors.receive(MemoryRegion.Fetched.class)
                    .onMessage(
                        MemoryRegion.Fetched.class,
                        f -> {
                          fetched.add(f);
                          return Behaviors.same();
                        })
                    .build(),
                "fetch-" + offset);
    run.subsystem().memory("memory-1").tell(new MemoryRegion.Fetch(0, offset, length, probe));
    run.runtime().runUntilQuiescent();
    return fetched.get(0).data();
  }

  private static HistoryEvent single(List<HistoryEvent> events) {
    assertEquals(1, events.size(), events.toString());
    return events.get(0);
  }
}
