package org.peerpath.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final List<HistoryEvent> events = new ArrayList<>();
  private final List<ActorRef<HistoryEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final boolean keep;

  /**
   * @param clock the model clock in nanoseconds; its value now becomes time zero
   * @param keep whether to keep events in memory (off for long real-time runs that only stream)
   */
  public History(LongSupplier clock, boolean keep) {
    this.clock = clock;
    this.origin = clock.getAsLong();
    this.keep = keep;
  }

  /** Nanoseconds since the subsystem started. */
  public long now() {
    return clock.getAsLong() - origin;
  }

  /** Starts an event stamped now; finish it with {@link #record(HistoryEvent.Builder)}. */
  public HistoryEvent.Builder event(HistoryEvent.Kind kind) {
    return HistoryEvent.at(now(), kind);
  }

  public void record(HistoryEvent.Builder event) {
    HistoryEvent e = event.build();
    if (keep) {
      synchronized (events) {
        events.add(e);
      }
    }
    for (ActorRef<HistoryEvent> s : subscribers) s.tell(e);
  }

  public void subscribe(ActorRef<HistoryEvent> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(ActorRef<HistoryEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  /** A copy of every event so far, in the order they happened. */
  public List<HistoryEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
