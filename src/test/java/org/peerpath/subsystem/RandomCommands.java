package org.peerpath.subsystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;

/**
 * A seeded stream of reads and writes of 1..4 blocks on a small working set, sent one at a time.
 */
final class RandomCommands {
  private RandomCommands() {}

  static List<IoCommand> generate(long seed, int count, int workingSet) {
    Random random = new Random(seed);
    List<IoCommand> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int blocks = 1 + random.nextInt(4);
      long lba = random.nextInt(workingSet - blocks + 1);
      if (random.nextBoolean()) {
        byte[] data = new byte[blocks * 4096];
        random.nextBytes(data);
        out.add(IoCommand.write("c" + i, lba, 4096, ByteString.fromArrayUnsafe(data)));
      } else {
        out.add(IoCommand.read("c" + i, lba, blocks));
      }
    }
    return out;
  }

  /**
   * Sends each command to server-1 100 us after the previous one; {@code peerPath} crashes
   * adapter-1 first.
   */
  static Map<String, CommandResult> run(
      SubsystemSettings settings, List<IoCommand> commands, boolean peerPath) {
    try (var run = VirtualSubsystem.start(settings)) {
      if (peerPath) run.failAt(0, "adapter-1", FaultMode.CRASH, 0);
      long at = Fixtures.ms(1);
      for (IoCommand c : commands) {
        run.submitAt(at, c, "server-1");
        at += 100_000;
      }
      if (!run.runUntilReplied(Duration.ofSeconds(10)))
        throw new AssertionError("not every command was answered");
      return run.results();
    }
  }
}
