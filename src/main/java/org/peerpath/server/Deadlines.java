package org.peerpath.server;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * The deadlines of one server's commands, kept with one timer for them all rather than one timer
 * each. Every command a server admits gets the same time to live, so the deadlines fall due in the
 * order the commands were admitted, and a queue in that order needs a timer only for its head. A
 * command that finishes stays in the queue until its time comes and is passed over then, so
 * finishing costs nothing; admitting costs an append. (One timer per command, set and cancelled,
 * was two scheduler operations per command, and in real time a timer task each.) Times are the
 * model clock's (the server's history clock), as every time a server keeps.
 *
 * <p>Under virtual time a deadline still falls due at its exact nanosecond, but its timer is made
 * when the deadline before it fell due rather than when its command was admitted; among events due
 * at that same instant it therefore goes after those set up earlier. Runs stay deterministic.
 */
final class Deadlines {

  /** A command's tag and the model time its deadline falls due. */
  private record Due(long tag, long at) {}

  private final ArrayDeque<Due> queue = new ArrayDeque<>();
  private final long lifetimeNanos;

  /**
   * @param lifetimeNanos a command's time to live (the settings' deadline)
   */
  Deadlines(long lifetimeNanos) {
    this.lifetimeNanos = lifetimeNanos;
  }

  /**
   * Notes that the command {@code tag} was admitted at {@code now}, first dropping from the front
   * the commands no longer {@code waiting}; true if the queue was empty, so that the caller must
   * set the timer ({@link #nextIn}). (A timer already set for a dropped head fires early and finds
   * nothing due; {@link #nextIn} then sets it for the new head.)
   */
  boolean admit(long tag, long now, java.util.function.LongPredicate waiting) {
    // Commands that answered leave from the front, so the queue holds about what is in flight.
    while (!queue.isEmpty() && !waiting.test(queue.peekFirst().tag())) queue.pollFirst();
    boolean wasEmpty = queue.isEmpty();
    long at = now > Long.MAX_VALUE - lifetimeNanos ? Long.MAX_VALUE : now + lifetimeNanos;
    queue.addLast(new Due(tag, at));
    return wasEmpty;
  }

  /** Hands every tag whose deadline is due by {@code now} to {@code passed}, oldest first. */
  void passDue(long now, LongConsumer passed) {
    while (!queue.isEmpty() && queue.peekFirst().at() <= now)
      passed.accept(queue.pollFirst().tag());
  }

  /** Nanoseconds from {@code now} until the next deadline falls due; -1 if none is waiting. */
  long nextIn(long now) {
    Due head = queue.peekFirst();
    return head == null ? -1 : Math.max(1, head.at() - now);
  }
}
