package org.peerpath.runtime;

import org.apache.pekko.actor.typed.ActorSystem;

/** Placeholder until the virtual-time runtime lands: real time only. */
public interface ModelClock {
  long nanos();

  static ModelClock of(ActorSystem<?> system) {
    long start = System.nanoTime();
    return () -> System.nanoTime() - start;
  }
}
