package org.peerpath.subsystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.annotation.InternalApi;
import org.peerpath.CborSerializable;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Elements;
import org.peerpath.fabric.Network;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.server.Server;

/**
 * The operator's console: injects adapter faults, orders repairs and adds history subscribers. A
 * fault goes to the adapter through its server, which passes it on without looking: the server must
 * still find out about the failure the way it would about a real one.
 *
 * <p>It also runs trace-v1's whole-server faults: it crashes and restarts servers' nodes and cuts
 * and heals the paths between nodes, and, as a cluster's failure detector and Receptionist would,
 * tells each host and server which nodes it cannot reach ({@code unreachable-after} after a node
 * died or was cut off from it, if that still holds then), which it can reach again (at once), and
 * where a restarted server's new incarnation runs.
 */
public final class Control {

  /**
   * The control's protocol, all of it published: the same as {@link Subsystem#fail}, {@link
   * Subsystem#repair} and {@link Subsystem#subscribe}, as messages to {@link Subsystem#control}. A
   * fault or repair of an adapter the subsystem does not have changes nothing.
   */
  public sealed interface Command extends CborSerializable {}

  /**
   * Fails {@code adapter} as {@code mode} says.
   *
   * @param durationNanos how long a reset lasts (0 for a crash or a hang): 0..{@link
   *     SubsystemSettings#MAX_DURATION_NANOS}
   */
  public record Fail(String adapter, FaultMode mode, long durationNanos) implements Command {
    public Fail {
      if (durationNanos < 0 || durationNanos > SubsystemSettings.MAX_DURATION_NANOS) {
        throw new IllegalArgumentException(
            "a fault's duration must be 0.."
                + SubsystemSettings.longest()
                + ", not "
                + (durationNanos == Long.MAX_VALUE ? "292 years or more" : durationNanos + " ns"));
      }
    }
  }

  /** Repairs {@code adapter}: a new incarnation, used again at once. */
  public record Repair(String adapter) implements Command {}

  /** Crashes server {@code server}'s whole node: the server, its adapter and its memory. */
  public record CrashServer(String server) implements Command {}

  /** Starts a new incarnation of server {@code server}'s node, if it is down. */
  public record RestartServer(String server) implements Command {}

  /** Cuts every path between the nodes of elements {@code a} and {@code b}, both ways. */
  public record Partition(String a, String b) implements Command {}

  /** Heals one cut between the nodes of {@code a} and {@code b}; none holding, nothing changes. */
  public record Heal(String a, String b) implements Command {}

  /** Every event from now on also goes to {@code subscriber}. */
  public record Subscribe(ActorRef<org.peerpath.history.HistoryEvent> subscriber)
      implements Command {}

  private sealed interface Internal extends Command {}

  /** Incarnation {@code incarnation} (0 for the first) of a server's node, as it was spawned. */
  record Incarnation(
      String server,
      ActorRef<Server.Command> serverRef,
      String memory,
      ActorRef<MemoryRegion.Command> memoryRef,
      long incarnation,
      long epoch) {}

  /** Spawns a new incarnation of a server's node, as children of the control. */
  @FunctionalInterface
  interface Incarnations {
    Incarnation spawn(ActorContext<?> ctx, String server, long incarnation);
  }

  /** Time to see whether {@code observer} still cannot reach {@code node}. */
  private record Detect(String observer, String node) implements Internal {}

  /**
   * What the control needs of the subsystem's wiring. Internal: only the subsystem spawns the
   * control.
   *
   * @param first each server's first incarnation, in order
   * @param hosts the hosts by name
   * @param incarnations spawns the later incarnations
   * @param onStarted told of every later incarnation of a server's node
   */
  @InternalApi
  record Wiring(
      List<Incarnation> first,
      Map<String, ActorRef<org.peerpath.host.Host.Command>> hosts,
      Incarnations incarnations,
      java.util.function.Consumer<Incarnation> onStarted,
      Network network,
      Duration unreachableAfter,
      History history) {}

