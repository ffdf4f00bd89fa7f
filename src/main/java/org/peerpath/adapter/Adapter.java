package org.peerpath.adapter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.dispatch.ControlMessage;
import org.peerpath.CborSerializable;
import org.peerpath.command.Elements;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.coverage.Coverage;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.memory.ControlBlock;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.memory.StatusWord;

/**
 * A disk adapter (110/112), the child of its server. It executes a command against whichever
 * server's memory the command names: DMA-reads the control block and, for a write, the data; does
 * the disk I/O; DMA-writes the response data and then the CSW (posted writes, so on one FIFO path
 * the data lands first); and reports completion to its own server (claims 4, 8, 10). It knows
 * nothing of paths: serving a peer's command is the same work on another memory.
 *
 * <p>Each incarnation has an epoch, carried on every DMA and disk request so that fencing can
 * refuse a stale one. States: {@link #working}, {@link #hung} (stashes everything, and on repair
 * replays it under its old epoch, where fencing makes it harmless), {@link #resetting}.
 */
public final class Adapter {

  /**
   * Everything an adapter handles. An adapter has no published protocol: only its server talks to
   * it ({@link InternalCommand}), and users inject faults through the subsystem's control.
   */
  public sealed interface Command extends CborSerializable {}

  // ---- Internal protocol: from its server ----

  /**
   * What a server tells its adapter. Internal: sent between the model's elements; not for users,
   * may change without notice.
   */
  @InternalApi
  public sealed interface InternalCommand extends Command {}

  /**
   * Run the command whose control block is at {@code controlBlockOffset} of {@code memory}.
   * Internal: sent between the model's elements; not for users, may change without notice.
   */
  @InternalApi
  public record Execute(
      long grantId,
      String memory,
      ActorRef<MemoryRegion.Command> memoryRef,
      long controlBlockOffset,
      long epoch)
      implements InternalCommand {}

  /**
   * Are you there? A Pekko ControlMessage: the adapter's mailbox (peerpath.adapter-mailbox) takes
   * it before the commands queued ahead of it, as an NVMe admin queue sits beside the I/O queues.
   * Internal: sent between the model's elements; not for users, may change without notice.
   */
  @InternalApi
  public record HealthCheck(long seq) implements InternalCommand, ControlMessage {}

  /**
   * Fault injection: how the modelled hardware fails. Internal: sent between the model's elements;
   * not for users, may change without notice.
   */
  @InternalApi
  public record InjectFault(FaultMode mode, long durationNanos) implements InternalCommand {}

  /**
   * Become a new incarnation. Internal: sent between the model's elements; not for users, may
   * change without notice.
   */
  @InternalApi
  public record Repair() implements InternalCommand {}

  // ---- Internal protocol: to its server ----

  /**
   * What an adapter tells its server. Internal: sent between the model's elements; not for users,
   * may change without notice.
   */
  @InternalApi
  public sealed interface Report extends CborSerializable {}

  /**
   * The command of {@code grantId} is done: its CSW is on its way to {@code memory}. Internal: sent
   * between the model's elements; not for users, may change without notice.
   */
  @InternalApi
  public record Completed(long grantId, String memory, long epoch, Status status)
      implements Report {}

  /**
   * The answer to a {@link HealthCheck}. Internal: sent between the model's elements; not for
   * users, may change without notice.
   */
  @InternalApi
  public record HealthOk(long seq, long epoch) implements Report {}

  /**
   * Incarnation {@code epoch} serves. Internal: sent between the model's elements; not for users,
   * may change without notice.
   */
  @InternalApi
  public record Ready(long epoch) implements Report {}

  /**
   * Incarnation {@code epoch} is gone. Internal: sent between the model's elements; not for users,
   * may change without notice.
   */
  @InternalApi
  public record Down(long epoch, String reason) implements Report {}

  /**
   * Thrown to make the supervisor stop the adapter. Internal: for the server's supervision; not for
   * users, may change without notice.
   */
  @InternalApi
  public static final class Crashed extends RuntimeException {
    public Crashed(String adapter) {
      super(adapter + " crashed (injected fault)", null, false, false);
    }
  }

