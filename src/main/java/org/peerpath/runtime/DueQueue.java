package org.peerpath.runtime;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.pekko.annotation.InternalApi;

/**
 * Items that fall due in the order they were added, kept so that one timer, for the head, serves
 * them all: an actor that gives everything it holds the same time to live (a server its commands'
 * deadline, a host its patience with a send) adds each at the same delay after the model clock's
 * now, so the order of adding is the order of falling due. (A timer per item, set and nearly always
 * cancelled, was two scheduler operations each.)
 *
 * <p>An item that stops waiting is not looked for: it leaves from the front as new items come, and
 * once such items outnumber the waiting ones twice over (and {@link #SLACK} more) all of them are
 * swept out, so one slow item at the front does not hold every later one. Internal: for the model's
 * elements.
 *
 * <p>Under virtual time an item still falls due at its exact nanosecond, but the timer for it is
 * made when the item before it fell due rather than when it was added; among events due at that
 * same instant it therefore goes after those set up earlier. Runs stay deterministic.
 */
@InternalApi
public final class DueQueue<T> {

  /**
   * How many items that stopped waiting may stay, beyond twice the waiting ones, before a sweep.
   */
  public static final int SLACK = 64;

  private record Due<T>(T item, long at) {}

  private final ArrayDeque<Due<T>> queue = new ArrayDeque<>();
  private final Predicate<T> waiting;

  /**
   * @param waiting whether an item still waits for its time; one that does not is passed over
   */
  public DueQueue(Predicate<T> waiting) {
    this.waiting = waiting;
  }

  /**
   * Adds {@code item}, due at {@code at} (no earlier than any item added before it), first dropping
   * from the front the items no longer waiting, and sweeping them all out when they outnumber the
   * {@code live} items that may still wait. True if no item was left, so that the caller must set
   * the timer ({@link #nextIn}).
   */
  public boolean add(T item, long at, int live) {
    while (!queue.isEmpty() && !waiting.test(queue.peekFirst().item())) queue.pollFirst();
    if (queue.size() > 2L * live + SLACK) queue.removeIf(d -> !waiting.test(d.item()));
    boolean wasEmpty = queue.isEmpty();
    queue.addLast(new Due<>(item, at));
    return wasEmpty;
  }

  /**
   * Hands every item due by {@code now} and still waiting to {@code due}, oldest first. {@code due}
   * may add items.
   */
  public void takeDue(long now, Consumer<T> due) {
    while (!queue.isEmpty() && queue.peekFirst().at() <= now) {
      T item = queue.pollFirst().item();
      if (waiting.test(item)) due.accept(item);
    }
  }

  /** Nanoseconds from {@code now} until the next item falls due; -1 if none is left. */
  public long nextIn(long now) {
    Due<T> head = queue.peekFirst();
    return head == null ? -1 : Math.max(1, head.at() - now);
  }

  /** Items held, waiting or not. */
  public int size() {
    return queue.size();
  }
}
