package org.peerpath.host;

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
import org.apache.pekko.annotation.InternalApi;
import org.peerpath.CborSerializable;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
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

  private sealed interface Internal extends Command {}

  private record Replied(CommandResult result) implements Internal {}

  /**
   * A host that sends to {@code servers} (each a {@link Server.Peer}: name, index and reference).
   * Internal: only the subsystem's wiring spawns hosts; not for users, may change without notice.
   */
  @InternalApi
  public static Behavior<Command> create(
      String name, List<Server.Peer> servers, HostPolicy policy, Fabric fabric, History history) {
    return Behaviors.setup(ctx -> new Host(ctx, name, servers, policy, fabric, history));
  }

  private final String name;
  private final List<Server.Peer> servers;
  private final HostPolicy policy;
  private final Fabric fabric;
  private final History history;
  private final ActorRef<CommandResult> replies;
  private final Map<String, Outstanding> outstanding = new HashMap<>();
  private final int[] perServer;

  /** How many commands the policy has placed, so that it needs no state of its own. */
  private long chosen;

  private record Outstanding(ActorRef<CommandResult> client, int server) {}

  private Host(
      ActorContext<Command> ctx,
      String name,
      List<Server.Peer> servers,
      HostPolicy policy,
      Fabric fabric,
      History history) {
    super(ctx);
    this.name = name;
    this.servers = new ArrayList<>(servers);
    this.policy = policy;
    this.fabric = fabric;
    this.history = history;
    this.replies = ctx.messageAdapter(CommandResult.class, Replied::new);
    this.perServer = new int[servers.size()];
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, this::onSend)
        .onMessage(Replied.class, this::onReplied)
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
    Server.Peer target = servers.get(index);
    outstanding.put(id, new Outstanding(s.replyTo(), index));
    perServer[index]++;
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
    fabric.send(name, target.name(), target.ref(), new Server.Submit(name, s.command(), replies));
    return this;
  }

  private Behavior<Command> onReplied(Replied r) {
    CommandResult result = r.result();
    Outstanding o = outstanding.remove(result.id());
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

  private String choose(IoCommand command) {
    List<HostPolicy.ServerLoad> loads = new ArrayList<>(servers.size());
    for (int i = 0; i < servers.size(); i++)
      loads.add(new HostPolicy.ServerLoad(servers.get(i).name(), perServer[i]));
    return policy.choose(command, Collections.unmodifiableList(loads), chosen++);
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
