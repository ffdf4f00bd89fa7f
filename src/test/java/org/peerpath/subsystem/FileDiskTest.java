package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;

/** The file backend: every acknowledged write survives a restart of the whole subsystem. */
class FileDiskTest {

  @Test
  void acknowledgedWritesSurviveARestartOfTheSubsystem(@TempDir Path dir) {
    String file = dir.resolve("peerpath.disk").toString();
    List<IoCommand> writes =
        RandomCommands.generate(7L, 60, 32).stream()
            .filter(c -> c.op() == org.peerpath.command.Op.WRITE)
            .toList();
    java.util.Map<Long, org.apache.pekko.util.ByteString> expected = new java.util.TreeMap<>();
    try (var run = VirtualSubsystem.start(settings().withDiskFile(file))) {
      long at = 0;
      for (IoCommand w : writes) run.submitAt(at += 100_000, w, null);
      run.failAt(at / 2, "adapter-1", FaultMode.CRASH, 0);
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      for (IoCommand w : writes) {
        assertEquals(Status.GOOD, run.result(w.id()).status());
        for (int k = 0; k < w.blocks(); k++)
          expected.put(w.lba() + k, w.data().slice(k * 4096, (k + 1) * 4096));
      }
    }
    try (var again = VirtualSubsystem.start(settings().withDiskFile(file))) {
      expected
          .keySet()
          .forEach(lba -> again.submitAt(ms(1), IoCommand.read("r" + lba, lba, 1), "server-2"));
      assertTrue(again.runUntilReplied(Duration.ofSeconds(1)));
      expected.forEach(
          (lba, bytes) -> assertEquals(bytes, again.result("r" + lba).data(), "block " + lba));
    }
  }

  @Test
  void aDiskFileOfAnotherGeometryIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("small.disk");
    java.nio.file.Files.write(file, new byte[4096 * 3]);
    var e =
        assertThrows(
            java.io.UncheckedIOException.class,
            () -> VirtualSubsystem.start(settings().withDiskFile(file.toString())).close());
    assertTrue(e.getMessage().contains("12288 bytes"), e.getMessage());
    assertEquals(4096 * 3, java.nio.file.Files.size(file), "the file was left as it was");
  }

  @Test
  void aDiskTooLargeForAFileIsRefusedBeforeTheFileIsMade(@TempDir Path dir) {
    Path file = dir.resolve("huge.disk");
    var e =
        assertThrows(
            java.io.UncheckedIOException.class,
            () ->
                VirtualSubsystem.start(
                        settings()
                            .withGeometry(4096, Long.MAX_VALUE / 1024)
                            .withDiskFile(file.toString()))
                    .close());
    assertTrue(e.getMessage().contains("more bytes than a file can hold"), e.getMessage());
    assertEquals(false, java.nio.file.Files.exists(file));
  }
}
