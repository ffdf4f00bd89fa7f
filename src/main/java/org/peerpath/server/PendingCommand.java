package org.peerpath.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.memory.ControlBlock;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.memory.StatusWord;
import org.peerpath.memory.Window;
import org.peerpath.trace.HistoryEvent;

/**
 * The waiting state of one command at its origin server (block 604b), a child of that server.
 * Claims 5 and 7: on the peer path it answers the host only once both the CSW (written into
 * this server's memory by the peer's adapter) and the completion notice (forwarded by the peer
 * server) have arrived, in either order; under {@code csw-only} the CSW alone completes it.
 *
 * <p>Each attempt has its own grant id, so a CSW or notice of a stale attempt is ignored. A
 * re-drive first fences the failed adapter incarnation (memory grants and disk registration),
 * then sets the next attempt up. Its own deadline ends it in TIMEOUT.
 * States: preparing → awaitingBoth → awaitingCsw / awaitingNotice → (a GOOD read) fetching its
 * data from memory → stopped; fencing between attempts.
 */
public final class PendingCommand {

  public sealed interface Command {}

  /** From the server: try again by {@code route}, fencing {@code failedAdapter} at {@code failedEpoch} first. */
  public record Redrive(Route route, String failedAdapter, long failedEpoch, String reason) implements Command {}

  /** The doorbell: a CSW landed in this command's status slot. */
  public record CswArrived(long grantId, Status status) implements Command {}

  /** The completion: from the own adapter (direct) or the peer server's notice (peer path). */
  public record NoticeArrived(long grantId, Status status, String servedBy) implements Command {}

  private sealed interface Internal extends Command {}

  private record SetUpDone(long grantId) implements Internal {}

  private record FenceAcked() implements Internal {}

  private record DataFetched(ByteString data) implements Internal {}

  private record DeadlinePassed() implements Internal {}

  /** Everything one command needs, fixed when its server spawns it. */
  record Spec(long tag, String host, IoCommand command, Slot slot, Route firstRoute,
      ActorRef<CommandResult> replyTo, ServerWiring server) {}

  static Behavior<Command> create(Spec spec) {
    return Behaviors.setup(ctx -> new PendingCommand(ctx, spec).start());
  }

  private static final String NOTICE_FIRST = "notice-first";
  private static final String CSW_FIRST = "csw-first";

  private final ActorContext<Command> ctx;
  private final Spec spec;
  private final ServerWiring s;
  private final ActorRef<MemoryRegion.SetUp> setUps;
  private final ActorRef<MemoryRegion.CswWritten> doorbell;
  private final ActorRef<MemoryRegion.Fenced> memoryFences;
  private final ActorRef<Disk.Preempted> diskFences;
  private final ActorRef<MemoryRegion.Fetched> fetches;
  private final org.apache.pekko.actor.Cancellable deadline;
  private int attempt;
  private Route route;

  private PendingCommand(ActorContext<Command> ctx, Spec spec) {
    this.ctx = ctx;
    this.spec = spec;
    this.s = spec.server();
    this.setUps = ctx.messageAdapter(MemoryRegion.SetUp.class, m -> new SetUpDone(m.grantId()));
    this.doorbell = ctx.messageAdapter(MemoryRegion.CswWritten.class, PendingCommand::toCsw);
    this.memoryFences = ctx.messageAdapter(MemoryRegion.Fenced.class, m -> new FenceAcked());
    this.diskFences = ctx.messageAdapter(Disk.Preempted.class, m -> new FenceAcked());
    this.fetches = ctx.messageAdapter(MemoryRegion.Fetched.class, m -> new DataFetched(m.data()));
    // One timer for the command's life; scheduleOnce rather than withTimers, whose interceptor
    // would be rebuilt on every change of state of every command.
    this.deadline = ctx.scheduleOnce(Duration.ofNanos(s.settings().deadlineNanos()), ctx.getSelf(), new DeadlinePassed());
  }

  private static Command toCsw(MemoryRegion.CswWritten m) {
    try {
      StatusWord word = StatusWord.decode(m.csw());
      return new CswArrived(word.grantId(), word.status());
    } catch (IllegalArgumentException e) {
      return new CswArrived(m.grantId(), Status.MEDIUM_ERROR);
    }
  }

  private Behavior<Command> start() {
    return nextAttempt(spec.firstRoute());
  }

