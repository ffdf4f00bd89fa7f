package org.peerpath.subsystem;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.peerpath.disk.DiskBackend;

/**
 * What a subsystem is made of beyond its settings: the extension points that take code rather than
 * configuration. Then {@code spawn} it, under the system or under one's own actor.
 */
public final class SubsystemBuilder {
  private final SubsystemSettings settings;
  private DiskBackend backend;

  SubsystemBuilder(SubsystemSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
  }

  SubsystemSettings settings() {
    return settings;
  }

  /**
   * The disk's blocks live in {@code backend} (see {@link DiskBackend} for its contract) instead of
   * the settings' in-memory or file backend. Its geometry must equal the settings'; the subsystem
   * closes it when it stops.
   *
   * @throws IllegalArgumentException when its block size or block count differs from the settings'
   */
  public SubsystemBuilder diskBackend(DiskBackend backend) {
    java.util.Objects.requireNonNull(backend, "backend");
    if (backend.blockSize() != settings.blockSize() || backend.blocks() != settings.blocks()) {
      throw new IllegalArgumentException(
          "the disk backend has "
              + backend.blocks()
              + " blocks of "
              + backend.blockSize()
              + " bytes, but the settings say "
              + settings.blocks()
              + " blocks of "
              + settings.blockSize()
              + " bytes");
    }
    this.backend = backend;
    return this;
  }

  /**
   * Spawns the subsystem as system actors of {@code system} (under {@code /system}, since only a
   * guardian may spawn user actors), named after {@code settings.name()}.
   */
  public Subsystem spawn(ActorSystem<?> system) {
    List<ActorRef<?>> spawned = new ArrayList<>();
    var classic = Adapter.toClassic(system);
    Subsystem.Spawner spawner =
        new Subsystem.Spawner() {
          @Override
          public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
            ActorRef<T> ref = system.systemActorOf(behavior, name, Props.empty());
            spawned.add(ref);
            return ref;
          }
        };
    return new Subsystem(
        system,
        settings,
        backend,
        "",
        spawner,
        spawned,
        () -> spawned.forEach(r -> classic.stop(Adapter.toClassic(r))));
  }

  /** Spawns the subsystem as children of the caller's actor. */
  public Subsystem spawn(ActorContext<?> ctx) {
    List<ActorRef<?>> spawned = new ArrayList<>();
    Subsystem.Spawner spawner =
        new Subsystem.Spawner() {
          @Override
          public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
            ActorRef<T> ref = ctx.spawn(behavior, name);
            spawned.add(ref);
            return ref;
          }
        };
    // Children of different actors never share names: each parent keeps its own.
    return new Subsystem(
        ctx.getSystem(),
        settings,
        backend,
        // The parent's incarnation too (its uid): an actor spawned again at the same path is
        // another actor, whose children's names are its own, whenever the old one's PostStop runs.
        ctx.getSelf().path().toSerializationFormat() + "/",
        spawner,
        spawned,
        () -> spawned.forEach(ctx::stop));
  }
}
