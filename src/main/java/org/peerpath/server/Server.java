package org.peerpath.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.annotation.InternalApi;
import org.peerpath.CborSerializable;
import org.peerpath.adapter.Adapter;
import org.peerpath.adapter.AdapterHardware;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.coverage.Coverage;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.runtime.DueQueue;
import org.peerpath.runtime.VirtualTimeSystem;

/**
 * A server (102/104): owns its memory, spawns and supervises its adapter, and serves host commands.
 * Behaviours: {@link #direct()} while its own adapter works; {@link #forwarding()} (claim 1) while
 * it does not but a peer's does; {@link #noPath()} when no adapter is known to work, where commands
 * end NO_PATH at once. Supervision finds a crash (the adapter stops), a reset (its PreRestart
 * reports Down) and a hang (the watchdog). Commands in flight on a lost adapter are re-driven,
 * after fencing, with a new attempt (claims 2, 3). As a peer, it runs forwarded commands on its
 * adapter and forwards each completion notice to the origin (claim 4).
 */
public final class Server {

  /**
   * Everything a server handles. Users send only the published {@link Submit}; the rest is the
   * model's own: {@link InternalCommand} from the subsystem's wiring and control, and, visible only
   * in this package, what servers send each other and what a server sends itself.
   */
  public sealed interface Command extends CborSerializable {}

  // ---- Published protocol ----

  /**
   * Serve {@code command} for {@code host}; the one {@link CommandResult} goes to {@code replyTo}.
   * Hosts send it: a command submitted here directly bypasses the host, so the history records no
   * {@code submitted} or {@code reply} event for it (a host's {@code Send} records both).
   *
   * @param serial the command's number at {@code host}, when {@code host} is {@code host-N}: the
   *     same on every server the host sends it to, so that the disk applies a write at most once
   *     however often the host resends it after losing a server; 0 (no number) for a command
   *     submitted directly
   */
  public record Submit(String host, IoCommand command, ActorRef<CommandResult> replyTo, long serial)
      implements Command {
    /** A command and someone to answer are required: refused here, not in the server. */
    public Submit {
      java.util.Objects.requireNonNull(command, "command");
      java.util.Objects.requireNonNull(replyTo, "replyTo");
      if (serial < 0) throw new IllegalArgumentException("a serial is 0 or more, not " + serial);
    }

    /** A command submitted directly, with no host's number. */
    public Submit(String host, IoCommand command, ActorRef<CommandResult> replyTo) {
      this(host, command, replyTo, 0);
    }
  }

  // ---- Internal protocol: from the subsystem's wiring and control ----

  /**
   * What the subsystem tells a server: who its peers are, and the faults and repairs the control
   * orders. Internal: sent between the model's elements; not for users, may change without notice.
   */
  @InternalApi
  public sealed interface InternalCommand extends Command {}

  /**
   * A server as its peers and the hosts know it. Internal: sent between the model's elements; not
   * for users, may change without notice.
   */
  @InternalApi
  public record Peer(String name, int index, ActorRef<Command> ref) implements CborSerializable {}

  /**
   * Every server of the subsystem, sent once by its wiring. Internal: sent between the model's
   * elements; not for users, may change without notice.
   */
  @InternalApi
  public record Introduce(List<Peer> servers) implements InternalCommand {}

  /**
   * From the control: pass this fault on to the adapter without looking at it. Internal: sent
   * between the model's elements; not for users, may change without notice.
   */
  @InternalApi
  public record InjectFault(FaultMode mode, long durationNanos) implements InternalCommand {}

  /**
   * From the control: bring the adapter back as a new incarnation. Internal: sent between the
   * model's elements; not for users, may change without notice.
   */
  @InternalApi
  public record RepairAdapter() implements InternalCommand {}

  /**
   * Node {@code node} (a peer server's, or the disk's) cannot be reached: under virtual time the
   * subsystem's control says so {@code unreachableAfter} a crash or a cut; in a cluster, the
   * cluster's failure detector. Internal: not for users, may change without notice.
   */
  @InternalApi
  public record NodeUnreachable(String node) implements InternalCommand {}

  /** Node {@code node} can be reached again. Internal: not for users, may change without notice. */
  @InternalApi
  public record NodeReachable(String node) implements InternalCommand {}

  /**
   * A new incarnation of a peer server runs at {@code peer}'s reference, its adapter at {@code
   * epoch}; the old incarnation is gone. Internal: not for users, may change without notice.
   */
  @InternalApi
  public record PeerUp(Peer peer, long epoch) implements InternalCommand {}

