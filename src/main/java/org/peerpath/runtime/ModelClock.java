package org.peerpath.runtime;

import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The only clock model code may read: nanoseconds since the run's time origin.
 *
 * <p>Under virtual time (a system made by {@link VirtualTime#create}) this is the driver's clock,
 * which starts at 0 when the system is created and moves only when the driver fires a timer, so two
 * runs with the same inputs read the same values. For any other actor system it is a real-time
 * clock: {@code System.nanoTime()} relative to the system's start (aligned to {@code
 * ActorSystem.startTime()}, which Pekko records in milliseconds, so the origin is exact only to
 * about a millisecond, but readings are monotonic and shared by all callers of that system).
 *
 * <p>Actor code calls {@code ModelClock.of(context.getSystem())} once in its setup and keeps the
 * result; the returned clock is cheap to read and safe to share between actors of one system.
 */
public interface ModelClock {

  /** Nanoseconds since the run's time origin; never decreases. */
  long nanos();

  /**
   * The clock of the given system: virtual if it runs under virtual time, real otherwise.
   *
   * @throws IllegalStateException for a virtual-time system that has already been closed
   */
  static ModelClock of(ActorSystem<?> system) {
    return VirtualWorlds.find(system.settings().config())
        .<ModelClock>map(VirtualWorld::clock)
        .orElseGet(() -> RealTimeClock.of(system));
  }
}
