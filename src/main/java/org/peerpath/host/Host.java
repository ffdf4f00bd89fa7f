package org.peerpath.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.annotation.InternalApi;
import org.peerpath.CborSerializable;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.coverage.Coverage;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.runtime.DueQueue;
import org.peerpath.server.Server;

/**
 * A host (118): sends every command to one of the servers, keeping both in use whatever their
 * adapters do (claims 3, 11: redundancy is kept), and hands each result to whoever asked. A command
 * that names its server goes there; otherwise its {@link HostPolicy} picks one. Either way the host
 * records the command's {@code submitted} and {@code reply} events, around whatever the policy
 * does.
 */
public final class Host extends AbstractBehavior<Host.Command> {

  /** Everything a host handles: the published {@link Send}, and the host's own messages. */
  public sealed interface Command extends CborSerializable {}

  // ---- Published protocol ----

  /**
   * Issue {@code command}; {@code server} may be null to let the policy choose. The one {@link
   * CommandResult} goes to {@code replyTo}.
   */
  public record Send(IoCommand command, String server, ActorRef<CommandResult> replyTo)
      implements Command {
    /** A command and someone to answer are required: refused here, not in the host. */
    public Send {
      java.util.Objects.requireNonNull(command, "command");
      java.util.Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  // ---- The host's own messages ----

  // ---- Internal protocol: what the host learns of its servers ----

  /**
   * What the subsystem tells a host about its servers: which it can reach, and a server's new
   * incarnation. Under virtual time the subsystem's control says it {@code unreachableAfter} a
   * crash or a cut; in a cluster, the cluster's failure detector and the Receptionist. Internal:
   * not for users, may change without notice.
   */
  @InternalApi
  public sealed interface InternalCommand extends Command {}

  /**
   * Server {@code server} cannot be reached: its unanswered commands go to a server that can.
   * Internal: not for users, may change without notice.
   */
  @InternalApi
  public record ServerUnreachable(String server) implements InternalCommand {}

  /**
   * Server {@code server} can be reached again. Internal: not for users, may change without notice.
   */
  @InternalApi
  public record ServerReachable(String server) implements InternalCommand {}

  /**
   * A new incarnation of a server runs at {@code peer}'s reference; the old one is gone, and so are
   * the commands it held. Internal: not for users, may change without notice.
   */
  @InternalApi
  public record ServerUp(Server.Peer peer) implements InternalCommand {}

  private sealed interface Internal extends Command {}

  private record Replied(CommandResult result) implements Internal {}

  /**
   * The most times a host sends one command, first sends and resends together, among {@code
   * servers} servers: each server twice. Past it the command ends TIMEOUT: no server answered.
   */
  public static int maxSends(int servers) {
    return 2 * Math.max(1, servers);
  }

  /**
   * The short wait of command {@code id}, answered BUSY at its {@code sent}-th send, is over (the
   * host's patience has a queue of its own).
   */
  private record Overdue(String id, int sent) implements Internal {}

  /** The patience with the send at the head of the host's patience queue may have run out. */
  private record PatienceDue() implements Internal {}

  /**
   * A send of command {@code id}, as the command was then (serial, sends, BUSY answers), so that
   * one answered or sent again since is told apart.
   */
  private record Waiting(String id, long serial, int sent, int busy) {}

  /**
   * A host that sends to {@code servers} (each a {@link Server.Peer}: name, index and reference).
   * Internal: only the subsystem's wiring spawns hosts; not for users, may change without notice.
   */
  @InternalApi
  public static Behavior<Command> create(
      String name, List<Server.Peer> servers, HostPolicy policy, Fabric fabric, History history) {
    return create(name, servers, policy, fabric, history, Duration.ZERO);
  }

  /**
   * A host as above that, when a server has not answered a command within {@code patience} (zero:
   * wait for ever), sends it to another server it can reach, as it does when it learns the server
   * is unreachable: a command or its answer lost on a cut too short to be noticed must not leave
   * the command unanswered. The patience is measured on {@code history}'s clock, which must move
   * with the system's scheduler (the model clock does, under virtual time and in real time).
   * Internal: only the subsystem's wiring spawns hosts.
   */
  @InternalApi
  public static Behavior<Command> create(
      String name,
      List<Server.Peer> servers,
      HostPolicy policy,
      Fabric fabric,
      History history,
      Duration patience) {
    return create(name, servers, policy, fabric, history, patience, 0);
  }

  /**
   * As above, numbering its commands from {@code serialBase} + 1: a host that runs again (a new
   * JVM) must not reuse the serials of the one before, or the disk would take its writes for the
   * old host's, already applied, and acknowledge them unwritten. Internal: only the wiring spawns
   * hosts.
   */
  @InternalApi
  public static Behavior<Command> create(
      String name,
      List<Server.Peer> servers,
      HostPolicy policy,
      Fabric fabric,
      History history,
      Duration patience,
      long serialBase) {
    if (serialBase < 0) throw new IllegalArgumentException("a serial base is 0 or more");
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  Host h = new Host(ctx, timers, name, servers, policy, fabric, history, patience);
                  h.serials = serialBase;
                  return Coverage.state(ctx, "host", Command.class, "serving", h);
                }));
  }

  private final String name;
  private final List<Server.Peer> servers;
  private final HostPolicy policy;
  private final Fabric fabric;
  private final History history;
  private final ActorRef<CommandResult> replies;
  private final Map<String, Outstanding> outstanding = new HashMap<>();
  private final int[] perServer;
  private final boolean[] unreachable;
  private final TimerScheduler<Command> timers;
  private final Duration patience;

  /**
   * Every send, in the order its patience runs out (the patience is the same for every send), with
   * one timer for the head.
   */
  private final DueQueue<Waiting> patienceQueue = new DueQueue<>(this::stillWaiting);

  /** Whether the timer for the head of {@link #patienceQueue} is set. */
  private boolean patienceArmed;

  /**
   * The servers that may still answer a finished command, by id, with how many answers each: those
   * it was resent away from, the one that answered if it was sent there twice, all that held it
   * when the host ended it itself. Such a late answer is no second reply. Only such commands are
   * here; each leaves when those answers come, or once {@link #MAX_GIVEN_UP} later ones are here (a
   * given-up server that died never answers).
   */
  private final Map<String, int[]> givenUp =
      new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
          return size() > MAX_GIVEN_UP;
        }
      };

  /** Far more resent commands than finish within one command's lifetime. */
  private static final int MAX_GIVEN_UP = 100_000;

  /** How many commands the policy has placed, so that it needs no state of its own. */
  private long chosen;

  /** The last serial given: every command the host sends has its own, kept on every resend. */
  private long serials;

  /**
   * A command in flight: at the server of index {@code server}, reference {@code at}, sent there
   * {@code sent} times in all (1 until the host resends it); {@code tried} the servers it was sent
   * to, {@code noPath} those that answered it NO_PATH, {@code unanswered} by server how many of its
   * sends there have had no answer yet (a server may hold two: the host resent the command away
   * from it and back).
   */
  private record Outstanding(
      ActorRef<CommandResult> client,
      IoCommand command,
      long serial,
      int server,
      ActorRef<Server.Command> at,
      int sent,
      java.util.BitSet tried,
      int busy,
      java.util.BitSet noPath,
      int[] unanswered) {

    /** This command sent once more, to the server of {@code index} at {@code ref}. */
    Outstanding sentTo(int index, ActorRef<Server.Command> ref) {
      tried.set(index);
      return new Outstanding(
          client, command, serial, index, ref, sent + 1, tried, busy, noPath, unanswered);
    }

    /** This command, answered BUSY once more. */
    Outstanding busyOnceMore() {
      return new Outstanding(
          client, command, serial, server, at, sent, tried, busy + 1, noPath, unanswered);
    }

    /** One of its sends to the server of {@code index} was answered. */
    void answeredBy(int index) {
      if (index >= 0 && unanswered[index] > 0) unanswered[index]--;
    }

    /** Its sends no server has answered yet, by server index; null if there are none. */
    int[] stillUnanswered() {
      return anyLeft(unanswered) ? unanswered.clone() : null;
    }
  }

  /** Whether some server is still counted in {@code answers}. */
  private static boolean anyLeft(int[] answers) {
    for (int n : answers) if (n > 0) return true;
    return false;
  }

  private Host(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      String name,
      List<Server.Peer> servers,
      HostPolicy policy,
      Fabric fabric,
      History history,
      Duration patience) {
    super(ctx);
    this.timers = timers;
    this.name = name;
    this.servers = new ArrayList<>(servers);
    this.policy = policy;
    this.fabric = fabric;
    this.history = history;
    this.patience = patience;
    this.replies = ctx.messageAdapter(CommandResult.class, Replied::new);
    this.perServer = new int[servers.size()];
    this.unreachable = new boolean[servers.size()];
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, this::onSend)
        .onMessage(Replied.class, this::onReplied)
        .onMessage(ServerUnreachable.class, this::onUnreachable)
        .onMessage(ServerReachable.class, this::onReachable)
        .onMessage(ServerUp.class, this::onServerUp)
        .onMessage(Overdue.class, this::onOverdue)
        .onMessage(PatienceDue.class, this::onPatienceDue)
        .build();
  }

  private Behavior<Command> onSend(Send s) {
    String id = s.command().id();
    String server;
    try {
      server = s.server() == null ? choose(s.command()) : s.server();
    } catch (RuntimeException e) {
      // A bug in a policy costs the command, not the host and every command after it.
      getContext().getLog().error("{}'s host policy failed on {}", name, id, e);
      return refuse(s, "the host policy failed: " + e);
    }
    int index = indexOf(server);
    if (index < 0 && s.server() == null)
      return refuse(s, "the host policy chose " + server + ", which is not one of the servers");
    if (index < 0) return refuse(s, "there is no server named " + server);
    if (outstanding.containsKey(id)) return refuse(s, "command " + id + " is already in flight");
    if (unreachable[index]) {
      // A server named by the command, or chosen before its loss was known, that this host cannot
      // reach: another one it can takes the command.
      int other = reachableOtherThan(s.command(), index);
      if (other >= 0) index = other;
    }
    Server.Peer target = servers.get(index);
    var tried = new java.util.BitSet(servers.size());
    tried.set(index);
    Outstanding o =
        new Outstanding(
            s.replyTo(),
            s.command(),
            ++serials,
            index,
            target.ref(),
            1,
            tried,
            0,
            new java.util.BitSet(),
            new int[servers.size()]);
    outstanding.put(id, o);
    perServer[index]++;
    if (history.recording()) {
      history.record(
          history
              .event(HistoryEvent.Kind.SUBMITTED)
              .id(id)
              .node(name)
              .peer(target.name())
              .detail(
                  s.command().op().wireName()
                      + " lba "
                      + s.command().lba()
                      + " blocks "
                      + s.command().blocks()));
    }
    if (unreachable[index]) {
      // Every server is out of this host's reach: no path, at once, as with no working adapter.
      answer(o, Status.NO_PATH, "no server can be reached (" + target.name() + " is unreachable)");
      return this;
    }
    send(o, target);
    return this;
  }

  private void send(Outstanding o, Server.Peer target) {
    o.unanswered()[o.server()]++;
    fabric.send(
        name,
        target.name(),
        target.ref(),
        new Server.Submit(name, o.command(), replies, o.serial()));
    if (!patience.isZero()) waitPatiently(o);
  }

  private void waitPatiently(Outstanding o) {
    long now = history.now();
    long at = org.peerpath.history.Durations.saturatingAdd(now, patience.toNanos());
    var waiting = new Waiting(o.command().id(), o.serial(), o.sent(), o.busy());
    patienceQueue.add(waiting, at, outstanding.size());
    if (!patienceArmed) armPatience(now);
  }

  private void armPatience(long now) {
    long in = patienceQueue.nextIn(now);
    if (in < 0) return;
    patienceArmed = true;
    timers.startSingleTimer(PatienceDue.class, new PatienceDue(), Duration.ofNanos(in));
  }

  /** Whether {@code p} is still the command's last send, unanswered and not answered BUSY. */
  private boolean stillWaiting(Waiting p) {
    Outstanding o = outstanding.get(p.id());
    return o != null && o.serial() == p.serial() && o.sent() == p.sent() && o.busy() == p.busy();
  }

  private Behavior<Command> onPatienceDue(PatienceDue m) {
    patienceArmed = false;
    long now = history.now();
    patienceQueue.takeDue(now, p -> overdue(outstanding.get(p.id())));
    armPatience(now);
    return this;
  }

  // ---- losing and finding servers ----

  private Behavior<Command> onUnreachable(ServerUnreachable m) {
    int index = indexOf(m.server());
    if (index < 0 || unreachable[index]) return this;
    unreachable[index] = true;
    history.record(history.event(HistoryEvent.Kind.UNREACHABLE).node(name).peer(m.server()));
    resendAll(index, null, m.server() + " is unreachable");
    return this;
  }

  private Behavior<Command> onReachable(ServerReachable m) {
    int index = indexOf(m.server());
    if (index < 0 || !unreachable[index]) return this;
    unreachable[index] = false;
    history.record(history.event(HistoryEvent.Kind.REACHABLE).node(name).peer(m.server()));
    return this;
  }

  /** A new incarnation: whatever the old one held is lost with it, and is sent again. */
  private Behavior<Command> onServerUp(ServerUp m) {
    int index = indexOf(m.peer().name());
    if (index < 0) return this;
    ActorRef<Server.Command> old = servers.get(index).ref();
    servers.set(index, m.peer());
    if (unreachable[index]) {
      unreachable[index] = false;
      history.record(history.event(HistoryEvent.Kind.REACHABLE).node(name).peer(m.peer().name()));
    }
    if (!old.equals(m.peer().ref())) resendAll(index, old, m.peer().name() + " restarted");
    return this;
  }

  /** The short wait after a BUSY answer is over: send it again, there or to another server. */
  private Behavior<Command> onOverdue(Overdue m) {
    Outstanding o = outstanding.get(m.id());
    if (o != null && o.sent() == m.sent()) resend(o, servers.get(o.server()).name() + BUSY);
    return this;
  }

  /**
   * The server holding {@code o} has not answered within the host's patience: it or its answer may
   * be lost. This counts against the most sends even for a command once answered BUSY (a send that
   * only waited out a full server does not).
   */
  private void overdue(Outstanding o) {
    String why =
        servers.get(o.server()).name()
            + " did not answer within "
            + org.peerpath.history.Durations.format(patience.toNanos());
    if (o.sent() - o.busy() >= maxSends(servers.size())) {
      answer(o, Status.TIMEOUT, "no answer after " + o.sent() + " sends (" + why + ")");
      return;
    }
    resend(o, why);
  }

  /** How a command that only ever met full servers after its resend ends TIMEOUT. */
  private static final String STILL_BUSY = "resent, and still BUSY after ";

  /**
   * Whether a TIMEOUT's {@code message} says the host gave the command up because every server it
   * was resent to stayed full: load, not a missing path (DESIGN.md §3: a command never admitted may
   * fail under load).
   */
  public static boolean endedForLoad(String message) {
    return message != null && message.startsWith(STILL_BUSY);
  }

  /** The end of a resend's reason when the server had been busy: load, not a loss. */
  private static final String BUSY = " was busy";

  /**
   * Whether a {@code retried} event's {@code detail} says the host resent the command because the
   * server holding it had been busy (load: DESIGN.md §3), rather than because the host lost it
   * (unreachable, restarted, silent past the host's patience, or without a path).
   */
  public static boolean resentForLoad(String detail) {
    return detail != null
        && detail.endsWith(BUSY)
        && detail.indexOf(' ') == detail.length() - BUSY.length();
  }

  /**
   * Sends again every command held by the server of {@code index} (by its incarnation {@code at},
   * or any when null).
   */
  private void resendAll(int index, ActorRef<Server.Command> at, String why) {
    List<Outstanding> held = new ArrayList<>();
    for (Outstanding o : outstanding.values()) {
      if (o.server() == index && (at == null || o.at().equals(at))) held.add(o);
    }
    // In the order the commands were first sent, so that a replay resends them the same way.
    held.sort(java.util.Comparator.comparingLong(Outstanding::serial));
    for (Outstanding o : held) resend(o, why);
  }

  /**
   * Sends {@code o} again, with the same id and serial, to a server this host can reach, another
   * than the one that held it if there is one; with none to reach, the command ends NO_PATH.
   */
  private void resend(Outstanding o, String why) {
    // To any other server it can reach, one that answered NO_PATH before too: it may have a path
    // again (its adapter repaired), and a NO_PATH answer sends the command on (onReplied).
    int next = reachableOtherThan(o.command(), o.server());
    if (next < 0 && !unreachable[o.server()]) next = o.server();
    if (next < 0) {
      answer(o, Status.NO_PATH, "no server can be reached (" + why + ")");
      return;
    }
    resendTo(o, next, why);
  }

  /** Sends {@code o} again, with the same id and serial, to the server of {@code next}. */
  private void resendTo(Outstanding o, int next, String why) {
    String id = o.command().id();
    perServer[o.server()]--;
    Server.Peer target = servers.get(next);
    Outstanding again = o.sentTo(next, target.ref());
    outstanding.put(id, again);
    perServer[next]++;
    history.record(
        history
            .event(HistoryEvent.Kind.RETRIED)
            .id(id)
            .node(name)
            .peer(target.name())
            .attempt(again.sent())
            .detail(why));
    send(again, target);
  }

  /**
   * How long a resent command that met a full server waits before it is sent again: a sixty-fourth
   * of the patience, and up to as much again by its serial, so that the commands of a lost server
   * do not all come back at one instant.
   */
  private Duration busyBackoff(long serial) {
    Duration unit = backoffUnit(patience);
    return unit.plus(unit.multipliedBy(serial % 8).dividedBy(8));
  }

  private static Duration backoffUnit(Duration patience) {
    return patience.isZero() ? Duration.ofMillis(1) : patience.dividedBy(64);
  }

  /**
   * The longest a resent command waits after a BUSY answer before it is sent again, for a host of
   * {@code patience}. Internal: for the settings' command lifetime; may change without notice.
   */
  @InternalApi
  public static Duration longestBusyBackoff(Duration patience) {
    Duration unit = backoffUnit(patience);
    return unit.plus(unit.multipliedBy(7).dividedBy(8));
  }

  /**
   * The most BUSY answers a resent command waits out, each with a {@link #longestBusyBackoff}:
   * about its patience, sixty-four times. They do not count against {@link #maxSends}.
   */
  public static int maxBusy() {
    return 64;
  }

  /**
   * Ends {@code o} here, with no server's answer. Every send not answered yet may still be (a
   * server cut off may be reached again): those answers come late, and are no second reply.
   */
  private void answer(Outstanding o, Status status, String message) {
    String id = o.command().id();
    outstanding.remove(id);
    timers.cancel(id);
    int[] late = o.stillUnanswered();
    if (late != null) givenUp.put(id, late);
    perServer[o.server()]--;
    CommandResult r = CommandResult.refused(id, null, status, message, o.sent());
    history.record(
        history
            .event(HistoryEvent.Kind.REPLY)
            .id(id)
            .node(name)
            .status(r.status())
            .attempt(r.attempts())
            .detail(r.message()));
    o.client().tell(r);
  }

  /**
   * A server this host can reach, other than {@code not}, for {@code command}: the policy's choice
   * among them. -1 if there is none.
   */
  private int reachableOtherThan(IoCommand command, int not) {
    List<HostPolicy.ServerLoad> loads = new ArrayList<>(servers.size());
    for (int i = 0; i < servers.size(); i++) {
      if (i != not && !unreachable[i])
        loads.add(new HostPolicy.ServerLoad(servers.get(i).name(), perServer[i]));
    }
    if (loads.isEmpty()) return -1;
    String chosenName;
    try {
      chosenName = policy.choose(command, Collections.unmodifiableList(loads), chosen++);
    } catch (RuntimeException e) {
      getContext().getLog().error("{}'s host policy failed on {}", name, command.id(), e);
      chosenName = loads.get(0).name();
    }
    int i = indexOf(chosenName);
    return i >= 0 && i != not && !unreachable[i] ? i : indexOf(loads.get(0).name());
  }

  private Behavior<Command> onReplied(Replied r) {
    CommandResult result = r.result();
    Outstanding o = outstanding.get(result.id());
    int from = indexOf(result.server());
    if (o != null) o.answeredBy(from);
    if (o != null && result.server() != null && from != o.server()) {
      // The answer of a server the host gave the command up on: the one it resent to answers.
      getContext()
          .getLog()
          .debug("{} ignores {}'s late answer for {}", name, result.server(), result.id());
      return this;
    }
    if (o != null && result.status() == Status.BUSY && o.sent() > 1) {
      // BUSY means "nothing done" only of that server: a server this host gave the command up on
      // may have done it. So a resent command is not answered BUSY: it is sent again shortly. A
      // full server is no lost one: these sends do not count against the most sends, and the
      // command waits its turn, spread by its serial, up to maxBusy() times.
      if (o.busy() >= maxBusy()) {
        answer(o, Status.TIMEOUT, STILL_BUSY + o.busy() + " tries");
      } else {
        outstanding.put(result.id(), o.busyOnceMore());
        timers.startSingleTimer(
            result.id(), new Overdue(result.id(), o.sent()), busyBackoff(o.serial()));
      }
      return this;
    }
    if (o != null && result.status() == Status.NO_PATH) {
      // That server reaches the disk by no adapter it knows of; one it cannot reach may, and so
      // may another server this host can reach that has not answered NO_PATH: one not asked yet
      // first, else one asked before that was busy or whose answer was lost.
      o.noPath().set(o.server());
      int next = firstReachableNotIn(o.tried());
      if (next < 0) next = firstReachableNotIn(o.noPath());
      if (next >= 0) {
        resendTo(o, next, result.server() + " answered NO_PATH: " + result.message());
        return this;
      }
    }
    if (o == null && result.server() != null && lateFromGivenUp(result, from)) return this;
    if (o != null) {
      outstanding.remove(result.id());
      timers.cancel(result.id());
      // The servers it was resent away from, and this one if it was sent here twice, may answer
      // still: late answers, no second reply.
      int[] late = o.stillUnanswered();
      if (late != null) givenUp.put(result.id(), late);
    }
    var event =
        history
            .event(HistoryEvent.Kind.REPLY)
            .id(result.id())
            .node(name)
            .peer(result.server())
            .status(result.status())
            .attempt(result.attempts());
    if (result.path() != null) event.path(result.path()).servedBy(result.servedBy());
    if (result.order() != null) event.order(result.order());
    if (!result.isGood()) event.detail(result.message());
    if (o == null) {
      // Recorded so that a checker sees it; the client had its answer already.
      getContext().getLog().warn("{} got a second or unexpected reply for {}", name, result.id());
      history.record(event.detail("unexpected: no such command in flight"));
      return this;
    }
    perServer[o.server()]--;
    history.record(event);
    o.client().tell(result);
    return this;
  }

  /** The policy's choice among the servers this host can reach (all of them, if none). */
  private String choose(IoCommand command) {
    List<HostPolicy.ServerLoad> loads = new ArrayList<>(servers.size());
    for (int i = 0; i < servers.size(); i++) {
      if (!unreachable[i])
        loads.add(new HostPolicy.ServerLoad(servers.get(i).name(), perServer[i]));
    }
    if (loads.isEmpty()) {
      for (int i = 0; i < servers.size(); i++)
        loads.add(new HostPolicy.ServerLoad(servers.get(i).name(), perServer[i]));
    }
    return policy.choose(command, Collections.unmodifiableList(loads), chosen++);
  }

  /**
   * Whether {@code result}, from the server of {@code index}, is a late answer of its finished
   * command: a send that server had not answered when the command ended.
   */
  private boolean lateFromGivenUp(CommandResult result, int index) {
    int[] away = givenUp.get(result.id());
    if (away == null || index < 0 || away[index] == 0) return false;
    away[index]--;
    if (!anyLeft(away)) givenUp.remove(result.id());
    getContext()
        .getLog()
        .debug("{} ignores {}'s late answer for {}", name, result.server(), result.id());
    return true;
  }

  /** The first server this host can reach that is not in {@code excluded}, or -1. */
  private int firstReachableNotIn(java.util.BitSet excluded) {
    for (int i = 0; i < servers.size(); i++) if (!unreachable[i] && !excluded.get(i)) return i;
    return -1;
  }

  private String name(int index) {
    return servers.get(index).name();
  }

  /** Answers at once: the command went to no server. */
  private Behavior<Command> refuse(Send s, String why) {
    String id = s.command().id();
    s.replyTo().tell(CommandResult.refused(id, s.server(), Status.BAD_REQUEST, why, 0));
    return this;
  }

  private int indexOf(String server) {
    for (int i = 0; i < servers.size(); i++) if (servers.get(i).name().equals(server)) return i;
    return -1;
  }
}
