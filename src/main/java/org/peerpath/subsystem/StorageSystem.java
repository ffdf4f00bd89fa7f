package org.peerpath.subsystem;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;

/**
 * The whole data storage system (the patent's figure 1: hosts, two or more servers with their
 * adapters and memories, the disk) as one actor with a published protocol, for a prototype that
 * wires its parts by spawning behaviours: {@code ctx.spawn(StorageSystem.create(settings),
 * "storage")}. Its elements are its children, so stopping it stops them all, closes the disk and
 * frees its name; under restart supervision it spawns its elements again (give the builder a
 * supplier of disk backends, since each spawn closes its own). The {@link Subsystem} handle offers
 * the same through method calls and hands out the elements' references.
 *
 * <p>Requests that name something the system does not have are answered, never thrown: a command to
 * an unknown server or host comes back {@code BAD_REQUEST}, and a fault or repair of an unknown
 * adapter, or a fault lasting longer than {@link SubsystemSettings#MAX_DURATION_NANOS}, is logged
 * as a warning and changes nothing.
 */
public final class StorageSystem {

  /** What the storage system is asked to do. */
  public sealed interface Command {}

  /**
   * {@code host} (null: host-1) sends {@code command} to {@code server} (null: the host's policy
   * chooses); the result goes to {@code replyTo}.
   */
  public record Submit(
      String host, IoCommand command, String server, ActorRef<CommandResult> replyTo)
      implements Command {
    /** A command and someone to answer are required: refused here, not in the storage system. */
    public Submit {
      java.util.Objects.requireNonNull(command, "command");
      java.util.Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Fails {@code adapter}; {@code duration} matters only for a reset (how long it takes). */
  public record Fail(String adapter, FaultMode mode, Duration duration) implements Command {}

  /** Repairs {@code adapter}: a new incarnation, used again at once. */
  public record Repair(String adapter) implements Command {}

  /** Every event from now on also goes to {@code subscriber}. */
  public record Subscribe(ActorRef<HistoryEvent> subscriber) implements Command {}

  /** {@code subscriber} gets no more events. */
  public record Unsubscribe(ActorRef<HistoryEvent> subscriber) implements Command {}

  private StorageSystem() {}

  /** A storage system of {@code settings}, with the built-in disk backend. */
  public static Behavior<Command> create(SubsystemSettings settings) {
    return create(Subsystem.builder(settings));
  }

  /** A storage system of the builder's making (a disk backend of one's own, say). */
  public static Behavior<Command> create(SubsystemBuilder builder) {
    return Behaviors.setup(ctx -> running(ctx, builder.spawn(ctx)));
  }

  private static Behavior<Command> running(ActorContext<Command> ctx, Subsystem subsystem) {
    return Behaviors.receive(Command.class)
        .onMessage(Submit.class, s -> onSubmit(subsystem, s))
        .onMessage(
            Fail.class,
            f -> refusedOrDone(ctx, () -> subsystem.fail(f.adapter(), f.mode(), f.duration())))
        .onMessage(Repair.class, r -> refusedOrDone(ctx, () -> subsystem.repair(r.adapter())))
        .onMessage(
            Subscribe.class,
            s -> {
              subsystem.subscribe(s.subscriber());
              return Behaviors.same();
            })
        .onMessage(
            Unsubscribe.class,
            u -> {
              subsystem.unsubscribe(u.subscriber());
              return Behaviors.same();
            })
        .build();
  }

  private static Behavior<Command> onSubmit(Subsystem subsystem, Submit s) {
    String host = s.host() != null ? s.host() : subsystem.settings().hostName(1);
    try {
      subsystem.submit(host, s.command(), s.server(), s.replyTo());
    } catch (IllegalArgumentException unknown) {
      s.replyTo()
          .tell(
              CommandResult.refused(
                  s.command().id(), s.server(), Status.BAD_REQUEST, unknown.getMessage(), 0));
    }
    return Behaviors.same();
  }

  private static Behavior<Command> refusedOrDone(ActorContext<Command> ctx, Runnable request) {
    try {
      request.run();
    } catch (IllegalArgumentException refused) {
      ctx.getLog().warn("storage system: {}", refused.getMessage());
    }
    return Behaviors.same();
  }
}
