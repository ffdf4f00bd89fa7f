package org.peerpath.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The elements of one protocol that a node talks to (a host's servers, a server's peers), each at
 * the newest incarnation the Receptionist lists for it. A listing may name a process whose member
 * this node does not know yet (the listing came first); the listing is kept and read again when
 * that member comes Up ({@link #memberUp}).
 *
 * <p>A new reference replaces the known one when its incarnation is higher, or when the known one's
 * member was downed or removed ({@link #gone}): a restarted node whose clock runs behind the old
 * one's is still taken, once the old one has certainly left. Not thread-safe: one actor's state.
 */
final class Incarnations<T> {
  private final Map<ServiceKey<T>, String> keys = new HashMap<>();
  private final Map<String, Discovered<T>> known = new HashMap<>();
  private final Map<String, Receptionist.Listing> lastListing = new HashMap<>();
  private final Set<String> gone = new HashSet<>();
  private final Class<T> protocol;

  Incarnations(Class<T> protocol) {
    this.protocol = protocol;
  }

  /** The key of {@code name}'s element, now one of those followed; subscribe to its listing. */
  ServiceKey<T> follow(String name) {
    ServiceKey<T> key = ElementKeys.of(name, protocol);
    keys.put(key, name);
    return key;
  }

  /** Whether {@code name} is one of the elements followed. */
  boolean follows(String name) {
    return keys.containsValue(name);
  }

  /** The names followed. */
  Set<String> names() {
    return Set.copyOf(keys.values());
  }

  /** The incarnation of {@code name} in use, if one was listed. */
  Optional<Discovered<T>> current(String name) {
    return Optional.ofNullable(known.get(name));
  }

  /** How many of the followed elements have been listed. */
  int listed() {
    return known.size();
  }

  /**
   * A new incarnation of {@code name} in {@code listing}, which replaces the one in use, if there
   * is one; the previous one in use is {@link Change#before}.
   */
  Optional<Change<T>> listed(ActorSystem<?> system, Receptionist.Listing listing) {
    for (var entry : keys.entrySet()) {
      if (!listing.isForKey(entry.getKey())) continue;
      String name = entry.getValue();
      lastListing.put(name, listing);
      Optional<Discovered<T>> newest =
          Discovered.newest(system, listing.getAllServiceInstances(entry.getKey()));
      if (newest.isEmpty()) return Optional.empty();
      return accept(name, newest.get());
    }
    return Optional.empty();
  }

  /**
   * What {@code e} means for the elements followed: a member come Up has its last listing read
   * again; one downed or removed is {@link #gone}.
   */
  Optional<Change<T>> learn(ActorSystem<?> system, ElementReachability.Event e) {
    String name = e.node();
    if (!follows(name)) return Optional.empty();
    if (e instanceof ElementReachability.NodeUp) return memberUp(system, name);
    if (e instanceof ElementReachability.NodeDowned || e instanceof ElementReachability.NodeRemoved)
      gone(name);
    return Optional.empty();
  }

  /**
   * {@code name}'s member came Up: its last listing, read again now that its incarnation is known.
   */
  Optional<Change<T>> memberUp(ActorSystem<?> system, String name) {
    Receptionist.Listing last = lastListing.get(name);
    return last == null ? Optional.empty() : listed(system, last);
  }

  /** {@code name}'s member in use was downed or removed: any other reference may replace it. */
  void gone(String name) {
    gone.add(name);
  }

  Optional<Change<T>> accept(String name, Discovered<T> found) {
    Discovered<T> before = known.get(name);
    if (before != null
        && (before.ref().equals(found.ref())
            || (before.incarnation() >= found.incarnation() && !gone.contains(name))))
      return Optional.empty();
    known.put(name, found);
    gone.remove(name);
    return Optional.of(new Change<>(name, before, found));
  }

  /** {@code name} is now at {@code now}; {@code before} is what it was at (null: first listed). */
  record Change<T>(String name, Discovered<T> before, Discovered<T> now) {}
}
