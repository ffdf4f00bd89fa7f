package org.peerpath.runtime;

import com.typesafe.config.Config;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Static registry linking a virtual-time system's config id to its {@link VirtualWorld}.
 *
 * <p>Several virtual-time systems may live in one JVM (each driven by its own thread), so the link
 * cannot be a single global; the id is unique per JVM and the entry is removed when the system is
 * closed.
 */
final class VirtualWorlds {

  /** Config path holding the id; its presence marks a system as running under virtual time. */
  static final String ID_KEY = "peerpath.virtual-time.id";

  private static final ConcurrentHashMap<String, VirtualWorld> WORLDS = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT = new AtomicLong();

  private VirtualWorlds() {}

  static VirtualWorld open(String systemName) {
    VirtualWorld world = new VirtualWorld(systemName + "-" + NEXT.incrementAndGet());
    WORLDS.put(world.id(), world);
    return world;
  }

  static void remove(VirtualWorld world) {
    WORLDS.remove(world.id(), world);
  }

  /**
   * The world of a virtual-time system's config; empty for a system not under virtual time.
   *
   * @throws IllegalStateException if the config is marked virtual but the system was closed
   */
  static Optional<VirtualWorld> find(Config config) {
    if (!config.hasPath(ID_KEY)) {
      return Optional.empty();
    }
    String id = config.getString(ID_KEY);
    VirtualWorld world = WORLDS.get(id);
    if (world == null) {
      throw new IllegalStateException("virtual-time system " + id + " is closed");
    }
    return Optional.of(world);
  }

  static VirtualWorld require(Config config) {
    return find(config)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no "
                        + ID_KEY
                        + " in config: virtual-time components must be installed by VirtualTime.create"));
  }
}
