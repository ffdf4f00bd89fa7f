package org.peerpath.subsystem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
  private Supplier<? extends DiskBackend> backends;

  SubsystemBuilder(SubsystemSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
  }

  SubsystemSettings settings() {
    return settings;
  }

  /**
   * The disk's blocks live in {@code backend} (see {@link DiskBackend} for its contract) instead of
   * the settings' in-memory or file backend. Its geometry must equal the settings'; the subsystem
   * closes it when it stops, so it serves one spawn: to spawn more than once (a StorageSystem under
   * restart supervision does), give a supplier.
   *
   * @throws IllegalArgumentException when its block size or block count differs from the settings'
   */
  public SubsystemBuilder diskBackend(DiskBackend backend) {
    requireGeometry(java.util.Objects.requireNonNull(backend, "backend"));
    boolean[] taken = {false};
    this.backends =
        () -> {
          synchronized (taken) {
            if (taken[0]) {
              throw new IllegalStateException(
                  "this disk backend was taken by an earlier spawn of this builder, which closes"
                      + " it when that subsystem stops or its spawn fails: give diskBackend a"
                      + " supplier of backends to spawn more than once");
            }
            taken[0] = true;
          }
          return backend;
        };
    return this;
  }

  /**
   * Each spawn takes a new backend from {@code backends}, checked against the settings' geometry as
   * it is taken; the subsystem closes it when it stops.
   */
  public SubsystemBuilder diskBackend(Supplier<? extends DiskBackend> backends) {
    this.backends = java.util.Objects.requireNonNull(backends, "backends");
    return this;
  }

  /** The backend for one spawn, or null for the settings' own. */
  private DiskBackend takeBackend() {
    if (backends == null) return null;
    DiskBackend b =
        java.util.Objects.requireNonNull(backends.get(), "the disk backend supplier gave null");
    try {
      requireGeometry(b);
    } catch (RuntimeException wrong) {
      try {
        b.close();
      } catch (java.io.IOException | RuntimeException ignored) {
        // The geometry is the error to report.
      }
      throw wrong;
    }
    return b;
  }

  private void requireGeometry(DiskBackend backend) {
    int blockSize;
    long blocks;
    try {
      blockSize = backend.blockSize();
      blocks = backend.blocks();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the disk backend cannot tell its geometry: " + e, e);
    }
    if (blockSize != settings.blockSize() || blocks != settings.blocks()) {
      throw new IllegalArgumentException(
          "the disk backend has "
              + blocks
              + " blocks of "
              + blockSize
              + " bytes, but the settings say "
              + settings.blocks()
              + " blocks of "
              + settings.blockSize()
              + " bytes");
    }
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
        this::takeBackend,
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
        this::takeBackend,
        // The parent's incarnation too (its uid): an actor spawned again at the same path is
        // another actor, whose children's names are its own, whenever the old one's PostStop runs.
        ctx.getSelf().path().toSerializationFormat() + "/",
        spawner,
        spawned,
        () -> spawned.forEach(ctx::stop));
  }
}
