package org.peerpath.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.Elements;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.subsystem.Subsystem;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * The demo's client: keeps {@code concurrency} commands in flight, mixed reads and writes of random
 * blocks spread over both servers by the host, fails adapter-1 part way and repairs it later, then
 * reads every written block back through every server and compares it with what it last wrote
 * ({@link ExpectedBlocks}, which also allows a write whose outcome is unknown).
 */
public final class Workload extends AbstractBehavior<Workload.Command> {

  public sealed interface Command {}

  private record Replied(CommandResult result) implements Command {}

  /** What the workload does; times are counted in commands issued. */
  public record Plan(
      long seed,
      int commands,
      int concurrency,
      int workingSetBlocks,
      int maxBlocksPerCommand,
      double writeFraction,
      FaultMode fault,
      long resetNanos,
      int failAfter,
      int repairAfter) {
    public Plan {
      if (resetNanos < 0 || resetNanos > SubsystemSettings.MAX_DURATION_NANOS) {
        throw new IllegalArgumentException(
            "a reset lasts at most "
                + SubsystemSettings.longest()
                + ", not "
                + org.peerpath.history.Durations.format(resetNanos));
      }
    }
  }

  /**
   * @param recording where to note every command and its outcome for a trace, or null
   */
  public static Behavior<Command> create(
      Subsystem subsystem,
      Plan plan,
      DemoTally tally,
      DemoRecording recording,
      Consumer<DemoTally> whenDone) {
    return Behaviors.setup(ctx -> new Workload(ctx, subsystem, plan, tally, recording, whenDone));
  }

  private final Subsystem s;
  private final Plan plan;
  private final DemoTally tally;
  private final DemoRecording recording;
  private final Consumer<DemoTally> whenDone;
  private final Random random;
  private final ActorRef<CommandResult> replies;
  private final ExpectedBlocks expected;
  private final Set<Long> busy = new HashSet<>();
  private final Map<String, Issued> inFlight = new HashMap<>();
  private final List<IoCommand> readBack = new ArrayList<>();
  private final int blockSize;
  private int issued;
  private int nextReadBack;

  private record Issued(IoCommand command, long sentAt) {}

  private Workload(
      ActorContext<Command> ctx,
      Subsystem s,
      Plan plan,
      DemoTally tally,
      DemoRecording recording,
      Consumer<DemoTally> whenDone) {
    super(ctx);
    this.s = s;
    this.plan = plan;
    this.tally = tally;
    this.recording = recording;
    this.whenDone = whenDone;
    this.random = new Random(plan.seed());
    this.replies = ctx.messageAdapter(CommandResult.class, Replied::new);
    this.blockSize = s.settings().blockSize();
    this.expected = new ExpectedBlocks(blockSize);
    fill();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Replied.class, this::onReplied).build();
  }

  /**
   * Keeps {@code concurrency} commands in flight while there is work and a free range of blocks for
   * it.
   */
  private void fill() {
    while (inFlight.size() < plan.concurrency()) {
      if (issued < plan.commands()) {
        if (!issueWorkload()) return;
      } else if (nextReadBack < readBack.size()) {
        IoCommand c = readBack.get(nextReadBack);
        send(c, Elements.server(nextReadBack % 2 == 0 ? 1 : 2));
        nextReadBack++;
      } else {
        return;
      }
    }
  }

  /**
   * Issues the next workload command, or returns false when no range of blocks is free for it yet.
   */
  private boolean issueWorkload() {
    int blocks = 1 + random.nextInt(plan.maxBlocksPerCommand());
    long lba = freeRange(random.nextInt(plan.workingSetBlocks()), blocks);
    if (lba < 0) return false;
    if (issued == plan.failAfter()) {
      s.fail(Elements.adapter(1), plan.fault(), java.time.Duration.ofNanos(plan.resetNanos()));
    }
    // A reset comes back by itself; repairing it as well would only start yet another incarnation.
    if (issued == plan.repairAfter() && plan.fault() != FaultMode.RESET)
      s.repair(Elements.adapter(1));
    String id = "c" + (++issued);
    IoCommand c;
    if (random.nextDouble() < plan.writeFraction()) {
      // One fill byte per write (never zero, the disk's initial value) keeps recorded traces small.
      byte[] data = new byte[blocks * blockSize];
      java.util.Arrays.fill(data, (byte) (1 + random.nextInt(255)));
      c = IoCommand.write(id, lba, blockSize, ByteString.fromArrayUnsafe(data));
    } else {
      c = IoCommand.read(id, lba, blocks);
    }
    send(c, null);
    return true;
  }

  /**
   * The first range of {@code blocks} free blocks at or after {@code start} (wrapping around), or
   * -1.
   */
  private long freeRange(int start, int blocks) {
    int positions = plan.workingSetBlocks() - blocks + 1;
    for (int i = 0; i < positions; i++) {
      long lba = (start + i) % positions;
      if (!anyBusy(lba, blocks)) return lba;
    }
    return -1;
  }

  private boolean anyBusy(long lba, int blocks) {
    for (long b = lba; b < lba + blocks; b++) if (busy.contains(b)) return true;
    return false;
  }

  private void send(IoCommand c, String server) {
    for (long b = c.lba(); b < c.lba() + c.blocks(); b++) busy.add(b);
    inFlight.put(c.id(), new Issued(c, s.history().now()));
    if (recording != null) recording.issued(c);
    s.submit(c, server, replies);
  }

  private Behavior<Command> onReplied(Replied r) {
    CommandResult result = r.result();
    Issued i = inFlight.remove(result.id());
    if (i == null) return this;
    IoCommand c = i.command();
    for (long b = c.lba(); b < c.lba() + c.blocks(); b++) busy.remove(b);
    boolean isReadBack = c.id().startsWith("rb");
    tally.replied(result, s.history().now() - i.sentAt(), isReadBack);
    if (recording != null) recording.replied(result);
    boolean write = c.op() == org.peerpath.command.Op.WRITE;
    if (result.isGood()) {
      if (write) expected.wrote(c.lba(), c.data());
      else
        for (int k = expected.mismatches(c.lba(), result.data()); k > 0; k--)
          tally.mismatch(isReadBack);
    } else if (write && (result.status() == Status.TIMEOUT || result.status() == Status.NO_PATH)) {
      expected.mayHaveWritten(c.lba(), c.data());
    }
    if (issued == plan.commands() && inFlight.isEmpty() && readBack.isEmpty()) planReadBack();
    fill();
    if (issued == plan.commands() && inFlight.isEmpty() && nextReadBack == readBack.size()) {
      whenDone.accept(tally);
      return Behaviors.stopped();
    }
    return this;
  }

  /** Every written block, read once through each server. */
  private void planReadBack() {
    List<Long> blocks = new ArrayList<>(expected.blocks());
    for (long b : blocks) {
      readBack.add(IoCommand.read("rb1-" + b, b, 1));
      readBack.add(IoCommand.read("rb2-" + b, b, 1));
    }
  }
}
