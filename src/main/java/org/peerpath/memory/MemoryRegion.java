package org.peerpath.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.util.ByteString;
import org.peerpath.CborSerializable;
import org.peerpath.command.Status;
import org.peerpath.coverage.Coverage;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * A server's memory (114/116). Its owner writes it directly; adapters reach it only by DMA, and
 * only inside the windows of a grant made for the command they run, like an IOMMU mapping (claims
 * 8, 10). A DMA write into a grant's CSW window rings the doorbell of the waiting state that owns
 * the grant (claim 4). Fencing an adapter incarnation refuses every later DMA of it, so an adapter
 * that wakes up after it was given up for dead changes no byte. Refusals are logged and recorded in
 * the history, never applied.
 */
public final class MemoryRegion extends AbstractBehavior<MemoryRegion.Command> {

  /**
   * Everything a memory region handles. It has no published protocol: its owner lays commands out
   * and fences, adapters DMA ({@link InternalCommand}).
   */
  public sealed interface Command extends CborSerializable {}

  // ---- Internal protocol: from its owner and the adapters ----

  /**
   * What the owning server and the adapters ask of a memory region. Internal: sent between the
   * model's elements; not for users, may change without notice.
   */
  @InternalApi
  public sealed interface InternalCommand extends Command {}

  /**
   * The owner lays a command out and lets {@code grantee} touch {@code windows} under {@code
   * grantId}. Internal: sent between the model's elements; not for users, may change without
   * notice.
   */
  @InternalApi
  public record Setup(
      long grantId,
      String commandId,
      int attempt,
      List<Placed> writes,
      String grantee,
      List<Window> windows,
      ActorRef<CswWritten> doorbell,
      ActorRef<SetUp> replyTo)
      implements InternalCommand {}

  /**
   * Bytes the owner places at an offset. Internal: sent between the model's elements; not for
   * users, may change without notice.
   */
  @InternalApi
  public record Placed(long offset, ByteString bytes) implements CborSerializable {}

  /**
   * The owner withdraws grant {@code grantId}. Internal: sent between the model's elements; not for
   * users, may change without notice.
   */
  @InternalApi
  public record Revoke(long grantId) implements InternalCommand {}

  /**
   * The memory's node dies (a whole-server crash): the region stops, and its bytes are lost.
   * Internal: sent by the subsystem's control; not for users, may change without notice.
   */
  @InternalApi
  public record Halt() implements InternalCommand {}

  /**
   * Refuse every DMA of {@code adapter} at {@code epoch} or older from now on. {@code grantId}
   * names the command that asks, echoed in the answer. Internal: sent between the model's elements;
   * not for users, may change without notice.
   */
  @InternalApi
  public record Fence(String adapter, long epoch, long grantId, ActorRef<Fenced> replyTo)
      implements InternalCommand {}

  /**
   * {@code tag} is the adapter's own correlation number, echoed in the result. Internal: sent
   * between the model's elements; not for users, may change without notice.
   */
  @InternalApi
  public record DmaRead(
      long grantId,
      String adapter,
      long epoch,
      long tag,
      long offset,
      int length,
      ActorRef<DmaReadResult> replyTo)
      implements InternalCommand {}

  /**
   * Posted: no acknowledgement, as on PCIe. Internal: sent between the model's elements; not for
   * users, may change without notice.
   */
  @InternalApi
  public record DmaWrite(long grantId, String adapter, long epoch, long offset, ByteString data)
      implements InternalCommand {}

  /**
   * The owner reads its own memory (the response data of the command of {@code grantId}, echoed in
   * the answer). Internal: sent between the model's elements; not for users, may change without
   * notice.
   */
  @InternalApi
  public record Fetch(long grantId, long offset, int length, ActorRef<Fetched> replyTo)
      implements InternalCommand {}

  // ---- Internal protocol: answers ----

  /**
   * The answer to {@link Setup}. Internal: sent between the model's elements; not for users, may
   * change without notice.
   */
  @InternalApi
  public record SetUp(long grantId) implements CborSerializable {}

  /**
   * The doorbell: a DMA write reached the CSW window of grant {@code grantId}. Internal: sent
   * between the model's elements; not for users, may change without notice.
   */
  @InternalApi
  public record CswWritten(long grantId, ByteString csw) implements CborSerializable {}

  /**
   * The answer to {@link Fence}. Internal: sent between the model's elements; not for users, may
   * change without notice.
   */
  @InternalApi
  public record Fenced(String adapter, long epoch, long grantId) implements CborSerializable {}

  /**
   * The answer to {@link DmaRead}. Internal: sent between the model's elements; not for users, may
   * change without notice.
   */
  @InternalApi
  public record DmaReadResult(long tag, Status status, ByteString data)
      implements CborSerializable {}

  /**
   * The answer to {@link Fetch}. Internal: sent between the model's elements; not for users, may
   * change without notice.
   */
  @InternalApi
  public record Fetched(long grantId, ByteString data) implements CborSerializable {}

  private record Grant(
      String commandId,
      int attempt,
      String grantee,
      List<Window> windows,
      ActorRef<CswWritten> doorbell) {}

  /**
   * The memory {@code name} of server {@code owner}. Internal: only the subsystem's wiring spawns
   * memory regions; not for users, may change without notice.
   */
  @InternalApi
  public static Behavior<Command> create(
      String name, String owner, Fabric fabric, History history) {
    return Behaviors.setup(
        ctx ->
            Coverage.state(
                ctx,
                "memory",
                Command.class,
                "serving",
                new MemoryRegion(ctx, name, owner, fabric, history)));
  }

  private final String name;
  private final String owner;
  private final Fabric fabric;
  private final History history;
  private final ExtentStore bytes = new ExtentStore();
  private final Map<Long, Grant> grants = new HashMap<>();
  private final Map<String, Long> fencedThrough = new HashMap<>();

