package org.peerpath.runtime;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * {@link ModelClock} for actor systems that do not run under virtual time, so that the same model
 * code also runs on an ordinary (multi-threaded, wall-clock) Pekko system.
 *
 * <p>One instance per system (cached weakly), so every actor of a system reads the same origin.
 */
final class RealTimeClock implements ModelClock {

  private static final Map<ActorSystem<?>, RealTimeClock> CLOCKS = new WeakHashMap<>();

  private final long originNanos;

  private RealTimeClock(long originNanos) {
    this.originNanos = originNanos;
  }

  static synchronized RealTimeClock of(ActorSystem<?> system) {
    return CLOCKS.computeIfAbsent(
        system,
        s -> {
          // Pekko only records the start in epoch millis; translate it onto the nanoTime scale
          // once.
          long sinceStartMillis = Math.max(0, System.currentTimeMillis() - s.startTime());
          return new RealTimeClock(
              System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(sinceStartMillis));
        });
  }

  @Override
  public long nanos() {
    return System.nanoTime() - originNanos;
  }
}
