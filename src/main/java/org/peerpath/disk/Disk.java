package org.peerpath.disk;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.util.ByteString;
import org.peerpath.CborSerializable;
import org.peerpath.command.Elements;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.coverage.Coverage;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * The shared disk (108) that every adapter reaches. Like SCSI-3 persistent reservations, it serves
 * only the adapter incarnation currently registered: a server preempts a failed incarnation before
 * its commands are re-driven, so a stale adapter that wakes up later gets RESERVATION_CONFLICT and
 * writes nothing. Each request takes {@code serviceNanos} to serve.
 *
 * <p>A re-driven write may already have been applied by its failed attempt, and another write to
 * the same block may have followed. Writing it again would make one command take effect twice, so
 * the disk remembers the commands whose writes it applied, for longer than a command lives (like a
 * target's duplicate-request cache), and acknowledges a later attempt of one without writing again.
 */
public final class Disk extends AbstractBehavior<Disk.Command> {

  /**
   * Everything the disk handles. It has no published protocol: adapters register and do I/O,
   * servers preempt ({@link InternalCommand}). A prototype brings its own blocks as a {@link
   * DiskBackend} instead.
   */
  public sealed interface Command extends CborSerializable {}

  // ---- Internal protocol: from the adapters and the servers ----

  /**
   * What adapters and servers ask of the disk. Internal: sent between the model's elements; not for
   * users, may change without notice.
   */
  @InternalApi
  public sealed interface InternalCommand extends Command {}

  /**
   * An adapter's read or write. Internal: sent between the model's elements; not for users, may
   * change without notice.
   *
   * @param tag the adapter's correlation number, echoed in the reply
   * @param command the command's identity, the same on every attempt (ControlBlock#identity)
   * @param attempt the attempt: its origin memory and grant ({@code memory-1#65537}), which a fence
   *     of one attempt names; null if not given
   */
  @InternalApi
  public record Io(
      String adapter,
      long epoch,
      long tag,
      String command,
      Op op,
      long lba,
      int blocks,
      ByteString data,
      ActorRef<IoDone> replyTo,
      String attempt)
      implements InternalCommand {

    /** A request that names no attempt. */
    public Io(
        String adapter,
        long epoch,
        long tag,
        String command,
        Op op,
        long lba,
        int blocks,
        ByteString data,
        ActorRef<IoDone> replyTo) {
      this(adapter, epoch, tag, command, op, lba, blocks, data, replyTo, null);
    }
  }

  /**
   * An adapter incarnation registers itself; its later requests travel the same FIFO path.
   * Internal: sent between the model's elements; not for users, may change without notice.
   */
  @InternalApi
  public record Register(String adapter, long epoch) implements InternalCommand {}

  /**
   * Removes {@code adapter}'s registration if it is {@code epoch} or older; {@code requester} is
   * the server asking, for the command of {@code grantId} (echoed in the answer). Internal: sent
   * between the model's elements; not for users, may change without notice.
   *
   * @param attempt null to preempt the whole registration (the incarnation is gone); else one
   *     attempt of a command ({@code memory-1#65537}: its origin memory and grant), refused from
   *     now on when {@code adapter} asks for it, while the adapter goes on serving the rest (its
   *     server may well be alive, only cut off from the origin)
   */
  @InternalApi
  public record Preempt(
      String adapter,
      long epoch,
      String requester,
      long grantId,
      ActorRef<Preempted> replyTo,
      String attempt)
      implements InternalCommand {

    /** Preempts the whole registration. */
    public Preempt(
        String adapter, long epoch, String requester, long grantId, ActorRef<Preempted> replyTo) {
      this(adapter, epoch, requester, grantId, replyTo, null);
    }
  }

  // ---- Internal protocol: answers ----

  /**
   * The answer to {@link Io}. Internal: sent between the model's elements; not for users, may
   * change without notice.
   *
   * @param unregistered a RESERVATION_CONFLICT only because the disk holds no registration of the
   *     adapter's incarnation, which is neither preempted nor older than the one registered: its
   *     {@link Register} was lost (sent across a cut), and it may register and ask again
   */
  @InternalApi
  public record IoDone(
      long tag, Status status, String message, ByteString data, boolean unregistered)
      implements CborSerializable {
    public IoDone(long tag, Status status, String message, ByteString data) {
      this(tag, status, message, data, false);
    }
  }

  /**
   * The answer to {@link Preempt}. Internal: sent between the model's elements; not for users, may
   * change without notice.
   */
  @InternalApi
  public record Preempted(String adapter, long epoch, long grantId) implements CborSerializable {}

  /**
   * A disk that remembers applied writes for a minute of its clock. Internal: only the subsystem's
   * wiring spawns the disk; not for users, may change without notice.
   */
  @InternalApi
  public static Behavior<Command> create(
      DiskBackend backend, long serviceNanos, Fabric fabric, History history) {
    return create(backend, serviceNanos, 60_000_000_000L, fabric, history);
  }

  /**
   * A disk that remembers applied writes for {@code rememberNanos}. Internal: only the subsystem's
   * wiring spawns the disk; not for users, may change without notice.
   *
   * @param rememberNanos how long an applied write is remembered: longer than a command may live
   */
  @InternalApi
  public static Behavior<Command> create(
      DiskBackend backend, long serviceNanos, long rememberNanos, Fabric fabric, History history) {
    return Behaviors.setup(
        ctx ->
            Coverage.state(
                ctx,
                "disk",
                Command.class,
                "serving",
                new Disk(ctx, backend, serviceNanos, rememberNanos, fabric, history)));
  }

  private static final String NAME = Elements.DISK;
  private final DiskBackend backend;

  /** The backend's geometry, asked once: the subsystem's builder has checked it already. */
  private final int blockSize;

  private final long blockCount;
  private final long serviceNanos;
  private final Fabric fabric;
  private final History history;
  private final Map<String, Long> registered = new HashMap<>();
  private final Map<String, Long> preemptedThrough = new HashMap<>();

  /**
   * When each applied write was applied, in that order. An entry is forgotten once it is older than
   * {@code rememberNanos}, longer than any attempt of its command can come after it (the subsystem
   * gives twice a command's lifetime, the host's resends and its waits on full servers included); a
   * cap by count instead forgot a write that a busy disk had applied a moment before its re-drive
   * arrived, and applied it twice.
   */
  private final Map<String, Long> applied = new java.util.LinkedHashMap<>();

  /**
   * Attempts fenced one by one ({@link Preempt#attempt}), by adapter and attempt: when, in that
   * order, forgotten as applied writes are. The attempt alone is refused, whatever its epoch.
   */
  private final Map<String, Long> fencedAttempts = new java.util.LinkedHashMap<>();

  private final long rememberNanos;

  private Disk(
      ActorContext<Command> ctx,
      DiskBackend backend,
      long serviceNanos,
      long rememberNanos,
      Fabric fabric,
      History history) {
    super(ctx);
    this.backend = backend;
    this.blockSize = backend.blockSize();
    this.blockCount = backend.blocks();
    this.serviceNanos = serviceNanos;
    this.rememberNanos = rememberNanos;
    this.fabric = fabric;
    this.history = history;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Io.class, this::onIo)
        .onMessage(Register.class, this::onRegister)
        .onMessage(Preempt.class, this::onPreempt)
        .onSignal(PostStop.class, s -> close())
        .build();
  }

  private Behavior<Command> onRegister(Register r) {
    if (r.epoch() > preemptedThrough.getOrDefault(r.adapter(), 0L))
      registered.merge(r.adapter(), r.epoch(), Math::max);
    return this;
  }

  private Behavior<Command> onPreempt(Preempt p) {
    if (p.attempt() != null) {
      forgetOldWrites();
      fencedAttempts.putIfAbsent(p.adapter() + " " + p.attempt(), history.now());
      history.record(
          history
              .event(Kind.FENCED)
              .node(NAME)
              .peer(p.adapter())
              .epoch(p.epoch())
              .detail(p.attempt()));
    } else if (p.epoch() > preemptedThrough.getOrDefault(p.adapter(), 0L)) {
      preemptedThrough.put(p.adapter(), p.epoch());
      Long current = registered.get(p.adapter());
      if (current != null && current <= p.epoch()) registered.remove(p.adapter());
      history.record(history.event(Kind.FENCED).node(NAME).peer(p.adapter()).epoch(p.epoch()));
    }
    fabric.send(
        NAME, p.requester(), p.replyTo(), new Preempted(p.adapter(), p.epoch(), p.grantId()));
    return this;
  }

  private Behavior<Command> onIo(Io io) {
    fabric.send(NAME, io.adapter(), io.replyTo(), serve(io), serviceNanos);
    return this;
  }

  private IoDone serve(Io io) {
    Long current = registered.get(io.adapter());
    if (io.attempt() != null
        && !fencedAttempts.isEmpty()
        && fencedAttempts.containsKey(io.adapter() + " " + io.attempt())) {
      return conflict(
          io,
          "fenced: " + io.command(),
          io.command() + " is fenced for " + io.adapter() + " epoch " + io.epoch(),
          false);
    }
    if (current == null || current != io.epoch()) {
      getContext()
          .getLog()
          .info("disk refused {} epoch {}: not registered", io.adapter(), io.epoch());
      boolean mayRegister =
          io.epoch() > preemptedThrough.getOrDefault(io.adapter(), 0L)
              && (current == null || current < io.epoch());
      return conflict(
          io,
          "not registered: " + io.command(),
          io.adapter() + " epoch " + io.epoch() + " holds no registration",
          mayRegister);
    }
    int size = blockSize;
    boolean writeSizeWrong =
        io.op() == Op.WRITE && (long) io.data().size() != (long) io.blocks() * size;
    if (io.blocks() <= 0 || io.lba() < 0 || io.lba() > blockCount - io.blocks() || writeSizeWrong) {
      return done(
          io,
          Status.BAD_REQUEST,
          "blocks " + io.lba() + "+" + io.blocks() + " are not on a disk of " + blockCount,
          null);
    }
    if (io.op() == Op.READ) {
      byte[] read;
      try {
        read = backend.read(io.lba(), io.blocks());
      } catch (IOException | RuntimeException e) {
        return backendFailed(io, e);
      }
      return done(io, Status.GOOD, "", ByteString.fromArrayUnsafe(read));
    }
    if (applied.containsKey(io.command())) {
      recordWrite(Kind.DUPLICATE_WRITE, io);
      return done(io, Status.GOOD, "", null);
    }
    try {
      backend.write(io.lba(), io.data());
    } catch (IOException | RuntimeException e) {
      return backendFailed(io, e);
    }
    forgetOldWrites();
    applied.put(io.command(), history.now());
    recordWrite(Kind.DISK_WRITE, io);
    return done(io, Status.GOOD, "", null);
  }

  /**
   * A write the disk applied ({@code disk-write}) or knew it had already ({@code duplicate-write}).
   */
  private void recordWrite(Kind kind, Io io) {
    history.record(
        history
            .event(kind)
            .node(NAME)
            .peer(io.adapter())
            .epoch(io.epoch())
            .offset(io.lba())
            .length(io.blocks())
            .detail(io.command()));
  }

  /**
   * The backend failed this command: MEDIUM_ERROR. Only the backend's own calls end here, so a
   * write the backend took is never reported failed. A backend is the user's code: an unchecked
   * exception, a bug in it, fails this command, not the disk, which would otherwise stop and leave
   * every later command to time out.
   */
  private IoDone backendFailed(Io io, Exception e) {
    if (e instanceof IOException) {
      getContext().getLog().warn("disk backend failed on {}: {}", io.command(), e.toString());
      return done(io, Status.MEDIUM_ERROR, "disk backend failed: " + e.getMessage(), null);
    }
    getContext().getLog().warn("disk backend failed on {}", io.command(), e);
    return done(io, Status.MEDIUM_ERROR, "disk backend failed: " + e, null);
  }

  /** Forgets the writes applied longer ago than any attempt of their commands can come. */
  private void forgetOldWrites() {
    long now = history.now();
    forgetBefore(applied, now - rememberNanos);
    forgetBefore(fencedAttempts, now - rememberNanos);
  }

  /** Drops the entries of {@code since}, oldest first, made before {@code cutoff}. */
  private static void forgetBefore(Map<String, Long> since, long cutoff) {
    var oldestFirst = since.values().iterator();
    while (oldestFirst.hasNext() && oldestFirst.next() < cutoff) oldestFirst.remove();
  }

  /**
   * Refuses {@code io} as RESERVATION_CONFLICT, recorded with {@code detail}: nothing changed;
   * {@code unregistered} as {@link IoDone#unregistered}.
   */
  private IoDone conflict(Io io, String detail, String message, boolean unregistered) {
    history.record(
        history
            .event(Kind.REFUSED)
            .node(NAME)
            .peer(io.adapter())
            .status(Status.RESERVATION_CONFLICT)
            .epoch(io.epoch())
            .detail(detail));
    return new IoDone(
        io.tag(), Status.RESERVATION_CONFLICT, message, ByteString.emptyByteString(), unregistered);
  }

  private static IoDone done(Io io, Status status, String message, ByteString data) {
    return new IoDone(
        io.tag(), status, message, data == null ? ByteString.emptyByteString() : data);
  }

  private Behavior<Command> close() {
    try {
      backend.close();
    } catch (IOException e) {
      getContext().getLog().warn("closing the disk backend failed: {}", e.toString());
    }
    return this;
  }
}