  /**
   * Thrown to make the supervisor restart the adapter. Internal: for the server's supervision; not
   * for users, may change without notice.
   */
  @InternalApi
  public static final class Reset extends RuntimeException {
    public Reset(String adapter) {
      super(adapter + " is resetting (injected fault)", null, false, false);
    }
  }

  // ---- The adapter's own messages ----

  private sealed interface Internal extends Command {}

  private record DmaDone(MemoryRegion.DmaReadResult result) implements Internal {}

  private record IoDone(Disk.IoDone result) implements Internal {}

  private record ResetOver() implements Internal {}

  private record Reincarnate(long epoch) implements Internal {}

  /**
   * The peers an adapter talks to, fixed for its life. Internal: for the server that spawns it; not
   * for users, may change without notice.
   */
  @InternalApi
  public record Wiring(
      String name,
      String server,
      ActorRef<Report> serverRef,
      ActorRef<Disk.Command> disk,
      Fabric fabric,
      History history,
      AdapterHardware hardware) {}

  /**
   * An adapter wired to {@code wiring}. Internal: only its server spawns an adapter; not for users,
   * may change without notice.
   */
  @InternalApi
  public static Behavior<Command> create(Wiring wiring) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withStash(
                10_000,
                stash ->
                    Behaviors.withTimers(
                        timers -> new Adapter(ctx, stash, timers, wiring).start())));
  }

  private final ActorContext<Command> ctx;
  private final StashBuffer<Command> stash;
  private final TimerScheduler<Command> timers;
  private final Wiring w;
  private final ActorRef<MemoryRegion.DmaReadResult> dmaReplies;
  private final ActorRef<Disk.IoDone> ioReplies;
  private final Map<Long, Job> jobs = new HashMap<>();

  private Adapter(
      ActorContext<Command> ctx,
      StashBuffer<Command> stash,
      TimerScheduler<Command> timers,
      Wiring w) {
    this.ctx = ctx;
    this.stash = stash;
    this.timers = timers;
    this.w = w;
    this.dmaReplies = ctx.messageAdapter(MemoryRegion.DmaReadResult.class, DmaDone::new);
    this.ioReplies = ctx.messageAdapter(Disk.IoDone.class, IoDone::new);
  }

  private Behavior<Command> start() {
    long resetNanos = w.hardware().takeReset();
    if (resetNanos > 0) {
      timers.startSingleTimer(new ResetOver(), Duration.ofNanos(resetNanos));
      return resetting();
    }
    return incarnate();
  }

  /**
   * A new epoch: register with the disk (its later I/O follows on the same FIFO path) and report
   * ready.
   */
  private Behavior<Command> incarnate() {
    long epoch = w.hardware().nextEpoch();
    w.fabric().send(w.name(), Elements.DISK, w.disk(), new Disk.Register(w.name(), epoch));
    return incarnateAs(epoch);
  }

  /**
   * Starts incarnation {@code epoch}, already taken and registered with the disk: reports ready.
   */
  private Behavior<Command> incarnateAs(long epoch) {
    w.history().record(w.history().event(Kind.INCARNATED).node(w.name()).epoch(epoch));
    w.fabric().send(w.name(), w.server(), w.serverRef(), new Ready(epoch));
    return working(epoch);
  }

  private Behavior<Command> working(long epoch) {
    return covered(
        "working",
        common(epoch)
            .onMessage(Execute.class, e -> onExecute(e, epoch))
            .onMessage(
                HealthCheck.class,
                h -> {
                  w.fabric()
                      .send(w.name(), w.server(), w.serverRef(), new HealthOk(h.seq(), epoch));
                  return Behaviors.same();
                })
            .onMessage(DmaDone.class, d -> onDmaDone(d.result()))
            .onMessage(IoDone.class, d -> onIoDone(d.result()))
            .onMessage(Reincarnate.class, r -> incarnateAs(r.epoch()))
            .onMessage(Repair.class, r -> incarnate())
            .build());
  }

  private Behavior<Command> hung(long epoch) {
    return covered(
        "hung",
        common(epoch)
            .onMessage(
                Repair.class,
                r -> {
                  // What it held runs first, under the old epoch (a zombie that fencing must stop),
                  // and then the new incarnation starts. The new epoch registers with the disk
                  // before any of it, on the same FIFO path: the old epoch's I/O then finds a newer
                  // registration and is refused, even if the server's fence of it was lost on a
                  // cut.
                  long next = w.hardware().nextEpoch();
                  w.fabric()
                      .send(w.name(), Elements.DISK, w.disk(), new Disk.Register(w.name(), next));
                  stash.stash(new Reincarnate(next));
                  return stash.unstashAll(working(epoch));
                })
            .onAnyMessage(
                m -> {
                  // One place is kept for the Reincarnate a repair stashes behind the rest.
                  if (stash.size() < stash.capacity() - 1) stash.stash(m);
                  return Behaviors.same();
                })
            .build());
  }

  private Behavior<Command> resetting() {
    return covered(
        "resetting",
        common(w.hardware().currentEpoch())
            .onMessage(ResetOver.class, r -> incarnate())
            .onMessage(
                Repair.class,
                r -> {
                  timers.cancelAll();
                  return incarnate();
                })
            .onAnyMessage(m -> Behaviors.same())
            .build());
  }

  /** Behaviour {@code state}, counted by {@link Coverage} when it is on. */
  private Behavior<Command> covered(String state, Behavior<Command> b) {
    return Coverage.state(ctx, "adapter", Command.class, state, b);
  }

  /** Handlers every live state shares: faults and the restart signal. */
  private BehaviorBuilder<Command> common(long epoch) {
    return Behaviors.receive(Command.class)
        .onMessage(InjectFault.class, f -> onFault(f, epoch))
        .onSignal(PreRestart.class, s -> reportDown(epoch, "reset"));
  }

  private Behavior<Command> onFault(InjectFault f, long epoch) {
    w.history()
        .record(
            w.history()
                .event(Kind.ADAPTER_FAILED)
                .node(w.name())
                .epoch(epoch)
                .detail(f.mode().wireName()));
    switch (f.mode()) {
      case CRASH -> throw new Crashed(w.name());
      case RESET -> {
        w.hardware().beginReset(Math.max(1, f.durationNanos()));
        throw new Reset(w.name());
      }
      default -> {
        ctx.getLog().info("{} epoch {} hangs", w.name(), epoch);
        return hung(epoch);
      }
    }
  }

  private Behavior<Command> reportDown(long epoch, String reason) {
    w.fabric().send(w.name(), w.server(), w.serverRef(), new Down(epoch, reason));
    return Behaviors.same();
  }

  private Behavior<Command> onExecute(Execute e, long epoch) {
    if (e.epoch() != epoch) {
      ctx.getLog()
          .debug("{} epoch {} ignores a command sent to epoch {}", w.name(), epoch, e.epoch());
      return Behaviors.same();
    }
    Job job = new Job(w.hardware().nextTag(), e.grantId(), e.memory(), e.memoryRef(), epoch);
    jobs.put(job.tag, job);
    dmaRead(job, e.controlBlockOffset(), ControlBlock.SIZE);
    return Behaviors.same();
  }

  private Behavior<Command> onDmaDone(MemoryRegion.DmaReadResult r) {
    Job job = jobs.get(r.tag());
    if (job == null) return Behaviors.same();
    if (r.status() != Status.GOOD) {
      ctx.getLog()
          .info(
              "{} abandons grant {} of {}: its DMA was refused", w.name(), job.grantId, job.memory);
      jobs.remove(job.tag);
      return Behaviors.same();
    }
    if (job.block == null) {
      job.block = readControlBlock(job, r.data());
      if (job.block == null) {
        jobs.remove(job.tag);
      } else if (job.block.op() == Op.WRITE) {
        dmaRead(job, job.block.dataOffset(), job.block.dataLength());
      } else {
        diskIo(job, org.apache.pekko.util.ByteString.emptyByteString());
      }
    } else {
      diskIo(job, r.data());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onIoDone(Disk.IoDone r) {
    Job job = jobs.remove(r.tag());
    if (job == null) return Behaviors.same();
    if (r.status() == Status.RESERVATION_CONFLICT) {
      if (r.unregistered() && !job.registeredAgain && job.epoch == w.hardware().currentEpoch()) {
        // The incarnation's Register was lost on a cut that has healed since (the Io came through):
        // register again and ask once more, on the same FIFO path, so the Register arrives first.
        // A refusal held through a hang runs only after the repair took the next epoch: it is the
        // old incarnation's, and asks nothing again.
        job.registeredAgain = true;
        jobs.put(job.tag, job);
        ctx.getLog().info("{} epoch {} registers with the disk again", w.name(), job.epoch);
        w.fabric().send(w.name(), Elements.DISK, w.disk(), new Disk.Register(w.name(), job.epoch));
        diskIo(job, job.data);
        return Behaviors.same();
      }
      ctx.getLog()
          .info(
              "{} abandons grant {} of {}: the disk fenced it", w.name(), job.grantId, job.memory);
      return Behaviors.same();
    }
    if (job.block.op() == Op.READ && r.status() == Status.GOOD) {
      dmaWrite(job, job.block.dataOffset(), r.data());
    }
    dmaWrite(job, job.block.cswOffset(), new StatusWord(job.grantId, r.status()).encode());
    w.fabric()
        .send(
            w.name(),
            w.server(),
            w.serverRef(),
            new Completed(job.grantId, job.memory, job.epoch, r.status()));
    return Behaviors.same();
  }

  /**
   * The control block, or null (the job is abandoned) if the bytes are not the one this job was
   * given.
   */
  private ControlBlock readControlBlock(Job job, org.apache.pekko.util.ByteString bytes) {
    try {
      ControlBlock block = ControlBlock.decode(bytes);
      if (block.grantId() == job.grantId) return block;
      ctx.getLog()
          .warn(
              "{} abandons grant {} of {}: its control block names grant {}",
              w.name(),
              job.grantId,
              job.memory,
              block.grantId());
    } catch (IllegalArgumentException e) {
      ctx.getLog()
          .warn(
              "{} abandons grant {} of {}: {}", w.name(), job.grantId, job.memory, e.getMessage());
    }
    return null;
  }

  private void dmaRead(Job job, long offset, int length) {
    w.fabric()
        .send(
            w.name(),
            job.memory,
            job.memoryRef,
            new MemoryRegion.DmaRead(
                job.grantId, w.name(), job.epoch, job.tag, offset, length, dmaReplies));
  }

  private void dmaWrite(Job job, long offset, org.apache.pekko.util.ByteString data) {
    w.fabric()
        .send(
            w.name(),
            job.memory,
            job.memoryRef,
            new MemoryRegion.DmaWrite(job.grantId, w.name(), job.epoch, offset, data));
  }

  private void diskIo(Job job, org.apache.pekko.util.ByteString data) {
    ControlBlock b = job.block;
    job.data = data;
    w.fabric()
        .send(
            w.name(),
            Elements.DISK,
            w.disk(),
            new Disk.Io(
                w.name(),
                job.epoch,
                job.tag,
                b.identity(job.memory),
                b.op(),
                b.lba(),
                b.blocks(),
                data,
                ioReplies,
                job.memory + "#" + job.grantId));
  }

  /** One command in progress; {@code block} is null until its control block has been read. */
  private static final class Job {
    final long tag;
    final long grantId;
    final String memory;
    final ActorRef<MemoryRegion.Command> memoryRef;
    final long epoch;
    ControlBlock block;

    /** What went to the disk (shared, not copied), to ask again after registering again. */
    org.apache.pekko.util.ByteString data;

    /** Whether this job has registered its incarnation with the disk again once already. */
    boolean registeredAgain;

    Job(
        long tag,
        long grantId,
        String memory,
        ActorRef<MemoryRegion.Command> memoryRef,
        long epoch) {
      this.tag = tag;
      this.grantId = grantId;
      this.memory = memory;
      this.memoryRef = memoryRef;
      this.epoch = epoch;
    }
  }
}
