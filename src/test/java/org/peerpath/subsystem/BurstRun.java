package org.peerpath.subsystem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * A burst as a new user makes one: a fresh JVM, a subsystem spawned with the defaults in an
 * ActorTestKit system, N commands submitted at once (writes and reads over both servers, no fault),
 * every reply collected. Prints one line of counts for {@link BurstIsNotFailureTest}, which runs it
 * in a JVM of its own; {@code java -cp ... org.peerpath.subsystem.BurstRun 10000} runs it by hand.
 */
public final class BurstRun {
  private BurstRun() {}

  public static void main(String[] args) {
    int commands = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    ActorTestKit kit = ActorTestKit.create();
    try {
      SubsystemSettings settings = SubsystemSettings.defaults().withName("burst");
      Subsystem s = Subsystem.spawn(kit.system(), settings);
      TestProbe<CommandResult> replies = kit.createTestProbe();
      ByteString block = ByteString.fromArray(new byte[settings.blockSize()]);
      long started = System.nanoTime();
      for (int i = 0; i < commands; i++) {
        long lba = i % settings.blocks();
        IoCommand c =
            i % 2 == 0
                ? IoCommand.write("c" + i, lba, settings.blockSize(), block)
                : IoCommand.read("c" + i, lba, 1);
        s.submit(c, null, replies.getRef());
      }
      List<CommandResult> results = replies.receiveSeveralMessages(commands, Duration.ofMinutes(2));
      long millis = (System.nanoTime() - started) / 1_000_000;
      Map<String, Integer> counts = new TreeMap<>();
      int busyNotFull = 0;
      String full = "already holds " + settings.queueDepth() + " commands";
      for (CommandResult r : results) {
        counts.merge(r.status().name(), 1, Integer::sum);
        if (r.status() == Status.BUSY && !r.message().contains(full)) busyNotFull++;
      }
      long adapterDown =
          s.history().events().stream().filter(e -> e.kind() == Kind.ADAPTER_DOWN).count();
      System.out.println(
          "burst "
              + commands
              + " queueDepth "
              + settings.queueDepth()
              + " counts "
              + counts
              + " adapterDown "
              + adapterDown
              + " busyNotFull "
              + busyNotFull
              + " millis "
              + millis);
    } finally {
      kit.shutdownTestKit();
    }
  }
}
