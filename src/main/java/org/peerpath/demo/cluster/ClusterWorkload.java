package org.peerpath.demo.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.host.Host;

/**
 * The clustered demo's client, an actor of the launcher's node: keeps {@code concurrency} commands
 * in flight through host-1 ({@link Host.Send}, the host's policy choosing the server), mixed reads
 * and writes of 1 to 4 blocks of a working set, no two in flight on one block; on {@link Stop} it
 * sends no more; on {@link ReadBack} it reads the given blocks through each server in turn. Every
 * command and answer goes into the {@link OpLog}.
 */
final class ClusterWorkload {
  sealed interface Msg {}

  /** Send no more workload commands. */
  record Stop() implements Msg {}

  /** Read each of {@code blocks} through {@code servers}, one read per block and server. */
  record ReadBack(List<Long> blocks, List<String> servers) implements Msg {}

  private record Replied(CommandResult result) implements Msg {}

  /** What the workload does. */
  record Plan(
      long seed, int concurrency, int workingSetBlocks, int maxCommands, double writeFraction) {}

  private ClusterWorkload() {}

  static Behavior<Msg> create(ActorRef<Host.Command> host, Plan plan, OpLog log, int blockSize) {
    return Behaviors.setup(
        ctx -> {
          // A plain actor answers across JVMs: the host's answers come to it and are handed on.
          ActorRef<CommandResult> replies =
              ctx.spawn(
                  Behaviors.receive(CommandResult.class)
                      .onMessage(
                          CommandResult.class,
                          r -> {
                            ctx.getSelf().tell(new Replied(r));
                            return Behaviors.same();
                          })
                      .build(),
                  "replies");
          Run run = new Run(host, plan, log, blockSize, replies);
          run.fill();
          return Behaviors.receive(Msg.class)
              .onMessage(
                  Replied.class,
                  m -> {
                    run.replied(m.result());
                    return Behaviors.same();
                  })
              .onMessage(
                  Stop.class,
                  m -> {
                    run.issuing = false;
                    return Behaviors.same();
                  })
              .onMessage(
                  ReadBack.class,
                  m -> {
                    run.readBack(m);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  private static final class Run {
    final ActorRef<Host.Command> host;
    final Plan plan;
    final OpLog log;
    final int blockSize;
    final ActorRef<CommandResult> replies;
    final Random random;
    final Set<Long> busy = new HashSet<>();
    final List<IoCommand> readBacks = new ArrayList<>();
    final List<String> readBackServers = new ArrayList<>();
    boolean issuing = true;
    int issued;
    int inFlight;
    int nextReadBack;

    Run(
        ActorRef<Host.Command> host,
        Plan plan,
        OpLog log,
        int blockSize,
        ActorRef<CommandResult> replies) {
      this.host = host;
      this.plan = plan;
      this.log = log;
      this.blockSize = blockSize;
      this.replies = replies;
      this.random = new Random(plan.seed());
    }

    void fill() {
      while (inFlight < plan.concurrency()) {
        if (nextReadBack < readBacks.size()) {
          send(readBacks.get(nextReadBack), readBackServers.get(nextReadBack), true);
          nextReadBack++;
        } else if (issuing && (plan.maxCommands() <= 0 || issued < plan.maxCommands())) {
          if (!issue()) return;
        } else return;
      }
    }

    /** The next workload command, or false when no range of blocks is free for it. */
    boolean issue() {
      int blocks = 1 + random.nextInt(4);
      int positions = plan.workingSetBlocks() - blocks + 1;
      int start = random.nextInt(positions);
      long lba = -1;
      for (int i = 0; i < positions && lba < 0; i++) {
        long at = (start + i) % positions;
        boolean free = true;
        for (long b = at; b < at + blocks && free; b++) free = !busy.contains(b);
        if (free) lba = at;
      }
      if (lba < 0) return false;
      String id = "c" + (++issued);
      IoCommand c;
      if (random.nextDouble() < plan.writeFraction()) {
        byte[] data = new byte[blocks * blockSize];
        for (int k = 0; k < blocks; k++)
          System.arraycopy(
              OpLog.Values.block(blockSize, id, lba + k), 0, data, k * blockSize, blockSize);
        c = IoCommand.write(id, lba, blockSize, ByteString.fromArrayUnsafe(data));
      } else {
        c = IoCommand.read(id, lba, blocks);
      }
      send(c, null, false);
      return true;
    }

    void send(IoCommand c, String server, boolean readBack) {
      if (!readBack) for (long b = c.lba(); b < c.lba() + c.blocks(); b++) busy.add(b);
      inFlight++;
      log.invoked(c, server, readBack);
      host.tell(new Host.Send(c, server, replies));
    }

    void replied(CommandResult r) {
      OpLog.Entry e = log.completed(r);
      if (e == null) return;
      inFlight--;
      if (!e.readBack())
        for (long b = e.command().lba(); b < e.command().lba() + e.command().blocks(); b++)
          busy.remove(b);
      fill();
    }

    void readBack(ReadBack m) {
      for (long b : m.blocks())
        for (String s : m.servers()) {
          readBacks.add(IoCommand.read("rb-" + s + "-" + b, b, 1));
          readBackServers.add(s);
        }
      fill();
    }
  }
}
