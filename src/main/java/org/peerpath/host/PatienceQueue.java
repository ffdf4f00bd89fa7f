package org.peerpath.host;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * When the host's patience with each of its sends runs out, kept so that one timer serves them all.
 * The patience is the same for every send, so the order it runs out in is the order of the sends,
 * and a queue in that order needs a timer only for its head (a timer per send, set and nearly
 * always cancelled, was two scheduler operations per command). A send whose command was answered or
 * sent again since stays until it reaches the front, or until the queue holds more than twice the
 * sends still waiting (and a little more), when it is swept: one slow command at the front does not
 * keep every later send.
 */
final class PatienceQueue {

  /**
   * When the host's patience with a send of command {@code id} runs out, and the command as it was
   * then (serial, sends, BUSY answers), so that one answered or sent again since is told apart.
   */
  record Send(String id, long serial, int sent, int busy, long at) {}

  /** Sends that leave no more than this many passed-over ones behind before a sweep. */
  static final int SLACK = 64;

  private final ArrayDeque<Send> queue = new ArrayDeque<>();

  /**
   * Adds {@code send}, first dropping from the front the sends no longer {@code waiting}, and
   * sweeping them all out when passed-over ones outnumber the {@code live} sends. True if the queue
   * was empty, so that the caller must set the timer ({@link #nextIn}).
   */
  boolean add(Send send, Predicate<Send> waiting, int live) {
    while (!queue.isEmpty() && !waiting.test(queue.peekFirst())) queue.pollFirst();
    if (queue.size() > 2L * live + SLACK) queue.removeIf(waiting.negate());
    boolean wasEmpty = queue.isEmpty();
    queue.addLast(send);
    return wasEmpty;
  }

  /** Hands every send whose patience ran out by {@code now} to {@code due}, oldest first. */
  void takeDue(long now, Consumer<Send> due) {
    while (!queue.isEmpty() && queue.peekFirst().at() <= now) due.accept(queue.pollFirst());
  }

  /** Nanoseconds from {@code now} until the next send's patience runs out; -1 if none waits. */
  long nextIn(long now) {
    Send head = queue.peekFirst();
    return head == null ? -1 : Math.max(1, head.at() - now);
  }

  int size() {
    return queue.size();
  }
}
