package org.peerpath.server;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
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
import org.peerpath.trace.Durations;
import org.peerpath.trace.HistoryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waiting state of one command at its origin server (block 604b). Claims 5 and 7: on the
 * peer path it answers the host only once both the CSW (written into this server's memory by the
 * peer's adapter) and the completion notice (forwarded by the peer server) have arrived, in
 * either order; under {@code csw-only} the CSW alone completes it.
 *
 * <p>It lives inside its server's actor, not as an actor of its own: the server hands it every
 * signal for its tag ({@link #on}) and forgets it once it says it is finished. (A child actor per
 * command cost more to spawn and stop than the whole rest of the command's work.) The replies it
 * waits for carry its grant id, so the server can find it and a signal of a stale attempt, or of
 * a command that has already finished, is ignored.
 *
 * <p>A re-drive first fences the failed adapter incarnation (memory grants and disk registration),
 * then sets the next attempt up. Its deadline ends it in TIMEOUT. States: preparing → awaitingBoth
 * → awaitingCsw / awaitingNotice → (a GOOD read) fetching its data from memory → done; fencing
 * between attempts.
 */
final class PendingCommand {

  /** What a waiting command reacts to. */
  sealed interface Signal {}

  /** An answer about one attempt, named by its grant id (tag and attempt). */
  sealed interface Answer extends Signal {
    long grantId();
  }

  /** The memory laid the attempt out. */
  record SetUpDone(long grantId) implements Answer {}

  /** The doorbell: a CSW landed in this command's status slot. */
  record CswArrived(long grantId, Status status) implements Answer {}

  /** The completion: from the own adapter (direct) or the peer server's notice (peer path). */
  record NoticeArrived(long grantId, Status status, String servedBy) implements Answer {}

  /** The memory or the disk fenced what this command asked it to. */
  record FenceAcked(long grantId) implements Answer {}

  /** The response data of a GOOD read, read back from the own memory. */
  record DataFetched(long grantId, ByteString data) implements Answer {}

  /** The command's deadline passed (whatever the attempt: it counts from the submission). */
  record DeadlinePassed() implements Signal {}

  /** Everything one command needs, fixed when its server accepts it. */
  record Spec(long tag, String host, IoCommand command, Slot slot, Route firstRoute,
      ActorRef<CommandResult> replyTo, ServerWiring server) {}

  /** The command tag a grant id belongs to. */
  static long tagOf(long grantId) {
    return grantId >>> 16;
  }

  /** Decodes the CSW a doorbell carries; one that cannot be decoded counts as MEDIUM_ERROR. */
  static CswArrived toCsw(MemoryRegion.CswWritten m) {
    try {
      StatusWord word = StatusWord.decode(m.csw());
      return new CswArrived(word.grantId(), word.status());
    } catch (IllegalArgumentException e) {
      return new CswArrived(m.grantId(), Status.MEDIUM_ERROR);
    }
  }

  private enum State { PREPARING, AWAITING_BOTH, AWAITING_CSW, AWAITING_NOTICE, FENCING, FETCHING, DONE }

  private static final String NOTICE_FIRST = "notice-first";
  private static final String CSW_FIRST = "csw-first";

  /** A plain logger: the actor's own ({@code ctx.getLog()}) sets the MDC on every call, once per command. */
  private static final Logger LOG = LoggerFactory.getLogger(PendingCommand.class);

  private final Spec spec;
  private final ServerWiring s;
  private Cancellable deadline;
  private State state = State.PREPARING;
  private int attempt;
  /** The route of the current attempt. */
  private Route route;
  /** The route the server last asked for: the current one, or the next one while fencing. */
  private Route target;
  /** While awaiting the notice: the status of the CSW that came first. */
  private Status cswStatus;
  /** While awaiting the CSW: who served the notice that came first. */
  private String noticeFrom;
  /** While fencing: fence acknowledgements still to come. */
  private int acksLeft;
  private How how;

  PendingCommand(Spec spec) {
    this.spec = spec;
    this.s = spec.server();
    this.target = spec.firstRoute();
  }

  long tag() {
    return spec.tag();
  }

  Slot slot() {
    return spec.slot();
  }

  /** The route the server last gave this command (what a lost adapter is matched against). */
  Route target() {
    return target;
  }

  boolean finished() {
    return state == State.DONE;
  }

  /** Starts the first attempt; true if the command finished at once (NO_PATH). */
  boolean start() {
    nextAttempt(spec.firstRoute());
    return finished();
  }

  /** The timer that ends the command in TIMEOUT (set once it has started), cancelled when it finishes. */
  void deadline(Cancellable timer) {
    deadline = timer;
  }

  private long grantId() {
    return (spec.tag() << 16) | attempt;
  }

  /** Reacts to one signal; true if the command is finished (answered) afterwards. */
  boolean on(Signal m) {
    if (!(m instanceof Answer a)) { // the deadline
      if (state == State.FETCHING) finish(Status.TIMEOUT, "the response data could not be read in time");
      else if (state != State.DONE) finish(Status.TIMEOUT, "no answer within " + Durations.format(s.settings().deadlineNanos()));
      return finished();
    }
    if (a.grantId() != grantId()) {
      if (state != State.DONE && LOG.isDebugEnabled()) {
        LOG.debug("{} ignores {} (current grant {})", spec.command().id(), m, grantId());
      }
      return finished();
    }
    switch (state) {
      case PREPARING -> { if (m instanceof SetUpDone) dispatch(); }
      case AWAITING_BOTH -> {
        if (m instanceof CswArrived c) {
          if (s.settings().completion().completes(true, false)) complete(c.status(), CSW_FIRST, null);
          else { cswStatus = c.status(); state = State.AWAITING_NOTICE; }
        } else if (m instanceof NoticeArrived n) {
          if (s.settings().completion().completes(false, true)) complete(n.status(), NOTICE_FIRST, n.servedBy());
          else { noticeFrom = n.servedBy(); state = State.AWAITING_CSW; }
        }
      }
      case AWAITING_CSW -> { if (m instanceof CswArrived c) complete(c.status(), NOTICE_FIRST, noticeFrom); }
      case AWAITING_NOTICE -> { if (m instanceof NoticeArrived n) complete(cswStatus, CSW_FIRST, n.servedBy()); }
      case FENCING -> { if (m instanceof FenceAcked && --acksLeft == 0) nextAttempt(target); }
      case FETCHING -> { if (m instanceof DataFetched d) finish(Status.GOOD, "", how, d.data()); }
      case DONE -> { }
    }
    return finished();
  }

  /**
   * From the server: try again by {@code next}, fencing {@code failedAdapter} at {@code failedEpoch}
   * first (the next attempt starts once both are fenced). Ignored once the command has its answer.
   */
  void redrive(Route next, String failedAdapter, long failedEpoch, String reason) {
    if (state == State.FETCHING || state == State.DONE) return;
    target = next;
    s.history().record(s.history().event(HistoryEvent.REDRIVEN).id(spec.command().id()).node(s.name())
        .attempt(attempt + 1).detail(reason));
    s.toMemory(new MemoryRegion.Fence(failedAdapter, failedEpoch, grantId(), s.replies().memoryFences()));
    s.fabric().send(s.name(), "disk", s.disk(),
        new Disk.Preempt(failedAdapter, failedEpoch, s.name(), grantId(), s.replies().diskFences()));
    acksLeft = (state == State.FENCING ? acksLeft : 0) + 2;
    state = State.FENCING;
  }

  private void nextAttempt(Route next) {
    if (next instanceof Route.NoPath none) {
      finish(Status.NO_PATH, none.reason());
      return;
    }
    if (attempt == 0xFFFF) {
      finish(Status.NO_PATH, "gave up after " + attempt + " attempts");
      return;
    }
    // The previous attempt's grant goes first (same path, so before the new one is set up): no
    // adapter may run a stale attempt, whatever its incarnation.
    if (attempt > 0) s.toMemory(new MemoryRegion.Revoke(grantId()));
    attempt++;
    route = next;
    target = next;
    Slot slot = spec.slot();
    IoCommand c = spec.command();
    int length = c.blocks() * s.settings().blockSize();
    List<MemoryRegion.Placed> writes = new ArrayList<>(3);
    writes.add(new MemoryRegion.Placed(slot.controlBlockOffset(),
        new ControlBlock(grantId(), spec.tag(), c.op(), c.lba(), c.blocks(), slot.dataOffset(), length, slot.cswOffset()).encode()));
    writes.add(new MemoryRegion.Placed(slot.cswOffset(), ByteString.fromArrayUnsafe(new byte[StatusWord.SIZE])));
    if (c.op() == Op.WRITE && attempt == 1) writes.add(new MemoryRegion.Placed(slot.dataOffset(), c.data()));
    List<Window> windows = List.of(
        new Window(slot.controlBlockOffset(), ControlBlock.SIZE, Window.Access.READ),
        new Window(slot.dataOffset(), length, c.op() == Op.WRITE ? Window.Access.READ : Window.Access.WRITE),
        new Window(slot.cswOffset(), StatusWord.SIZE, Window.Access.CSW));
    s.toMemory(new MemoryRegion.Setup(grantId(), c.id(), attempt, writes, servingAdapter(next), windows,
        s.replies().doorbell(), s.replies().setUps()));
    state = State.PREPARING;
  }

  private static String servingAdapter(Route r) {
    return r instanceof Route.Direct d ? d.adapter() : ((Route.ViaPeer) r).adapter();
  }

  /** Hands the prepared attempt to the own adapter, or forwards it to the peer server (claim 1). */
  private void dispatch() {
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
    state = State.AWAITING_BOTH;
  }

  private void complete(Status status, String order, String servedBy) {
    boolean peer = route instanceof Route.ViaPeer;
    String by = servedBy != null ? servedBy : servingAdapter(route);
    how = new How(peer ? "peer" : "direct", by, peer ? order : null);
    if (status == Status.GOOD && spec.command().op() == Op.READ) {
      s.toMemory(new MemoryRegion.Fetch(grantId(), spec.slot().dataOffset(), spec.command().blocks() * s.settings().blockSize(),
          s.replies().fetches()));
      state = State.FETCHING;
      return;
    }
    finish(status, status == Status.GOOD ? "" : "the adapter reported " + status, how, null);
  }

  private record How(String path, String servedBy, String order) {}

  /** Ends without an adapter's answer (NO_PATH, TIMEOUT): no path, no data. */
  private void finish(Status status, String message) {
    finish(status, message, null, null);
  }

  private void finish(Status status, String message, How how, ByteString data) {
    var result = new CommandResult(spec.command().id(), status, message,
        data == null ? ByteString.emptyByteString() : data, s.name(),
        how == null ? null : how.path(), how == null ? null : how.servedBy(), how == null ? null : how.order(), attempt);
    if (attempt > 0) s.toMemory(new MemoryRegion.Revoke(grantId()));
    s.fabric().send(s.name(), spec.host(), spec.replyTo(), result);
    if (deadline != null) deadline.cancel();
    state = State.DONE;
  }
}