  private MemoryRegion(
      ActorContext<Command> ctx, String name, String owner, Fabric fabric, History history) {
    super(ctx);
    this.name = name;
    this.owner = owner;
    this.fabric = fabric;
    this.history = history;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Setup.class, this::onSetup)
        .onMessage(
            Revoke.class,
            r -> {
              grants.remove(r.grantId());
              return this;
            })
        .onMessage(Fence.class, this::onFence)
        .onMessage(DmaRead.class, this::onDmaRead)
        .onMessage(DmaWrite.class, this::onDmaWrite)
        .onMessage(Fetch.class, this::onFetch)
        .onMessage(Halt.class, h -> Behaviors.stopped())
        .build();
  }

  private Behavior<Command> onSetup(Setup s) {
    for (Placed p : s.writes()) bytes.write(p.offset(), p.bytes());
    grants.put(
        s.grantId(), new Grant(s.commandId(), s.attempt(), s.grantee(), s.windows(), s.doorbell()));
    fabric.send(name, owner, s.replyTo(), new SetUp(s.grantId()));
    return this;
  }

  private Behavior<Command> onFence(Fence f) {
    // The epoch alone refuses the fenced incarnations; grants made for a newer one stay valid.
    if (f.epoch() > fencedThrough.getOrDefault(f.adapter(), 0L)) {
      fencedThrough.put(f.adapter(), f.epoch());
      history.record(history.event(Kind.FENCED).node(name).peer(f.adapter()).epoch(f.epoch()));
    }
    fabric.send(name, owner, f.replyTo(), new Fenced(f.adapter(), f.epoch(), f.grantId()));
    return this;
  }

  private Behavior<Command> onDmaRead(DmaRead r) {
    Grant g = grants.get(r.grantId());
    String refusal = refusal(g, r.adapter(), r.epoch(), r.offset(), r.length(), false);
    if (refusal != null) {
      refuse(g, r.adapter(), r.epoch(), r.offset(), r.length(), refusal);
      fabric.send(
          name,
          r.adapter(),
          r.replyTo(),
          new DmaReadResult(r.tag(), Status.DMA_FAULT, ByteString.emptyByteString()));
      return this;
    }
    history.record(
        history
            .event(Kind.DMA_READ)
            .id(g.commandId())
            .node(name)
            .peer(r.adapter())
            .attempt(g.attempt())
            .epoch(r.epoch())
            .offset(r.offset())
            .length(r.length()));
    ByteString data = bytes.read(r.offset(), r.length());
    fabric.send(name, r.adapter(), r.replyTo(), new DmaReadResult(r.tag(), Status.GOOD, data));
    return this;
  }

  private Behavior<Command> onDmaWrite(DmaWrite w) {
    Grant g = grants.get(w.grantId());
    String refusal = refusal(g, w.adapter(), w.epoch(), w.offset(), w.data().size(), true);
    if (refusal != null) {
      refuse(g, w.adapter(), w.epoch(), w.offset(), w.data().size(), refusal);
      return this;
    }
    bytes.write(w.offset(), w.data());
    Window csw = cswWindowHit(g, w.offset(), w.data().size());
    if (csw == null) {
      history.record(
          history
              .event(Kind.DMA_WRITE)
              .id(g.commandId())
              .node(name)
              .peer(w.adapter())
              .attempt(g.attempt())
              .epoch(w.epoch())
              .offset(w.offset())
              .length(w.data().size()));
    } else {
      ByteString word = bytes.read(csw.offset(), csw.length());
      history.record(
          history
              .event(Kind.CSW)
              .id(g.commandId())
              .node(name)
              .peer(w.adapter())
              .attempt(g.attempt())
              .status(statusOf(word))
              .epoch(w.epoch())
              .offset(csw.offset()));
      fabric.send(name, owner, g.doorbell(), new CswWritten(w.grantId(), word));
    }
    return this;
  }

  private Behavior<Command> onFetch(Fetch f) {
    ByteString data = bytes.read(f.offset(), f.length());
    fabric.send(name, owner, f.replyTo(), new Fetched(f.grantId(), data));
    return this;
  }

  /** Why a DMA must be refused, or null if it is allowed. */
  private String refusal(
      Grant g, String adapter, long epoch, long offset, int length, boolean write) {
    Long fenced = fencedThrough.get(adapter);
    if (fenced != null && epoch <= fenced)
      return "adapter " + adapter + " epoch " + epoch + " is fenced";
    if (g == null) return "no grant";
    if (!g.grantee().equals(adapter)) return "grant belongs to " + g.grantee();
    if (length <= 0 || offset < 0) return "empty or negative range";
    for (Window window : g.windows()) {
      if (window.covers(offset, length, write)) return null;
    }
    return (write ? "write" : "read") + " outside the grant's windows";
  }

  private void refuse(Grant g, String adapter, long epoch, long offset, int length, String why) {
    getContext().getLog().info("{} refused a DMA of {} (epoch {}): {}", name, adapter, epoch, why);
    history.record(
        history
            .event(Kind.REFUSED)
            .id(g == null ? null : g.commandId())
            .node(name)
            .peer(adapter)
            .status(Status.DMA_FAULT)
            .epoch(epoch)
            .offset(offset)
            .length(length)
            .detail(why));
  }

  private static Window cswWindowHit(Grant g, long offset, int length) {
    for (Window window : g.windows()) {
      if (window.access() == Window.Access.CSW && window.overlaps(offset, length)) return window;
    }
    return null;
  }

  private static String statusOf(ByteString word) {
    try {
      return StatusWord.decode(word).status().name();
    } catch (IllegalArgumentException e) {
      return "UNREADABLE";
    }
  }
}
