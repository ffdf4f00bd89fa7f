package org.peerpath.runtime;

/**
 * Everything one virtual-time actor system shares with the runtime: its run queue, its clock, its
 * scheduler and the {@link VirtualTimeSystem} that drives it.
 *
 * <p>Pekko creates the scheduler and the executors reflectively from config, so they cannot be
 * handed these objects directly; they find this record through {@link VirtualWorlds} by the id
 * written into the system's config.
 */
final class VirtualWorld {

  private final String id;
  private final RunQueue queue = new RunQueue();
  private final VirtualClock clock = new VirtualClock();
  private volatile VirtualTimeScheduler scheduler;
  private volatile VirtualTimeSystem<?> owner;

  VirtualWorld(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  RunQueue queue() {
    return queue;
  }

  VirtualClock clock() {
    return clock;
  }

  VirtualTimeScheduler scheduler() {
    VirtualTimeScheduler s = scheduler;
    if (s == null) {
      throw new IllegalStateException("virtual-time system " + id + " has no scheduler yet");
    }
    return s;
  }

  void attach(VirtualTimeScheduler s) {
    if (scheduler != null) {
      throw new IllegalStateException(
          "virtual-time id " + id + " is already used by another actor system");
    }
    scheduler = s;
  }

  VirtualTimeSystem<?> owner() {
    VirtualTimeSystem<?> o = owner;
    if (o == null) {
      throw new IllegalStateException("virtual-time system " + id + " is still starting");
    }
    return o;
  }

  void attach(VirtualTimeSystem<?> o) {
    owner = o;
  }
}
