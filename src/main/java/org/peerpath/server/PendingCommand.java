package org.peerpath.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.Elements;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.history.Durations;
import org.peerpath.history.HistoryEvent;
import org.peerpath.memory.ControlBlock;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.memory.StatusWord;
import org.peerpath.memory.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waiting state of one command at its origin server (block 604b). Claims 5 and 7: on the peer
 * path it answers the host only once both the CSW (written into this server's memory by the peer's
 * adapter) and the completion notice (forwarded by the peer server) have arrived, in either order;
 * under {@code csw-only} the CSW alone completes it.
 *
 * <p>It lives inside its server's actor, not as an actor of its own: the server hands it every
 * signal for its tag ({@link #on}) and forgets it once it says it is finished. (A child actor per
 * command cost more to spawn and stop than the whole rest of the command's work.) The replies it
 * waits for carry its grant id, so the server can find it and a signal of a stale attempt, or of a
 * command that has already finished, is ignored.
 *
 * <p>A re-drive first fences the failed adapter incarnation (memory grants and disk registration),
 * then sets the next attempt up. Its deadline ends it in TIMEOUT. As with a Pekko behaviour, each
 * state is a method returning what the command does with the next signal, and a transition is
 * returning another state: {@link #preparing} → {@link #awaitingBoth} → {@link #awaitingCsw} /
 * {@link #awaitingNotice} → (a GOOD read) {@link #fetching} its data from memory → {@link #DONE};
 * {@link #fencing} between attempts.
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
  record FenceAcked(long grantId, boolean disk) implements Answer {
    /** The memory's acknowledgement. */
    FenceAcked(long grantId) {
      this(grantId, false);
    }
  }

  /**
   * The disk cannot be reached: a fence asked of it will never be acknowledged. The next attempt
   * goes ahead without it; the disk applying a write's identity at most once keeps the old attempt
   * harmless.
   */
  record DiskLost() implements Signal {}

  /** The response data of a GOOD read, read back from the own memory. */
  record DataFetched(long grantId, ByteString data) implements Answer {}

  /** The command's deadline passed (whatever the attempt: it counts from the submission). */
  record DeadlinePassed() implements Signal {}

  /**
   * From the server: try again by {@code next} once {@code failedAdapter} at {@code failedEpoch} is
   * fenced.
   */
  private record Redrive(
      Route next, String failedAdapter, long failedEpoch, String reason, Fence fence)
      implements Signal {}

  /** What a re-drive fences before the next attempt starts. */
  enum Fence {
    /** The failed incarnation, in the own memory and at the disk: it is gone. */
    INCARNATION,
    /**
     * This command alone, at the disk: the incarnation may be alive on a server this one cannot
     * reach, still serving others; the old attempt's grant is revoked as the next one is set up.
     */
    COMMAND,
    /** The failed incarnation in the own memory only: the disk cannot be reached. */
    MEMORY,
    /**
     * Nothing: this server can reach neither the failed adapter's node nor the disk, so it revokes
     * the old attempt's grant and relies on the disk applying a write's identity at most once.
     */
    NONE
  }

  /** Everything one command needs, fixed when its server accepts it. */
  record Spec(
      long tag,
      String host,
      int hostNumber,
      long serial,
      IoCommand command,
      Slot slot,
      Route firstRoute,
      ActorRef<CommandResult> replyTo,
      ServerWiring server) {}

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

  /** One state: what the command does with a signal, returning the state it is in afterwards. */
  @FunctionalInterface
  private interface State {
    State on(Signal signal);
  }

  /** Answered: every later signal is ignored. */
  private static final State DONE =
      new State() {
        @Override
        public State on(Signal signal) {
          return this;
        }
      };

  /**
   * A plain logger: the actor's own ({@code ctx.getLog()}) sets the MDC on every call, once per
   * command.
   */
  private static final Logger LOG = LoggerFactory.getLogger(PendingCommand.class);

  private final Spec spec;
  private final ServerWiring s;
  private State state;
  private int attempt;

  /** How many of the fence acknowledgements this command waits for are the disk's. */
  private int diskAcksOwed;

  /** The route of the current attempt. */
  private Route route;

  /** The route the server last asked for: the current one, or the next one while fencing. */
  private Route target;

  /**
   * Whether the command is between attempts, waiting for fences before it starts {@link #target}.
   */
  private boolean fencingNow;

  PendingCommand(Spec spec) {
    this.spec = spec;
    this.s = spec.server();
    this.target = spec.firstRoute();
    this.state = preparing();
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
    return state == DONE;
  }

  /** Starts the first attempt; true if the command finished at once (NO_PATH). */
  boolean start() {
    state = nextAttempt(spec.firstRoute());
    return finished();
  }

  private long grantId() {
    return (spec.tag() << 16) | attempt;
  }

  /** Reacts to one signal; true if the command is finished (answered) afterwards. */
  boolean on(Signal m) {
    if (m instanceof Answer a && a.grantId() != grantId()) {
      if (state != DONE && LOG.isDebugEnabled()) {
        LOG.debug("{} ignores {} (current grant {})", spec.command().id(), m, grantId());
      }
      return finished();
    }
    state = state.on(m);
    return finished();
  }

  /**
   * From the server: try again by {@code next}, fencing {@code failedAdapter} at {@code
   * failedEpoch} first (the next attempt starts once both are fenced). Ignored once the command has
   * its answer.
   */
  void redrive(Route next, String failedAdapter, long failedEpoch, String reason, Fence fence) {
    on(new Redrive(next, failedAdapter, failedEpoch, reason, fence));
  }

  /**
   * From the server: the next attempt, not started yet (the command waits for its fences), takes
   * {@code next} instead of the route planned, which no longer holds (an incarnation since replaced
   * or down, or no path where one has come since). Nothing changes if an attempt is running: a lost
   * incarnation's running attempts are re-driven, fenced first.
   */
  void replan(Route next) {
    if (betweenAttempts()) target = next;
  }

  /**
   * Whether the command waits for fences before it starts the attempt planned by {@link #target}.
   */
  boolean betweenAttempts() {
    return fencingNow && state != DONE;
  }

  // ---- the states ----

  /**
   * A state still waiting for an adapter's answer: besides its own {@code answers}, a re-drive
   * starts fencing (with {@code acksOwed} fence acknowledgements still owed from an earlier one)
   * and the deadline ends the command in TIMEOUT.
   */
  private State waiting(int acksOwed, Function<Answer, State> answers) {
    return signal -> {
      if (signal instanceof Answer a) return answers.apply(a);
      if (signal instanceof Redrive r) return fence(r, acksOwed);
      if (signal instanceof DiskLost) return state; // only fencing waits for the disk
      return finish(
          Status.TIMEOUT,
          "no answer within "
              + Durations.format(s.settings().deadline().toNanos())); // DeadlinePassed
    };
  }

  private State waiting(Function<Answer, State> answers) {
    return waiting(0, answers);
  }

  /** The memory is laying the attempt out. */
  private State preparing() {
    return waiting(a -> a instanceof SetUpDone ? dispatch() : state);
  }

  /** Claims 5, 7: neither the CSW nor the notice has come; either may come first. */
  private State awaitingBoth() {
    return waiting(
        a -> {
          if (a instanceof CswArrived c) {
            return s.settings().completion().completes(true, false)
                ? complete(c.status(), HistoryEvent.Order.CSW_FIRST, null)
                : awaitingNotice(c.status());
          }
          if (a instanceof NoticeArrived n) {
            return s.settings().completion().completes(false, true)
                ? complete(n.status(), HistoryEvent.Order.NOTICE_FIRST, n.servedBy())
                : awaitingCsw(n.servedBy());
          }
          return state;
        });
  }

  /** The notice, from {@code noticeFrom}, overtook the CSW. */
  private State awaitingCsw(String noticeFrom) {
    return waiting(
        a ->
            a instanceof CswArrived c
                ? complete(c.status(), HistoryEvent.Order.NOTICE_FIRST, noticeFrom)
                : state);
  }

  /** The CSW, saying {@code cswStatus}, came first. */
  private State awaitingNotice(Status cswStatus) {
    return waiting(
        a ->
            a instanceof NoticeArrived n
                ? complete(cswStatus, HistoryEvent.Order.CSW_FIRST, n.servedBy())
                : state);
  }

  /** Between attempts: the next one starts once {@code acksLeft} more fences are acknowledged. */
  private State fencing(int acksLeft) {
    State waiting =
        waiting(
            acksLeft,
            a -> {
              if (!(a instanceof FenceAcked f)) return state;
              if (f.disk() && diskAcksOwed > 0) diskAcksOwed--;
              return acksLeft == 1 ? nextAttempt(target) : fencing(acksLeft - 1);
            });
    return signal -> {
      if (!(signal instanceof DiskLost)) return waiting.on(signal);
      int left = acksLeft - diskAcksOwed;
      diskAcksOwed = 0;
      return left <= 0 ? nextAttempt(target) : fencing(left);
    };
  }

  /**
   * A GOOD read has its answer and reads its response data back from the own memory; too late to
   * re-drive.
   */
  private State fetching(How how) {
    return signal -> {
      if (signal instanceof DataFetched d) return finish(Status.GOOD, "", how, d.data());
      if (signal instanceof DeadlinePassed)
        return finish(Status.TIMEOUT, "the response data could not be read in time");
      return state;
    };
  }

  // ---- transitions ----

  /**
   * Asks the memory and the disk to fence the failed incarnation; the current grant id names the
   * acknowledgements.
   */
  private State fence(Redrive r, int acksOwed) {
    target = r.next();
    s.history()
        .record(
            s.history()
                .event(HistoryEvent.Kind.REDRIVEN)
                .id(spec.command().id())
                .node(s.name())
                .attempt(attempt + 1)
                .detail(r.reason()));
    int acks = acksOwed;
    if (r.fence() == Fence.INCARNATION || r.fence() == Fence.MEMORY) {
      s.toMemory(
          new MemoryRegion.Fence(
              r.failedAdapter(), r.failedEpoch(), grantId(), s.replies().memoryFences()));
      acks++;
    }
    if (r.fence() == Fence.INCARNATION || r.fence() == Fence.COMMAND) {
      s.fabric()
          .send(
              s.name(),
              Elements.DISK,
              s.disk(),
              new Disk.Preempt(
                  r.failedAdapter(),
                  r.failedEpoch(),
                  s.name(),
                  grantId(),
                  s.replies().diskFences(),
                  r.fence() == Fence.COMMAND ? s.memoryName() + "#" + grantId() : null));
      acks++;
      diskAcksOwed++;
    }
    if (acks == 0) return nextAttempt(target);
    fencingNow = true;
    return fencing(acks);
  }

  /**
   * Sets the next attempt up in the own memory, by {@code next}; no path ends the command in
   * NO_PATH.
   */
  private State nextAttempt(Route next) {
    if (next instanceof Route.NoPath none) return finish(Status.NO_PATH, none.reason());
    if (attempt == 0xFFFF) return finish(Status.NO_PATH, "gave up after " + attempt + " attempts");
    // The previous attempt's grant goes first (same path, so before the new one is set up): no
    // adapter may run a stale attempt, whatever its incarnation.
    if (attempt > 0) s.toMemory(new MemoryRegion.Revoke(grantId()));
    attempt++;
    diskAcksOwed = 0;
    fencingNow = false;
    route = next;
    target = next;
    Slot slot = spec.slot();
    IoCommand c = spec.command();
    int length = c.blocks() * s.settings().blockSize();
    List<MemoryRegion.Placed> writes = new ArrayList<>(3);
    writes.add(
        new MemoryRegion.Placed(
            slot.controlBlockOffset(),
            new ControlBlock(
                    grantId(),
                    spec.tag(),
                    c.op(),
                    c.lba(),
                    c.blocks(),
                    slot.dataOffset(),
                    length,
                    slot.cswOffset(),
                    spec.serial() == 0 ? 0 : spec.hostNumber(),
                    spec.serial())
                .encode()));
    writes.add(
        new MemoryRegion.Placed(
            slot.cswOffset(), ByteString.fromArrayUnsafe(new byte[StatusWord.SIZE])));
    if (c.op() == Op.WRITE && attempt == 1)
      writes.add(new MemoryRegion.Placed(slot.dataOffset(), c.data()));
    List<Window> windows =
        List.of(
            new Window(slot.controlBlockOffset(), ControlBlock.SIZE, Window.Access.READ),
            new Window(
                slot.dataOffset(),
                length,
                c.op() == Op.WRITE ? Window.Access.READ : Window.Access.WRITE),
            new Window(slot.cswOffset(), StatusWord.SIZE, Window.Access.CSW));
    s.toMemory(
        new MemoryRegion.Setup(
            grantId(),
            c.id(),
            attempt,
            writes,
            servingAdapter(next),
            windows,
            s.replies().doorbell(),
            s.replies().setUps()));
    return preparing();
  }

  private static String servingAdapter(Route r) {
    return r instanceof Route.Direct d ? d.adapter() : ((Route.ViaPeer) r).adapter();
  }

  /** Hands the prepared attempt to the own adapter, or forwards it to the peer server (claim 1). */
  private State dispatch() {
    if (route instanceof Route.Direct d) {
      s.fabric()
          .send(
              s.name(),
              d.adapter(),
              d.adapterRef(),
              new org.peerpath.adapter.Adapter.Execute(
                  grantId(),
                  s.memoryName(),
                  s.memory(),
                  spec.slot().controlBlockOffset(),
                  d.epoch()));
    } else {
      Route.ViaPeer p = (Route.ViaPeer) route;
      s.history()
          .record(
              s.history()
                  .event(HistoryEvent.Kind.FORWARDED)
                  .id(spec.command().id())
                  .node(s.name())
                  .peer(p.server())
                  .attempt(attempt));
      s.fabric()
          .send(
              s.name(),
              p.server(),
              p.serverRef(),
              new Server.Forward(
                  s.name(),
                  s.self(),
                  spec.command().id(),
                  attempt,
                  grantId(),
                  s.memoryName(),
                  s.memory(),
                  spec.slot().controlBlockOffset(),
                  p.epoch()));
    }
    return awaitingBoth();
  }

  /**
   * The attempt has its answer: a GOOD read still fetches its data, anything else is answered at
   * once.
   */
  private State complete(Status status, HistoryEvent.Order order, String servedBy) {
    boolean peer = route instanceof Route.ViaPeer;
    String by = servedBy != null ? servedBy : servingAdapter(route);
    How how =
        new How(peer ? HistoryEvent.Path.PEER : HistoryEvent.Path.DIRECT, by, peer ? order : null);
    if (status == Status.GOOD && spec.command().op() == Op.READ) {
      s.toMemory(
          new MemoryRegion.Fetch(
              grantId(),
              spec.slot().dataOffset(),
              spec.command().blocks() * s.settings().blockSize(),
              s.replies().fetches()));
      return fetching(how);
    }
    return finish(status, status == Status.GOOD ? "" : "the adapter reported " + status, how, null);
  }

  private record How(HistoryEvent.Path path, String servedBy, HistoryEvent.Order order) {}

  /** Ends without an adapter's answer (NO_PATH, TIMEOUT): no path, no data. */
  private State finish(Status status, String message) {
    return finish(status, message, null, null);
  }

  /** Revokes the attempt's grant and answers the host: the one reply of this command. */
  private State finish(Status status, String message, How how, ByteString data) {
    var result =
        new CommandResult(
            spec.command().id(),
            status,
            message,
            data == null ? ByteString.emptyByteString() : data,
            s.name(),
            how == null ? null : how.path(),
            how == null ? null : how.servedBy(),
            how == null ? null : how.order(),
            attempt);
    if (attempt > 0) s.toMemory(new MemoryRegion.Revoke(grantId()));
    s.fabric().send(s.name(), spec.host(), spec.replyTo(), result);
    return DONE;
  }
}