  /**
   * The server's node dies (a whole-server crash): the server stops, and its adapter with it.
   * Internal: sent by the subsystem's control; not for users, may change without notice.
   */
  @InternalApi
  public record Halt() implements InternalCommand {}

  // ---- Internal protocol: within this package ----

  /**
   * What servers send each other (forwards, notices, bounces, peer status: sent from {@code
   * PendingCommand}, {@code ForwardedCommands} and {@code Peers}) and a server's own messages
   * (WatchdogTickTest hands a server a late tick).
   */
  sealed interface Internal extends Command {}

  /**
   * From an origin server: run this command, whose control block is in the origin's memory, on
   * adapter incarnation {@code adapterEpoch} (the one the origin would fence if it gave up).
   */
  record Forward(
      String origin,
      ActorRef<Command> originRef,
      String commandId,
      int attempt,
      long grantId,
      String memory,
      ActorRef<MemoryRegion.Command> memoryRef,
      long controlBlockOffset,
      long adapterEpoch)
      implements Internal {}

  /** From the peer that ran a forwarded command: its completion notice (claim 4). */
  record Notice(long grantId, String servedBy, Status status) implements Internal {}

  /** From peer {@code server}, whose adapter cannot (or can no longer) run a forwarded command. */
  record Bounce(long grantId, String server, String adapter, long epoch, String reason)
      implements Internal {}

  /** A server tells its peers whether its adapter works, over the server-to-server path. */
  record PeerStatus(String server, boolean working, long epoch) implements Internal {}

  /**
   * A signal for the waiting command of {@code tag}: an answer of the memory or the disk, or its
   * deadline.
   */
  private record ForCommand(long tag, PendingCommand.Signal signal) implements Internal {

    /** For the command whose grant the answer names. */
    ForCommand(PendingCommand.Answer answer) {
      this(PendingCommand.tagOf(answer.grantId()), answer);
    }
  }

  /** The oldest waiting commands' deadline has come (the deadline queue). */
  private record DeadlinesDue() implements Internal {}

  private record AdapterReported(Adapter.Report report) implements Internal {}

  private record AdapterStopped(ActorRef<Adapter.Command> adapter) implements Internal {}

  /**
   * The watchdog's tick, due (and so put in the mailbox) at {@code dueAt}. An answer that reached
   * the mailbox before it is handled before it, however late the server gets to both (a burst), so
   * comparing {@code dueAt}, not the time of handling, with the check's sending finds only an
   * adapter that really did not answer.
   */
  record WatchdogTick(long dueAt) implements Internal {}

  /**
   * The server {@code settings} describe, owner of {@code memory} (the settings' memory name),
   * spawning the settings' adapter as its child. Internal: only the subsystem's wiring spawns
   * servers; not for users, may change without notice.
   */
  @InternalApi
  public static Behavior<Command> create(
      ServerSettings settings,
      ActorRef<MemoryRegion.Command> memory,
      ActorRef<Disk.Command> disk,
      Fabric fabric,
      History history) {
    return create(settings, memory, disk, fabric, history, 0);
  }