  private long grantId() {
    return (spec.tag() << 16) | attempt;
  }

  private Behavior<Command> nextAttempt(Route next) {
    if (next instanceof Route.NoPath none) return finish(Status.NO_PATH, none.reason());
    if (attempt == 0xFFFF) return finish(Status.NO_PATH, "gave up after " + attempt + " attempts");
    // The previous attempt's grant goes first (same path, so before the new one is set up): no
    // adapter may run a stale attempt, whatever its incarnation.
    if (attempt > 0) s.toMemory(new MemoryRegion.Revoke(grantId()));
    attempt++;
    route = next;
    Slot slot = spec.slot();
    IoCommand c = spec.command();
    int length = c.blocks() * s.settings().blockSize();
    List<MemoryRegion.Placed> writes = new ArrayList<>();
    writes.add(new MemoryRegion.Placed(slot.controlBlockOffset(),
        new ControlBlock(grantId(), spec.tag(), c.op(), c.lba(), c.blocks(), slot.dataOffset(), length, slot.cswOffset()).encode()));
    writes.add(new MemoryRegion.Placed(slot.cswOffset(), ByteString.fromArrayUnsafe(new byte[StatusWord.SIZE])));
    if (c.op() == Op.WRITE && attempt == 1) writes.add(new MemoryRegion.Placed(slot.dataOffset(), c.data()));
    List<Window> windows = List.of(
        new Window(slot.controlBlockOffset(), ControlBlock.SIZE, Window.Access.READ),
        new Window(slot.dataOffset(), length, c.op() == Op.WRITE ? Window.Access.READ : Window.Access.WRITE),
        new Window(slot.cswOffset(), StatusWord.SIZE, Window.Access.CSW));
    s.toMemory(new MemoryRegion.Setup(grantId(), c.id(), attempt, writes, servingAdapter(next), windows, doorbell, setUps));
    return preparing();
  }

  private static String servingAdapter(Route r) {
    return r instanceof Route.Direct d ? d.adapter() : ((Route.ViaPeer) r).adapter();
  }

  private Behavior<Command> preparing() {
    return waiting(Behaviors.receive(Command.class)
        .onMessage(SetUpDone.class, m -> m.grantId() == grantId(), m -> dispatch()));
  }

  /** Hands the prepared attempt to the own adapter, or forwards it to the peer server (claim 1). */
  private Behavior<Command> dispatch() {
    if (route instanceof Route.Direct d) {
      s.fabric().send(s.name(), d.adapter(), d.adapterRef(),
          new org.peerpath.adapter.Adapter.Execute(grantId(), s.memoryName(), s.memory(), spec.slot().controlBlockOffset(), d.epoch()));
    } else {
      Route.ViaPeer p = (Route.ViaPeer) route;
      s.history().record(s.history().event(HistoryEvent.FORWARDED).id(spec.command().id()).node(s.name())
          .peer(p.server()).attempt(attempt));
      s.fabric().send(s.name(), p.server(), p.serverRef(), new Server.Forward(s.name(), s.self(), spec.command().id(),
          attempt, grantId(), s.memoryName(), s.memory(), spec.slot().controlBlockOffset(), p.epoch()));
    }
    return awaitingBoth();
  }

  private Behavior<Command> awaitingBoth() {
    return waiting(Behaviors.receive(Command.class)
        .onMessage(CswArrived.class, m -> m.grantId() == grantId(), m ->
            s.settings().completion().completes(true, false) ? complete(m.status(), CSW_FIRST, null) : awaitingNotice(m.status()))
        .onMessage(NoticeArrived.class, m -> m.grantId() == grantId(), m ->
            s.settings().completion().completes(false, true) ? complete(m.status(), NOTICE_FIRST, m.servedBy()) : awaitingCsw(m.servedBy())));
  }

  private Behavior<Command> awaitingCsw(String servedBy) {
    return waiting(Behaviors.receive(Command.class)
        .onMessage(CswArrived.class, m -> m.grantId() == grantId(), m -> complete(m.status(), NOTICE_FIRST, servedBy)));
  }

  private Behavior<Command> awaitingNotice(Status cswStatus) {
    return waiting(Behaviors.receive(Command.class)
        .onMessage(NoticeArrived.class, m -> m.grantId() == grantId(), m -> complete(cswStatus, CSW_FIRST, m.servedBy())));
  }

