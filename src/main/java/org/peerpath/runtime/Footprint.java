package org.peerpath.runtime;

import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.dispatch.Mailbox;

/**
 * What one task touched, for a search that skips orders it has already covered ({@link
 * DepthFirstSearch}): the actor whose turn it was, every actor it sent a message or a system
 * message to, every delay it set a timer for, and every shared state it named ({@link
 * SharedState}). Two tasks whose footprints meet are dependent: running them in the other order may
 * end in another state. Two whose footprints do not meet commute.
 *
 * <p>Keys must mean the same in every run of one scenario, so actors are named by their paths and
 * timers by their delay: every task of one choice point runs at one instant. (An ask's reply
 * reaches its temporary actor without a dispatcher, and the asker through a callback.)
 *
 * <p>Only the driver records, on its own thread, while a picker that wants footprints is in force;
 * everywhere else {@link #touched} costs one thread-local read.
 */
final class Footprint {

  /** The footprint of a task that is no actor's turn: dependent on every other. */
  static final Footprint EVERYTHING = new Footprint(null);

  private static final ThreadLocal<Set<Object>> RECORDING = new ThreadLocal<>();

  /** Null: everything. */
  private final Set<Object> keys;

  private Footprint(Set<Object> keys) {
    this.keys = keys;
  }

  /** Whether running this task and {@code other} in the other order may end differently. */
  boolean dependsOn(Footprint other) {
    if (keys == null || other.keys == null) return true;
    Set<Object> small = keys.size() <= other.keys.size() ? keys : other.keys;
    Set<Object> large = small == keys ? other.keys : keys;
    for (Object k : small) if (large.contains(k)) return true;
    return false;
  }

  @Override
  public String toString() {
    return keys == null ? "{everything}" : keys.toString();
  }

  /** The running task sent to {@code receiver} (the dispatcher tells, for every message). */
  static void sentTo(ActorRef receiver) {
    Set<Object> keys = RECORDING.get();
    if (keys != null) keys.add(keyOf(receiver.path()));
  }

  /** The running task set a timer {@code delayNanos} from now. */
  static void timerIn(long delayNanos) {
    Set<Object> keys = RECORDING.get();
    if (keys != null) keys.add("timer in " + delayNanos + " ns"); // no path: never renamed
  }

  /** The running task touched the shared state {@code name}. */
  static void shared(String name) {
    Set<Object> keys = RECORDING.get();
    if (keys != null) keys.add("shared " + name);
  }

  /** The running task changed what every task may read: it depends on every other. */
  static void everything() {
    Set<Object> keys = RECORDING.get();
    if (keys != null) keys.add(EVERYTHING);
  }

  /** Starts recording what the task about to run on this thread touches. */
  static void start() {
    RECORDING.set(new HashSet<>());
  }

  /** Ends the recording {@link #start} began: the footprint of {@code task}, which just ran. */
  static Footprint stop(Runnable task) {
    Set<Object> keys = RECORDING.get();
    RECORDING.remove();
    String own = actorOf(task);
    if (own == null
        || keys.contains(EVERYTHING)
        || !(((Mailbox) task).actor().dispatcher() instanceof FootprintDispatcher))
      return EVERYTHING;
    keys.add(own);
    return new Footprint(keys);
  }

  /**
   * The paths of the actors whose turns the first {@code n} of {@code ready} are ("-" for a task
   * that is no actor's turn).
   */
  static String[] actorsOf(Runnable[] ready, int n, UnaryOperator<String> paths) {
    String[] actors = new String[n];
    for (int i = 0; i < n; i++) {
      String actor = actorOf(ready[i]);
      actors[i] = actor == null ? "-" : paths.apply(actor);
    }
    return actors;
  }

  /** The key of the actor whose turn {@code task} is (its path), or null if it is no actor's. */
  static String actorOf(Runnable task) {
    return task instanceof Mailbox m && m.actor() != null ? keyOf(m.actor().self().path()) : null;
  }

  /** This footprint with every actor's path {@code p} as {@code paths.apply(p)}. */
  Footprint withPaths(UnaryOperator<String> paths) {
    if (keys == null || paths == UnaryOperator.<String>identity()) return this;
    Set<Object> mapped = new HashSet<>();
    for (Object k : keys)
      mapped.add(k instanceof String path && path.startsWith("/") ? paths.apply(path) : k);
    return new Footprint(mapped);
  }

  private static String keyOf(ActorPath path) {
    String name = path.toStringWithoutAddress();
    // Pekko numbers these across the JVM's systems: one key for all keeps them the same each run.
    return name.startsWith(UNSUBSCRIBER) ? UNSUBSCRIBER : name;
  }

  private static final String UNSUBSCRIBER = "/system/eventStreamUnsubscriber-";
}
