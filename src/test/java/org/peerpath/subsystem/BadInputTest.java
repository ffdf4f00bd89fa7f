package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.settings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Elements;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.memory.MemoryRegion;

/**
 * Bad input: each wrong command or setting ends in a clear error, and nothing is written anywhere.
 */
class BadInputTest {

  @Test
  void everyWrongCommandIsAnsweredBadRequestAndChangesNoByte() {
    Map<IoCommand, String> wrong =
        Map.of(
            IoCommand.read("negative-lba", -1, 1),
            "negative",
            IoCommand.read("past-the-end", 1023, 2),
            "past the end",
            IoCommand.read("zero-blocks", 0, 0),
            "at least one block",
            IoCommand.read("oversize", 0, 65),
            "more than the largest",
            new IoCommand("ragged-data", Op.WRITE, 0, 1, ByteString.fromArray(new byte[4000])),
            "not a multiple",
            new IoCommand("no-data", Op.WRITE, 0, 1, ByteString.emptyByteString()),
            "needs data",
            // lba + blocks overflows to a negative number, which a check written as a sum lets
            // through.
            new IoCommand(
                "lba-overflows",
                Op.WRITE,
                Long.MAX_VALUE - 1,
                2,
                ByteString.fromArray(new byte[8192])),
            "past the end",
            IoCommand.read("lba-at-the-limit", Long.MAX_VALUE, 1),
            "past the end",
            // Counted with 512-byte blocks: 8 blocks, but on a disk of 4096-byte blocks it is one.
            IoCommand.write(
                "blocks-counted-with-another-size", 0, 512, ByteString.fromArray(new byte[4096])),
            "names 8 blocks",
            // A read that carries data: refused rather than run as a read that drops it.
            new IoCommand("read-with-data", Op.READ, 0, 1, ByteString.fromArray(new byte[4096])),
            "a read carries no data");
    try (var run = VirtualSubsystem.start(settings())) {
      wrong.keySet().stream()
          .sorted((a, b) -> a.id().compareTo(b.id()))
          .forEach(c -> run.submitAt(ms(1), c, "server-1"));
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      wrong.forEach(
          (c, why) -> {
            assertEquals(Status.BAD_REQUEST, run.result(c.id()).status(), c.id());
            assertTrue(
                run.result(c.id()).message().contains(why),
                c.id() + ": " + run.result(c.id()).message());
          });
      List<HistoryEvent> touched =
          run.history().stream()
              .filter(
                  e ->
                      e.node().startsWith(Elements.MEMORY_PREFIX) || e.node().equals(Elements.DISK))
              .toList();
      assertEquals(List.of(), touched, "no memory or disk activity");
      assertEquals(
          wrong.size(), run.history().stream().filter(e -> e.kind() == Kind.REPLY).count());
      for (long lba = 0; lba < 4; lba++)
        assertArrayEquals(new byte[4096], FailureRecoveryTest.readDisk(run, lba));
      var fetched = new java.util.ArrayList<MemoryRegion.Fetched>();
      var probe =
          run.runtime()
              .spawn(
                  org.apache.pekko.actor.typed.javadsl.Behaviors.receive(MemoryRegion.Fetched.class)
                      .onMessage(
                          MemoryRegion.Fetched.class,
                          f -> {
                            fetched.add(f);
                            return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                          })
                      .build(),
                  "fetch-probe");
      run.subsystem().memory("memory-1").tell(new MemoryRegion.Fetch(0, 0, 64 * 1024, probe));
      run.runtime().runUntilQuiescent();
      assertArrayEquals(new byte[64 * 1024], fetched.get(0).data().toArray(), "memory-1 untouched");
    }
  }

  @Test
  void theDiskRefusesBlocksWhoseEndOverflowsAndWritesNothing() {
    try (var run = VirtualSubsystem.start(settings())) {
      var answers = new java.util.ArrayList<org.peerpath.disk.Disk.IoDone>();
      var probe =
          run.runtime()
              .spawn(
                  org.apache.pekko.actor.typed.javadsl.Behaviors.receive(
                          org.peerpath.disk.Disk.IoDone.class)
                      .onMessage(
                          org.peerpath.disk.Disk.IoDone.class,
                          d -> {
                            answers.add(d);
                            return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                          })
                      .build(),
                  "io-probe");
      var disk = run.subsystem().disk();
      disk.tell(new org.peerpath.disk.Disk.Register("tester", 1));
      disk.tell(
          new org.peerpath.disk.Disk.Io(
              "tester",
              1,
              1,
              "memory-1#1",
              Op.WRITE,
              Long.MAX_VALUE - 1,
              2,
              ByteString.fromArray(new byte[8192]),
              probe));
      run.runtime().runUntilQuiescent();
      assertEquals(1, answers.size());
      assertEquals(Status.BAD_REQUEST, answers.get(0).status(), answers.get(0).message());
      assertEquals(
          List.of(), run.history().stream().filter(e -> e.kind() == Kind.DISK_WRITE).toList());
    }
  }

  @Test
  void wrongSettingsAreRefusedNamingTheKey() {
    var ok = settings();
    var e = assertThrows(IllegalArgumentException.class, () -> ok.withServers(0));
    assertTrue(e.getMessage().contains("servers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ok.withGeometry(1000, 10));
    assertTrue(e.getMessage().contains("block-size"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ok.withLatency(LatencyModel.zero().withPath("adapter-9->memory-1", 1)));
    assertTrue(e.getMessage().contains("adapter-9"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ok.withLatency(LatencyModel.zero().withPath("adapter-1 -> memory-2", 1)));
    assertTrue(
        e.getMessage().contains("unknown element ' memory-2'"),
        "a path with spaces would never match; it is refused: " + e.getMessage());
  }

  @Test
  void faultsAndRepairsOfUnknownAdaptersAreRefusedAndChangeNothing() {
    try (var run = VirtualSubsystem.start(settings())) {
      assertThrows(
          IllegalArgumentException.class,
          () -> run.subsystem().fail("adapter-3", FaultMode.CRASH, Duration.ZERO));
      assertThrows(IllegalArgumentException.class, () -> run.subsystem().repair("disk"));
      assertThrows(
          IllegalArgumentException.class,
          () -> run.subsystem().fail("1", FaultMode.HANG, Duration.ZERO));
      run.submitAt(ms(1), IoCommand.read("r1", 0, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      assertEquals(HistoryEvent.Path.DIRECT, run.result("r1").path());
      assertTrue(run.history().stream().noneMatch(h -> h.kind() == Kind.FAULT));
    }
  }
}
