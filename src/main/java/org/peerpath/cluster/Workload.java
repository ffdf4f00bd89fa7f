package org.peerpath.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.host.Host;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * The small workload of a host node started with {@code --workload N}: it writes blocks 0..N-1, one
 * command at a time, sending them to the servers in turn, then reads each block back through the
 * next server and compares. One line per command ({@code host-1: workload w3 write lba 3 good via
 * server-2 path direct servedBy adapter-2}) and a summary line ({@code host-1: workload done: 4
 * writes, 4 reads, 0 failed, 0 mismatches}).
 */
final class Workload {
  private Workload() {}

  static Behavior<CommandResult> create(
      ActorRef<Host.Command> host, SubsystemSettings settings, int blocks, Consumer<String> out) {
    return Behaviors.setup(
        ctx -> {
          Run run = new Run(host, settings, blocks, out, ctx.getSelf());
          run.next();
          return Behaviors.receive(CommandResult.class)
              .onMessage(
                  CommandResult.class,
                  r -> {
                    run.answered(r);
                    return run.next() ? Behaviors.same() : Behaviors.stopped();
                  })
              .build();
        });
  }

  /** The data of block {@code lba} in a run tagged {@code tag}: recognisable in a hex dump. */
  static ByteString block(int blockSize, long lba, String tag) {
    byte[] data = new byte[blockSize];
    byte[] text = (tag + " block " + lba + " ").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < blockSize; i++) data[i] = text[i % text.length];
    return ByteString.fromArray(data);
  }

  private static final class Run {
    final ActorRef<Host.Command> host;
    final SubsystemSettings settings;
    final int blocks;
    final Consumer<String> out;
    final ActorRef<CommandResult> self;
    final String tag = Long.toString(System.currentTimeMillis(), 36);
    int sent;
    int failed;
    int mismatches;
    IoCommand current;

    Run(
        ActorRef<Host.Command> host,
        SubsystemSettings settings,
        int blocks,
        Consumer<String> out,
        ActorRef<CommandResult> self) {
      this.host = host;
      this.settings = settings;
      this.blocks = blocks;
      this.out = out;
      this.self = self;
    }

    /** Sends the next command; false once all are answered. */
    boolean next() {
      if (sent == 2 * blocks) {
        out.accept(
            "workload done: "
                + blocks
                + " writes, "
                + blocks
                + " reads, "
                + failed
                + " failed, "
                + mismatches
                + " mismatches");
        return false;
      }
      int i = sent % blocks;
      boolean write = sent < blocks;
      // Block i is written through server 1 + i and read back through the next one.
      String server = settings.serverName(1 + (i + (write ? 0 : 1)) % settings.servers());
      current =
          write
              ? IoCommand.write(
                  "w" + i, i, settings.blockSize(), block(settings.blockSize(), i, tag))
              : IoCommand.read("r" + i, i, 1);
      sent++;
      host.tell(new Host.Send(current, server, self));
      return true;
    }

    void answered(CommandResult r) {
      String verdict = r.status().toString().toLowerCase(java.util.Locale.ROOT);
      if (!r.isGood()) failed++;
      else if (current.op() == org.peerpath.command.Op.READ
          && !Arrays.equals(
              r.data().toArray(), block(settings.blockSize(), current.lba(), tag).toArray())) {
        mismatches++;
        verdict = "good but MISMATCH";
      }
      out.accept(
          "workload "
              + r.id()
              + " "
              + current.op().wireName()
              + " lba "
              + current.lba()
              + " "
              + verdict
              + (r.server() == null ? "" : " via " + r.server())
              + (r.path() == null ? "" : " path " + r.path().wireName())
              + (r.servedBy() == null ? "" : " servedBy " + r.servedBy())
              + (r.isGood() ? "" : ": " + r.message()));
    }
  }
}
