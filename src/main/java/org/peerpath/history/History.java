package org.peerpath.history;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The record of one subsystem's run: every element appends what it did, stamped with the
 * subsystem's clock (time since the subsystem was spawned), and subscribers get each event as a
 * message. Under the virtual-time runtime a single thread runs every actor, so the order of the
 * list is the order things happened; in real time the lock keeps it one consistent order.
 */
public final class History {
  private final LongSupplier clock;
  private final long origin;
  private final ArrayDeque<HistoryEvent> events = new ArrayDeque<>();
  private final List<ActorRef<HistoryEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final List<Consumer<HistoryEvent>> listeners = new CopyOnWriteArrayList<>();
  private final int limit;
  private long dropped;

  /**
   * @param clock the model clock in nanoseconds; its value now becomes time zero
   * @param limit the most events kept in memory, the oldest dropped first (0: none, for runs that
   *     only stream to subscribers)
   */
  public History(LongSupplier clock, int limit) {
    if (limit < 0) throw new IllegalArgumentException("a history limit cannot be negative");
    this.clock = clock;
    this.origin = clock.getAsLong();
    this.limit = limit;
  }

  /** Nanoseconds since the subsystem started. */
  public long now() {
    return clock.getAsLong() - origin;
  }

  /**
   * Starts an event stamped now; finish it with {@link #record(HistoryEvent.Builder)}. Where nobody
   * keeps, hears or receives events ({@link #recording()} is false), the builder takes its fields
   * and records nothing.
   */
  public HistoryEvent.Builder event(HistoryEvent.Kind kind) {
    if (!recording()) return HistoryEvent.discarded(kind);
    return HistoryEvent.at(now(), kind);
  }

  /**
   * Whether an event recorded now goes anywhere: it is kept, or someone listens or subscribes. An
   * element that would build an event's text at some cost can ask first.
   */
  public boolean recording() {
    return limit > 0 || !listeners.isEmpty() || !subscribers.isEmpty();
  }

  public void record(HistoryEvent.Builder event) {
    if (!event.kept()) return;
    HistoryEvent e = event.build();
    if (limit > 0) {
      synchronized (events) {
        if (events.size() == limit) {
          events.pollFirst();
          dropped++;
        }
        events.addLast(e);
      }
    }
    for (Consumer<HistoryEvent> l : listeners) l.accept(e);
    for (ActorRef<HistoryEvent> s : subscribers) s.tell(e);
  }

  /**
   * Calls {@code listener} with every event from now on, at once, on the thread that records it:
   * for a tally that counts events, where a subscriber would get one more message for every event
   * recorded. It must be quick and thread-safe, and never record itself.
   */
  public void listen(Consumer<HistoryEvent> listener) {
    listeners.add(listener);
  }

  public void subscribe(ActorRef<HistoryEvent> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(ActorRef<HistoryEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  /**
   * A copy of the events kept so far, in the order they happened: every event, unless more than the
   * limit happened ({@link #dropped()}).
   */
  public List<HistoryEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** How many of the oldest events were dropped to keep within the limit. */
  public long dropped() {
    synchronized (events) {
      return dropped;
    }
  }
}
