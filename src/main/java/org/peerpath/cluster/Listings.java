package org.peerpath.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What a launcher, outside any actor, finds once in the Receptionist's listings: an element of the
 * model or a node's tally, on whichever node registered it. The model's own wiring subscribes and
 * follows listings as they change ({@link Incarnations}); a launcher that drives a run from its own
 * member needs the one instance there is.
 */
public final class Listings {
  private static final AtomicLong FINDERS = new AtomicLong();

  private Listings() {}

  /**
   * The first instance listed under {@code key} on a reachable member, waiting up to {@code limit}
   * for one to be listed.
   *
   * @throws IllegalStateException when none was listed within {@code limit} (the finder stays
   *     subscribed until the system ends: a launcher gives up on the run then)
   */
  public static <T> ActorRef<T> first(ActorSystem<?> system, ServiceKey<T> key, Duration limit)
      throws InterruptedException {
    CompletableFuture<ActorRef<T>> found = new CompletableFuture<>();
    Behavior<Receptionist.Listing> waiting =
        Behaviors.setup(
            ctx -> {
              system.receptionist().tell(Receptionist.subscribe(key, ctx.getSelf()));
              return Behaviors.receive(Receptionist.Listing.class)
                  .onMessage(
                      Receptionist.Listing.class,
                      l -> {
                        Set<ActorRef<T>> refs = l.getServiceInstances(key);
                        if (refs.isEmpty()) return Behaviors.same();
                        found.complete(refs.iterator().next());
                        return Behaviors.stopped();
                      })
                  .build();
            });
    system.systemActorOf(
        waiting,
        "find-" + key.id().replaceAll("[^A-Za-z0-9-]", "-") + "-" + FINDERS.incrementAndGet(),
        Props.empty());
    try {
      return found.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IllegalStateException(
          key.id() + " was not listed within " + limit.toMillis() / 1000.0 + " s", e);
    }
  }
}