  /**
   * The control of a subsystem's elements. Internal: only the subsystem's wiring spawns the
   * control; not for users, may change without notice.
   */
  @InternalApi
  static Behavior<Command> create(Wiring wiring) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(timers -> new Control(ctx, timers, wiring).behavior()));
  }

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Wiring w;
  private final History history;

  /** The current incarnation of every server, in order. */
  private final Map<String, Server.Peer> peers = new LinkedHashMap<>();

  /** The current incarnation of every server's node. */
  private final Map<String, Incarnation> nodes = new LinkedHashMap<>();

  /** The (observer, node) pairs whose observer has been told it cannot reach the node. */
  private final Set<String> told = new HashSet<>();

  private Control(ActorContext<Command> ctx, TimerScheduler<Command> timers, Wiring wiring) {
    this.ctx = ctx;
    this.timers = timers;
    this.w = wiring;
    this.history = wiring.history();
    int i = 1;
    for (Incarnation first : wiring.first()) {
      peers.put(first.server(), new Server.Peer(first.server(), i++, first.serverRef()));
      nodes.put(first.server(), first);
    }
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Fail.class, this::onFail)
        .onMessage(Repair.class, this::onRepair)
        .onMessage(CrashServer.class, this::onCrash)
        .onMessage(RestartServer.class, this::onRestart)
        .onMessage(Partition.class, this::onPartition)
        .onMessage(Heal.class, this::onHeal)
        .onMessage(Detect.class, this::onDetect)
        .onMessage(
            Subscribe.class,
            s -> {
              history.subscribe(s.subscriber());
              return Behaviors.same();
            })
        .build();
  }

  private Behavior<Command> onFail(Fail f) {
    ActorRef<Server.Command> server = serverOfAdapter(f.adapter());
    if (server != null) {
      String how =
          f.mode() == FaultMode.RESET
              ? "reset " + org.peerpath.history.Durations.format(f.durationNanos())
              : f.mode().wireName();
      history.record(history.event(Kind.FAULT).node(f.adapter()).detail(how));
      server.tell(new Server.InjectFault(f.mode(), f.durationNanos()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onRepair(Repair r) {
    ActorRef<Server.Command> server = serverOfAdapter(r.adapter());
    if (server != null) {
      history.record(history.event(Kind.REPAIR).node(r.adapter()));
      server.tell(new Server.RepairAdapter());
    }
    return Behaviors.same();
  }

  /** The current incarnation of the server of {@code adapter}; null if none (or it is down). */
  private ActorRef<Server.Command> serverOfAdapter(String adapter) {
    String server = Elements.nodeOf(adapter);
    Server.Peer p = adapter.equals(server) ? null : peers.get(server);
    return p == null || w.network().isDown(server) ? null : p.ref();
  }

  // ---- whole-server faults ----

  private Behavior<Command> onCrash(CrashServer c) {
    Incarnation node = nodes.get(c.server());
    if (node == null || w.network().isDown(c.server())) return Behaviors.same();
    // Lost at once: nothing they send from now on leaves, nothing sent to them arrives.
    w.network().crash(c.server());
    history.record(history.event(Kind.SERVER_DOWN).node(c.server()).detail("crash"));
    node.serverRef().tell(new Server.Halt());
    node.memoryRef().tell(new MemoryRegion.Halt());
    // What it was told dies with it: its new incarnation starts knowing nothing.
    told.removeIf(pair -> pair.startsWith(c.server() + "|"));
    reconsider();
    return Behaviors.same();
  }

  /**
   * A new incarnation of a dead node: it learns its peers, and its peers and the hosts learn it, as
   * the Receptionist would tell them in a cluster.
   */
  private Behavior<Command> onRestart(RestartServer r) {
    Incarnation dead = nodes.get(r.server());
    if (dead == null || !w.network().isDown(r.server())) return Behaviors.same();
    Incarnation s = w.incarnations().spawn(ctx, r.server(), dead.incarnation() + 1);
    nodes.put(r.server(), s);
    w.onStarted().accept(s);
    w.network().restart(s.server());
    Server.Peer old = peers.get(s.server());
    Server.Peer peer = new Server.Peer(s.server(), old.index(), s.serverRef());
    peers.put(s.server(), peer);
    history.record(
        history
            .event(Kind.SERVER_UP)
            .node(s.server())
            .epoch(s.epoch())
            .detail("incarnation " + (s.incarnation() + 1)));
    s.serverRef().tell(new Server.Introduce(List.copyOf(peers.values())));
    for (Server.Peer other : peers.values()) {
      if (!other.name().equals(s.server()) && !w.network().isDown(other.name()))
        other.ref().tell(new Server.PeerUp(peer, s.epoch()));
    }
    for (var host : w.hosts().values()) host.tell(new org.peerpath.host.Host.ServerUp(peer));
    // Everyone now takes it for reachable: whoever is cut off from it learns so again, a whole
    // unreachable-after from now (a detector that ran down from the crash is started afresh).
    told.removeIf(pair -> pair.endsWith("|" + s.server()));
    for (String observer : observers()) timers.cancel(observer + "|" + s.server());
    reconsider();
    return Behaviors.same();
  }

  private Behavior<Command> onPartition(Partition p) {
    w.network().cut(p.a(), p.b());
    history.record(
        history.event(Kind.PARTITIONED).node(Elements.nodeOf(p.a())).peer(Elements.nodeOf(p.b())));
    reconsider();
    return Behaviors.same();
  }

  private Behavior<Command> onHeal(Heal h) {
    if (w.network().heal(h.a(), h.b())) {
      history.record(
          history.event(Kind.HEALED).node(Elements.nodeOf(h.a())).peer(Elements.nodeOf(h.b())));
      reconsider();
    }
    return Behaviors.same();
  }

  // ---- the failure detector ----

  /**
   * After any change: an observer that can no longer reach a node it depends on learns it {@code
   * unreachable-after} later, if that still holds; one told so that can reach it again learns that
   * at once, and one not told yet forgets the count down.
   */
  private void reconsider() {
    for (String observer : observers()) {
      for (String node : watchedBy(observer)) {
        String pair = observer + "|" + node;
        boolean cannot = cannotReach(observer, node);
        if (cannot && !told.contains(pair) && !timers.isTimerActive(pair)) {
          timers.startSingleTimer(pair, new Detect(observer, node), w.unreachableAfter());
        } else if (!cannot) {
          // Over before its verdict: a later cut or crash starts the detector afresh, not from
          // this one's start.
          timers.cancel(pair);
          if (told.remove(pair)) tell(observer, node, false);
        }
      }
    }
  }

  private Behavior<Command> onDetect(Detect d) {
    String pair = d.observer() + "|" + d.node();
    if (!told.contains(pair) && cannotReach(d.observer(), d.node())) {
      told.add(pair);
      tell(d.observer(), d.node(), true);
    }
    return Behaviors.same();
  }

  private boolean cannotReach(String observer, String node) {
    return !w.network().isDown(observer)
        && (w.network().isDown(node) || w.network().isCut(observer, node));
  }

  /** Hosts, then servers: who depends on other nodes. */
  private List<String> observers() {
    List<String> all = new ArrayList<>(w.hosts().keySet());
    all.addAll(peers.keySet());
    return all;
  }

  /** The nodes {@code observer} depends on: a host its servers, a server its peers and the disk. */
  private List<String> watchedBy(String observer) {
    List<String> nodes = new ArrayList<>();
    for (String server : peers.keySet()) if (!server.equals(observer)) nodes.add(server);
    if (peers.containsKey(observer)) nodes.add(Elements.DISK);
    return nodes;
  }

  private void tell(String observer, String node, boolean unreachable) {
    var host = w.hosts().get(observer);
    if (host != null) {
      host.tell(
          unreachable
              ? new org.peerpath.host.Host.ServerUnreachable(node)
              : new org.peerpath.host.Host.ServerReachable(node));
      return;
    }
    Server.Peer server = peers.get(observer);
    server
        .ref()
        .tell(unreachable ? new Server.NodeUnreachable(node) : new Server.NodeReachable(node));
  }
}
