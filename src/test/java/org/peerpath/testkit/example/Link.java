package org.peerpath.testkit.example;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The network between the primary and one backup: passes on what it is given, in order. It is one
 * hop more than a direct {@code tell}, and so a place where a message may be overtaken by one that
 * went another way, as on a real network; each schedule of the testkit decides whether it is.
 */
final class Link {

  private Link() {}

  static <T> Behavior<T> create(ActorRef<T> to) {
    return Behaviors.receiveMessage(
        m -> {
          to.tell(m);
          return Behaviors.same();
        });
  }
}
