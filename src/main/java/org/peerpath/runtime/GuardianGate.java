package org.peerpath.runtime;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Holds back the user's guardian behavior until the driver has taken over.
 *
 * <p>Pekko starts the guardian at the end of system creation, while the startup drainer thread is
 * still running tasks and the creating thread is still appending to the run queue. Starting the
 * model then would make its first steps interleave with startup work by thread timing. The gate
 * keeps the guardian idle (stashing anything sent to it) until {@link #OPEN} arrives, which {@link
 * VirtualTime#create} sends once the hand-over is done.
 */
final class GuardianGate {

  /** The one message that opens the gate. */
  enum Signal {
    OPEN
  }

  static final Object OPEN = Signal.OPEN;

  private static final int STASH_CAPACITY = 10_000;

  private GuardianGate() {}

  @SuppressWarnings("unchecked")
  static <T> Behavior<T> around(Behavior<T> guardian) {
    Behavior<Object> inner = (Behavior<Object>) (Behavior<?>) guardian;
    Behavior<Object> gate =
        Behaviors.withStash(
            STASH_CAPACITY,
            stash ->
                Behaviors.receive(Object.class)
                    .onMessageEquals(OPEN, () -> stash.unstashAll(inner))
                    .onAnyMessage(
                        msg -> {
                          stash.stash(msg);
                          return Behaviors.same();
                        })
                    .build());
    return (Behavior<T>) (Behavior<?>) gate;
  }
}