  /**
   * A waiting state: its own signals first, then what every waiting state does: re-drives, the
   * deadline, and ignoring signals of stale attempts and duplicates.
   */
  private Behavior<Command> waiting(BehaviorBuilder<Command> own) {
    return own
        .onMessage(Redrive.class, this::onRedrive)
        .onMessage(DeadlinePassed.class, m -> finish(Status.TIMEOUT,
            "no answer within " + org.peerpath.trace.Durations.format(s.settings().deadlineNanos())))
        .onMessage(CswArrived.class, m -> ignoreStale("CSW", m.grantId()))
        .onMessage(NoticeArrived.class, m -> ignoreStale("notice", m.grantId()))
        .onMessage(SetUpDone.class, m -> Behaviors.same())
        .onMessage(FenceAcked.class, m -> Behaviors.same())
        .build();
  }

  private Behavior<Command> ignoreStale(String what, long grantId) {
    ctx.getLog().debug("{} ignores a {} of grant {} (current {})", spec.command().id(), what, grantId, grantId());
    return Behaviors.same();
  }

  private Behavior<Command> onRedrive(Redrive r) {
    return redrive(r, 0);
  }

  /** Fences the failed incarnation (if any) in the memory and at the disk, then tries {@code r.route()}. */
  private Behavior<Command> redrive(Redrive r, int acksOutstanding) {
    s.history().record(s.history().event(HistoryEvent.REDRIVEN).id(spec.command().id()).node(s.name())
        .attempt(attempt + 1).detail(r.reason()));
    int acks = acksOutstanding;
    if (r.failedAdapter() != null) {
      s.toMemory(new MemoryRegion.Fence(r.failedAdapter(), r.failedEpoch(), memoryFences));
      s.fabric().send(s.name(), "disk", s.disk(), new Disk.Preempt(r.failedAdapter(), r.failedEpoch(), s.name(), diskFences));
      acks += 2;
    }
    return acks == 0 ? nextAttempt(r.route()) : fencing(r.route(), acks);
  }

  /** Waits until the memory and the disk have fenced every failed incarnation before the next attempt. */
  private Behavior<Command> fencing(Route next, int acksLeft) {
    return waiting(Behaviors.receive(Command.class)
        .onMessage(FenceAcked.class, m -> acksLeft == 1 ? nextAttempt(next) : fencing(next, acksLeft - 1))
        .onMessage(Redrive.class, r -> redrive(r, acksLeft)));
  }

  private Behavior<Command> complete(Status status, String order, String servedBy) {
    boolean peer = route instanceof Route.ViaPeer;
    String by = servedBy != null ? servedBy : servingAdapter(route);
    var how = new How(peer ? "peer" : "direct", by, peer ? order : null);
    if (status == Status.GOOD && spec.command().op() == Op.READ) {
      s.toMemory(new MemoryRegion.Fetch(spec.slot().dataOffset(), spec.command().blocks() * s.settings().blockSize(), fetches));
      return Behaviors.receive(Command.class)
          .onMessage(DataFetched.class, m -> finish(Status.GOOD, "", how, m.data()))
          .onMessage(DeadlinePassed.class, m -> finish(Status.TIMEOUT, "the response data could not be read in time"))
          .onAnyMessage(m -> Behaviors.same())
          .build();
    }
    return finish(status, status == Status.GOOD ? "" : "the adapter reported " + status, how, null);
  }

  private record How(String path, String servedBy, String order) {}

  /** Ends without an adapter's answer (NO_PATH, TIMEOUT): no path, no data. */
  private Behavior<Command> finish(Status status, String message) {
    return finish(status, message, null, null);
  }

  private Behavior<Command> finish(Status status, String message, How how, ByteString data) {
    var result = new CommandResult(spec.command().id(), status, message,
        data == null ? ByteString.emptyByteString() : data, s.name(),
        how == null ? null : how.path(), how == null ? null : how.servedBy(), how == null ? null : how.order(), attempt);
    if (attempt > 0) s.toMemory(new MemoryRegion.Revoke(grantId()));
    s.fabric().send(s.name(), spec.host(), spec.replyTo(), result);
    s.self().tell(new Server.CommandFinished(spec.tag()));
    deadline.cancel();
    return Behaviors.stopped();
  }
}
