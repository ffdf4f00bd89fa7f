package org.peerpath.subsystem;

import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.annotation.InternalApi;
import org.peerpath.CborSerializable;
import org.peerpath.adapter.FaultMode;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.server.Server;

/**
 * The operator's console: injects adapter faults, orders repairs and adds history subscribers. A
 * fault goes to the adapter through its server, which passes it on without looking: the server must
 * still find out about the failure the way it would about a real one.
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

  /** Every event from now on also goes to {@code subscriber}. */
  public record Subscribe(ActorRef<org.peerpath.history.HistoryEvent> subscriber)
      implements Command {}

  /**
   * The control of the servers in {@code serversByAdapter}. Internal: only the subsystem's wiring
   * spawns the control; not for users, may change without notice.
   *
   * @param serversByAdapter adapter-i to server-i's reference
   */
  @InternalApi
  public static Behavior<Command> create(
      Map<String, ActorRef<Server.Command>> serversByAdapter, History history) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Fail.class,
            f -> {
              ActorRef<Server.Command> server = serversByAdapter.get(f.adapter());
              if (server != null) {
                String how =
                    f.mode() == FaultMode.RESET
                        ? "reset " + org.peerpath.history.Durations.format(f.durationNanos())
                        : f.mode().wireName();
                history.record(history.event(Kind.FAULT).node(f.adapter()).detail(how));
                server.tell(new Server.InjectFault(f.mode(), f.durationNanos()));
              }
              return Behaviors.same();
            })
        .onMessage(
            Repair.class,
            r -> {
              ActorRef<Server.Command> server = serversByAdapter.get(r.adapter());
              if (server != null) {
                history.record(history.event(Kind.REPAIR).node(r.adapter()));
                server.tell(new Server.RepairAdapter());
              }
              return Behaviors.same();
            })
        .onMessage(
            Subscribe.class,
            s -> {
              history.subscribe(s.subscriber());
              return Behaviors.same();
            })
        .build();
  }
}