  /**
   * As above, for incarnation {@code incarnation} (0 for the first) of the server's node: its
   * adapter's epochs start above every epoch of the earlier incarnations ({@link
   * AdapterHardware#EPOCHS_PER_INCARNATION} each), so that what those were fenced for never touches
   * it. Internal: only the subsystem's wiring spawns servers.
   */
  @InternalApi
  public static Behavior<Command> create(
      ServerSettings settings,
      ActorRef<MemoryRegion.Command> memory,
      ActorRef<Disk.Command> disk,
      Fabric fabric,
      History history,
      long incarnation) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new Server(ctx, timers, settings, memory, disk, fabric, history, incarnation)
                        .direct()));
  }

  private static final MailboxSelector ADAPTER_MAILBOX =
      MailboxSelector.fromConfig("peerpath.adapter-mailbox");

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;

  /** The deadlines of the commands in flight, in the order admitted: one timer for them all. */
  private final DueQueue<Long> deadlines;

  private final ServerWiring w;
  private final String adapterName;
  private final AdapterHardware hardware;
  private final ActorRef<Adapter.Report> reports;
  private final Peers peers;

  /** The waiting commands by tag, in the order they came (tags only grow). */
  private final Map<Long, PendingCommand> inFlight = new LinkedHashMap<>();

  private final ForwardedCommands forwarded;
  private final TreeSet<Integer> freeSlots = new TreeSet<>();
  private ActorRef<Adapter.Command> adapter;
  private long epoch;

  /** Whether this server serves by its own adapter now (in {@link #direct()}). */
  private boolean serving;

  /** The disk cannot be reached (its node is cut off from this one). */
  private boolean diskCut;

  /** The own adapter was given up because the disk could not be reached, not for a fault. */
  private boolean lostToDiskCut;

  /**
   * The next command's tag. Each incarnation of the node numbers from its own range (2^24 tags
   * each, for 2^23 incarnations before the ranges come round): a command's identity at the disk and
   * its attempts' grants never repeat an earlier incarnation's, so neither a remembered write nor a
   * fenced attempt of a dead incarnation is taken for a new one.
   */
  private long nextTag;

  private int slotsMade;
  private final Watchdog watchdog;

  private Server(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      ServerSettings settings,
      ActorRef<MemoryRegion.Command> memory,
      ActorRef<Disk.Command> disk,
      Fabric fabric,
      History history,
      long incarnation) {
    this.ctx = ctx;
    this.timers = timers;
    this.deadlines = new DueQueue<>(inFlight::containsKey);
    this.hardware = new AdapterHardware(incarnation);
    this.epoch = hardware.currentEpoch() + 1;
    this.nextTag = ((incarnation & ((1L << 23) - 1)) << 24) + 1;
    String name = settings.name();
    String memoryName = settings.memoryName();
    var replies =
        new ServerWiring.CommandReplies(
            ctx.messageAdapter(
                MemoryRegion.SetUp.class,
                m -> new ForCommand(new PendingCommand.SetUpDone(m.grantId()))),
            // The doorbell names the grant whose CSW window was written; the CSW itself may name
            // another.
            ctx.messageAdapter(
                MemoryRegion.CswWritten.class,
                m -> new ForCommand(PendingCommand.tagOf(m.grantId()), PendingCommand.toCsw(m))),
            ctx.messageAdapter(
                MemoryRegion.Fenced.class,
                m -> new ForCommand(new PendingCommand.FenceAcked(m.grantId()))),
            ctx.messageAdapter(
                Disk.Preempted.class,
                m -> new ForCommand(new PendingCommand.FenceAcked(m.grantId(), true))),
            ctx.messageAdapter(
                MemoryRegion.Fetched.class,
                m -> new ForCommand(new PendingCommand.DataFetched(m.grantId(), m.data()))));
    this.w =
        new ServerWiring(
            name, ctx.getSelf(), memoryName, memory, disk, settings, fabric, history, replies);
    this.adapterName = settings.adapterName();
    this.reports = ctx.messageAdapter(Adapter.Report.class, AdapterReported::new);
    this.peers = new Peers(name, fabric);
    this.forwarded = new ForwardedCommands(w, adapterName);
    this.watchdog = new Watchdog(settings.watchdog().toNanos());
    this.ticksPerPeriod = VirtualTimeSystem.isVirtual(ctx.getSystem()) ? 1 : 2;
    spawnAdapter();
    scheduleTick(history.now());
  }

  private void spawnAdapter() {
    var wiring =
        new Adapter.Wiring(
            adapterName, w.name(), reports, w.disk(), w.fabric(), w.history(), hardware);
    Behavior<Adapter.Command> supervised =
        Behaviors.supervise(
                Behaviors.supervise(Adapter.create(wiring))
                    .onFailure(
                        Adapter.Reset.class,
                        SupervisorStrategy.restart().withLoggingEnabled(false)))
            .onFailure(Adapter.Crashed.class, SupervisorStrategy.stop().withLoggingEnabled(false));
    // Health checks jump the queue of commands (Adapter.HealthCheck is a ControlMessage), so load
    // never makes a working adapter look hung.
    adapter =
        ctx.spawn(supervised, adapterName + "-" + (hardware.currentEpoch() + 1), ADAPTER_MAILBOX);
    ctx.watchWith(adapter, new AdapterStopped(adapter));
  }

  // ---- the three behaviours ----

  private Behavior<Command> direct() {
    watchdog.serving();
    serving = true;
    replanWaitingAttempts();
    return covered(
        "direct",
        serving(
            Behaviors.receive(Command.class)
                .onMessage(Submit.class, m -> submit(m, directRoute()))
                .onMessage(
                    Forward.class,
                    f -> {
                      forwarded.run(f, adapter, epoch);
                      return Behaviors.same();
                    })
                .onMessage(WatchdogTick.class, this::watchdogTick)
                .onMessage(
                    Bounce.class,
                    m -> {
                      onBounce(m, this::directRoute);
                      return Behaviors.same();
                    })
                .onMessage(
                    PeerStatus.class,
                    m -> {
                      onPeerStatus(m);
                      return Behaviors.same();
                    })
                .onMessage(AdapterReported.class, m -> onReport(m.report()))
                .onMessage(
                    AdapterStopped.class,
                    m -> onStopped(m) ? adapterLost("crash") : Behaviors.same())));
  }

  private Behavior<Command> forwarding() {
    return covered(
        "forwarding",
        withoutOwnAdapter(
            Behaviors.receive(Command.class)
                .onMessage(Submit.class, m -> submit(m, peers.nearestRoute()))));
  }

  private Behavior<Command> noPath() {
    return covered(
        "no-path",
        withoutOwnAdapter(
            Behaviors.receive(Command.class)
                .onMessage(
                    Submit.class,
                    m -> submit(m, new Route.NoPath("no working adapter can reach the disk")))));
  }

  /** Behaviour {@code state}, counted by {@link Coverage} when it is on. */
  private Behavior<Command> covered(String state, Behavior<Command> b) {
    return Coverage.state(ctx, "server", Command.class, state, b);
  }

  private Behavior<Command> withoutAdapter() {
    return peers.anyWorking() ? forwarding() : noPath();
  }

  /**
   * What {@link #forwarding()} and {@link #noPath()} share, after their own handlers: forwarded
   * commands are refused, the lost adapter is probed, and a change among the peers' adapters may
   * switch between the two.
   */
  private Behavior<Command> withoutOwnAdapter(BehaviorBuilder<Command> own) {
    serving = false;
    return serving(
        own.onMessage(
                Forward.class,
                f -> {
                  forwarded.refuse(f, epoch);
                  return Behaviors.same();
                })
            .onMessage(WatchdogTick.class, this::probeLostAdapter)
            .onMessage(
                Bounce.class,
                m -> {
                  onBounce(m, peers::nearestRoute);
                  return peers.anyWorking() ? Behaviors.same() : noPath();
                })
            .onMessage(
                PeerStatus.class,
                m -> {
                  onPeerStatus(m);
                  return withoutAdapter();
                })
            .onMessage(AdapterReported.class, m -> onReportWhileLost(m.report()))
            .onMessage(
                AdapterStopped.class,
                m -> {
                  onStopped(m);
                  return Behaviors.same();
                }));
  }

  /** What all three behaviours share, after their own handlers. */
  private Behavior<Command> serving(BehaviorBuilder<Command> own) {
    return own.onMessage(
            Notice.class,
            m ->
                toPending(
                    new ForCommand(
                        new PendingCommand.NoticeArrived(m.grantId(), m.status(), m.servedBy()))))
        .onMessage(ForCommand.class, this::toPending)
        .onMessage(DeadlinesDue.class, m -> onDeadlinesDue())
        .onMessage(
            Introduce.class,
            m -> {
              peers.introduce(m.servers());
              return Behaviors.same();
            })
        .onMessage(InjectFault.class, this::onInjectFault)
        .onMessage(RepairAdapter.class, m -> onRepair())
        .onMessage(NodeUnreachable.class, this::onUnreachable)
        .onMessage(NodeReachable.class, this::onReachable)
        .onMessage(PeerUp.class, this::onPeerUp)
        .onMessage(Halt.class, m -> Behaviors.stopped())
        .build();
  }

  // ---- nodes lost and found ----

  /**
   * The disk, or a peer, cannot be reached. Without the disk the own adapter is of no use: the
   * server serves through its peers. Without a peer, the commands forwarded to it are re-driven,
   * after fencing their attempts at the disk: the peer may be alive and serving its own commands,
   * so its adapter's incarnation is left alone.
   */
  private Behavior<Command> onUnreachable(NodeUnreachable m) {
    w.history()
        .record(w.history().event(HistoryEvent.Kind.UNREACHABLE).node(w.name()).peer(m.node()));
    if (m.node().equals(org.peerpath.command.Elements.DISK)) {
      diskCut = true;
      Behavior<Command> next = Behaviors.same();
      if (serving) {
        lostToDiskCut = true;
        next = adapterLost("disk unreachable");
      }
      // Fences asked of the disk will not be acknowledged: the commands waiting for them go on.
      List<PendingCommand> done = new java.util.ArrayList<>();
      for (PendingCommand p : inFlight.values()) {
        if (p.on(new PendingCommand.DiskLost())) done.add(p);
      }
      done.forEach(this::finished);
      return next;
    }
    Long peerEpoch = peers.unreachable(m.node());
    if (peerEpoch == null) return Behaviors.same();
    forwarded.forgetOrigin(m.node(), null);
    String peerAdapter = adapterOf(m.node());
    redrive(
        p -> p.target() instanceof Route.ViaPeer v && v.server().equals(m.node()),
        serving ? directRoute() : peers.nearestRoute(),
        peerAdapter,
        peerEpoch,
        m.node() + " unreachable",
        diskCut ? PendingCommand.Fence.NONE : PendingCommand.Fence.COMMAND);
    return serving ? Behaviors.same() : withoutAdapter();
  }

  /**
   * The disk, or a peer, can be reached again. An adapter given up for want of the disk comes back
   * as a new incarnation; a peer hears how this server's adapter is, since whatever it said while
   * cut off was lost.
   */
  private Behavior<Command> onReachable(NodeReachable m) {
    w.history()
        .record(w.history().event(HistoryEvent.Kind.REACHABLE).node(w.name()).peer(m.node()));
    if (m.node().equals(org.peerpath.command.Elements.DISK)) {
      diskCut = false;
      if (lostToDiskCut && !serving && adapter != null) {
        lostToDiskCut = false;
        watchdog.askedToComeBack(epoch);
        adapter.tell(new Adapter.Repair());
      }
      return Behaviors.same();
    }
    Server.Peer peer = peers.reachable(m.node());
    if (peer == null) return Behaviors.same();
    w.fabric().send(w.name(), peer.name(), peer.ref(), new PeerStatus(w.name(), serving, epoch));
    return serving ? Behaviors.same() : withoutAdapter();
  }

  /**
   * A peer came back as a new incarnation: what this server had forwarded to the old one is
   * re-driven after fencing the old incarnation, which is certainly gone, and the new one hears how
   * this server's adapter is.
   */
  private Behavior<Command> onPeerUp(PeerUp m) {
    Server.Peer peer = m.peer();
    if (peer.name().equals(w.name())) return Behaviors.same();
    Peers.Replaced old = peers.reincarnated(peer, m.epoch());
    if (old != null && !old.ref().equals(peer.ref())) {
      forwarded.forgetOrigin(peer.name(), old.ref());
      redrive(
          p -> p.target() instanceof Route.ViaPeer v && v.serverRef().equals(old.ref()),
          serving ? directRoute() : peers.nearestRoute(),
          adapterOf(peer.name()),
          AdapterHardware.lastOfIncarnation(old.epoch()),
          peer.name() + " restarted",
          diskCut ? PendingCommand.Fence.MEMORY : PendingCommand.Fence.INCARNATION);
    }
    w.fabric().send(w.name(), peer.name(), peer.ref(), new PeerStatus(w.name(), serving, epoch));
    return serving ? Behaviors.same() : withoutAdapter();
  }

  /** What a peer says of its adapter: see {@link #replanWaitingAttempts()}. */
  private void onPeerStatus(PeerStatus m) {
    peers.update(m.server(), m.working(), m.epoch());
    replanWaitingAttempts();
  }

  /**
   * A command waiting for fences before its next attempt plans that attempt again when the plan no
   * longer holds: it named a peer's adapter incarnation that is now replaced or down (started as
   * planned, the attempt would only be bounced and fence an incarnation that may never have run
   * it), or no path at all, and a path has come since (the own adapter back, a peer working).
   * Attempts running are left alone: a lost incarnation's are re-driven, fenced first.
   */
  private void replanWaitingAttempts() {
    Route now = null;
    for (PendingCommand p : inFlight.values()) {
      if (!p.betweenAttempts()) continue;
      Route planned = p.target();
      if (planned instanceof Route.NoPath
          || (planned instanceof Route.ViaPeer v && !peers.current(v))) {
        if (now == null) now = serving ? directRoute() : peers.nearestRoute();
        p.replan(now);
      }
    }
  }

  private static String adapterOf(String server) {
    return org.peerpath.command.Elements.adapter(
        org.peerpath.command.Elements.index(server, org.peerpath.command.Elements.SERVER_PREFIX));
  }

  // ---- host commands ----

  private Behavior<Command> submit(Submit m, Route route) {
    IoCommand c = m.command();
    if (inFlight.size() >= w.settings().queueDepth()) {
      String why =
          " already holds " + inFlight.size() + " commands (queue-depth): send it again later";
      return refuse(m, Status.BUSY, w.name() + why);
    }
    String problem = CommandCheck.problem(c, w.settings());
    if (problem != null) return refuse(m, Status.BAD_REQUEST, problem);
    long tag = nextTag++;
    Integer free = freeSlots.pollFirst();
    Slot slot = Slot.of(free != null ? free : slotsMade++, w.settings().bytesPerCommandMax());
    var spec =
        new PendingCommand.Spec(
            tag, m.host(), hostNumber(m), m.serial(), c, slot, route, m.replyTo(), w);
    var pending = new PendingCommand(spec);
    if (pending.start()) {
      freeSlots.add(slot.index());
    } else {
      inFlight.put(tag, pending);
      long now = w.history().now();
      long at =
          org.peerpath.history.Durations.saturatingAdd(now, w.settings().deadline().toNanos());
      if (deadlines.add(tag, at, inFlight.size())) armDeadlines(now);
    }
    return Behaviors.same();
  }

  /** Ends in TIMEOUT every command whose deadline is due and that is still waiting. */
  private Behavior<Command> onDeadlinesDue() {
    long now = w.history().now();
    deadlines.takeDue(
        now,
        tag -> {
          PendingCommand p = inFlight.get(tag);
          if (p.on(new PendingCommand.DeadlinePassed())) finished(p);
        });
    armDeadlines(now);
    return Behaviors.same();
  }

  private void armDeadlines(long now) {
    long in = deadlines.nextIn(now);
    if (in >= 0)
      timers.startSingleTimer(DeadlinesDue.class, new DeadlinesDue(), Duration.ofNanos(in));
  }

  /**
   * The N of the {@code host-N} that numbered the command, or 0 if none did; parsed once per host
   * name, not once per command.
   */
  private int hostNumber(Submit m) {
    if (m.serial() == 0) return 0;
    Integer n = hostNumbers.get(m.host());
    if (n == null) {
      n =
          Math.max(
              0,
              org.peerpath.command.Elements.index(
                  m.host(), org.peerpath.command.Elements.HOST_PREFIX));
      // Only the hosts of a subsystem are kept: names other senders make up are parsed each time.
      if (n > 0 && hostNumbers.size() < 1024) hostNumbers.put(m.host(), n);
    }
    return n;
  }

  /** {@link #hostNumber}'s parsed host names. */
  private final Map<String, Integer> hostNumbers = new java.util.HashMap<>();

  /** Answers the host at once: nothing was set up or written for the command. */
  private Behavior<Command> refuse(Submit m, Status status, String why) {
    CommandResult r = CommandResult.refused(m.command().id(), w.name(), status, why, 0);
    w.fabric().send(w.name(), m.host(), m.replyTo(), r);
    return Behaviors.same();
  }

  /** Hands the signal to its command, if that is still waiting. */
  private Behavior<Command> toPending(ForCommand m) {
    PendingCommand p = inFlight.get(m.tag());
    if (p != null && p.on(m.signal())) finished(p);
    return Behaviors.same();
  }

  /** The command revoked its grant and answered, so its slot can serve the next command. */
  private void finished(PendingCommand p) {
    inFlight.remove(p.tag());
    freeSlots.add(p.slot().index());
  }

  /**
   * The peer's adapter incarnation is gone. Every command on it (or an older one) is re-driven, not
   * only the bounced one: re-driving fences that incarnation in this server's memory, which would
   * refuse the CSW still in flight of a command whose notice has already arrived. Commands on a
   * newer incarnation of the same adapter are not affected by that fence and stay where they are.
   * {@code next} is asked for once the peer is marked down, so that it never names that peer.
   */
  private void onBounce(Bounce m, Supplier<Route> next) {
    peers.update(m.server(), false, m.epoch());
    redrive(
        p ->
            p.target() instanceof Route.ViaPeer v
                && v.adapter().equals(m.adapter())
                && v.epoch() <= m.epoch(),
        next.get(),
        m.adapter(),
        m.epoch(),
        m.reason(),
        incarnationFence());
  }

  /** How a lost incarnation is fenced: everywhere, or only in the own memory without the disk. */
  private PendingCommand.Fence incarnationFence() {
    return diskCut ? PendingCommand.Fence.MEMORY : PendingCommand.Fence.INCARNATION;
  }

  /**
   * Tells every waiting command that {@code held} says the failed incarnation held to try {@code
   * next}, fencing it first.
   */
  private void redrive(
      Predicate<PendingCommand> held,
      Route next,
      String failedAdapter,
      long failedEpoch,
      String reason,
      PendingCommand.Fence fence) {
    // A re-drive that fences nothing starts the next attempt at once, and one with no path ends
    // the command: collect first, finish after.
    List<PendingCommand> done = new java.util.ArrayList<>();
    for (PendingCommand p : inFlight.values()) {
      if (held.test(p)) {
        p.redrive(next, failedAdapter, failedEpoch, reason, fence);
        if (p.finished()) done.add(p);
      }
    }
    done.forEach(this::finished);
  }

  private Route directRoute() {
    return new Route.Direct(adapterName, adapter, epoch);
  }

  private Behavior<Command> onCompleted(Adapter.Completed c) {
    if (c.memory().equals(w.memoryName())) {
      toPending(
          new ForCommand(new PendingCommand.NoticeArrived(c.grantId(), c.status(), adapterName)));
    } else {
      forwarded.completed(c);
    }
    return Behaviors.same();
  }

  // ---- supervision of the own adapter ----

  private Behavior<Command> onReport(Adapter.Report r) {
    if (r instanceof Adapter.Completed c) return onCompleted(c);
    if (r instanceof Adapter.HealthOk ok) {
      watchdog.answered(ok, epoch);
      return Behaviors.same();
    }
    if (r instanceof Adapter.Down d)
      return d.epoch() == epoch ? adapterLost(d.reason()) : Behaviors.same();
    return onReady(((Adapter.Ready) r).epoch());
  }

  /** The adapter is already given up, so a Down changes nothing; a Ready brings it back. */
  private Behavior<Command> onReportWhileLost(Adapter.Report r) {
    if (r instanceof Adapter.Completed c) return onCompleted(c);
    if (r instanceof Adapter.HealthOk ok) return onHealthOk(ok);
    if (r instanceof Adapter.Down) return Behaviors.same();
    return onReadyWhileLost(((Adapter.Ready) r).epoch());
  }

  /** A lost adapter that answers a probe after all is asked to come back as a new incarnation. */
  private Behavior<Command> onHealthOk(Adapter.HealthOk ok) {
    if (lostToDiskCut) return Behaviors.same();
    if (adapter != null && watchdog.revive(ok, epoch)) adapter.tell(new Adapter.Repair());
    return Behaviors.same();
  }

  /** Whether {@code m} is about the current adapter, which is then gone. */
  private boolean onStopped(AdapterStopped m) {
    if (!m.adapter().equals(adapter)) return false;
    adapter = null;
    epoch = Math.max(epoch, hardware.currentEpoch());
    return true;
  }

  /**
   * A working adapter became a new incarnation (a repair): peers hear of the new one first, so that
   * the bounces that follow never make them think no adapter works.
   */
  private Behavior<Command> onReady(long newEpoch) {
    if (newEpoch <= epoch) return Behaviors.same();
    long old = epoch;
    epoch = newEpoch;
    w.history()
        .record(
            w.history()
                .event(HistoryEvent.Kind.ADAPTER_DOWN)
                .node(w.name())
                .peer(adapterName)
                .epoch(old)
                .detail("reincarnated"));
    announceUp();
    release(old, "reincarnated", directRoute());
    return direct();
  }

  /** The lost adapter is back as a new incarnation: serve directly again. */
  private Behavior<Command> onReadyWhileLost(long newEpoch) {
    if (newEpoch <= epoch) return Behaviors.same();
    epoch = newEpoch;
    if (diskCut) {
      // Of no use while the disk cannot be reached: taken back once it can.
      lostToDiskCut = true;
      return Behaviors.same();
    }
    lostToDiskCut = false;
    announceUp();
    return direct();
  }

  /**
   * Every {@link #RESTATE_PERIODS} watchdog periods, tells the peers again how the own adapter is,
   * as array controllers repeat their status over the inter-controller link: a status lost on a cut
   * too short for anyone to notice would otherwise leave a peer's view of this adapter stale for
   * ever.
   */
  private void restateToPeers() {
    if (++ticks % ((long) RESTATE_PERIODS * ticksPerPeriod) == 0)
      peers.broadcast(new PeerStatus(w.name(), serving, epoch));
  }

  private static final int RESTATE_PERIODS = 8;

  /** Watchdog ticks so far, for {@link #restateToPeers}. */
  private long ticks;

  private void announceUp() {
    w.history()
        .record(
            w.history()
                .event(HistoryEvent.Kind.ADAPTER_UP)
                .node(w.name())
                .peer(adapterName)
                .epoch(epoch));
    peers.broadcast(new PeerStatus(w.name(), true, epoch));
  }

  /**
   * The own adapter's current incarnation is gone: tell the peers, fence and re-drive what it held,
   * serve without it.
   */
  private Behavior<Command> adapterLost(String reason) {
    watchdog.lost(reason);
    w.history()
        .record(
            w.history()
                .event(HistoryEvent.Kind.ADAPTER_DOWN)
                .node(w.name())
                .peer(adapterName)
                .epoch(epoch)
                .detail(reason));
    peers.broadcast(new PeerStatus(w.name(), false, epoch));
    release(epoch, reason, peers.nearestRoute());
    return withoutAdapter();
  }

  /**
   * Bounces the peers' commands that incarnation {@code lost} held and re-drives the own ones by
   * {@code next}.
   */
  private void release(long lost, String reason, Route next) {
    forwarded.bounceAll(lost, reason);
    redrive(
        p -> p.target() instanceof Route.Direct,
        next,
        adapterName,
        lost,
        adapterName + " " + reason,
        incarnationFence());
  }

  /**
   * Watchdog ticks per period. Under virtual time a timer fires at its very instant, and one tick a
   * period finds a hang within two: a check goes out at one tick and is judged at the next. In real
   * time a tick is handled late (the scheduler's resolution, load, a pause), and the next is set
   * from when this one was handled, so each tick's lateness would add to that bound; two ticks a
   * period find a hang within one and a half periods plus three ticks' lateness, which keeps to two
   * while a tick is late by up to a sixth of the period.
   */
  private final int ticksPerPeriod;

  /**
   * The next tick, due a tick's interval after {@code now}, the time this one is handled (so ticks
   * never pile up); {@code now} is also the time a check sent at this tick is sent, so that the
   * tick a whole period later judges it.
   */
  private void scheduleTick(long now) {
    // Rounded up: ticksPerPeriod intervals span at least a whole period, so the tick that far after
    // a check judges it.
    long period = w.settings().watchdog().toNanos();
    long interval = Math.max(1, (period + ticksPerPeriod - 1) / ticksPerPeriod);
    timers.startSingleTimer(
        WatchdogTick.class, new WatchdogTick(now + interval), Duration.ofNanos(interval));
  }

  private Behavior<Command> watchdogTick(WatchdogTick tick) {
    long now = w.history().now();
    scheduleTick(now);
    restateToPeers();
    if (watchdog.overdue(tick.dueAt())) return adapterLost("hang");
    Adapter.HealthCheck check = watchdog.nextCheck(now);
    if (check != null) w.fabric().send(w.name(), adapterName, adapter, check);
    return Behaviors.same();
  }

  /** After a hang, keep asking: an adapter that answers after all is given a new incarnation. */
  private Behavior<Command> probeLostAdapter(WatchdogTick tick) {
    scheduleTick(w.history().now());
    restateToPeers();
    Adapter.HealthCheck check = adapter == null ? null : watchdog.probe(epoch);
    if (check != null) w.fabric().send(w.name(), adapterName, adapter, check);
    return Behaviors.same();
  }

  private Behavior<Command> onInjectFault(InjectFault f) {
    if (adapter == null) {
      ctx.getLog()
          .info("{} is stopped; the {} fault changes nothing", adapterName, f.mode().wireName());
    } else {
      adapter.tell(new Adapter.InjectFault(f.mode(), f.durationNanos()));
    }
    return Behaviors.same();
  }

  /**
   * A crashed adapter is spawned anew; any other is told to become a new incarnation, even when
   * this server has not noticed anything wrong yet (a hang shorter than the watchdog).
   */
  private Behavior<Command> onRepair() {
    if (adapter == null) {
      spawnAdapter();
    } else {
      watchdog.askedToComeBack(epoch);
      adapter.tell(new Adapter.Repair());
    }
    return Behaviors.same();
  }
}
