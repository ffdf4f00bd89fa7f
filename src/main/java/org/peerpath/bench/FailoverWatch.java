package org.peerpath.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.peerpath.history.HistoryEvent;

/**
 * Watches a subsystem's history for the two moments a failover is timed by, as the demo does: from
 * an adapter's {@code fault} to the first reply served by the peer path, and from its {@code
 * repair} to the first reply served directly again. Both ends are events of the same history, so
 * both are stamped by the same clock. A listener on the recording threads: one failure or repair is
 * watched at a time, armed before it is injected.
 */
final class FailoverWatch implements Consumer<HistoryEvent> {

  private final String adapter;
  private HistoryEvent.Kind start;
  private HistoryEvent.Path until;
  private long startedAt = -1;
  private CompletableFuture<Long> elapsed;

  FailoverWatch(String adapter) {
    this.adapter = adapter;
  }

  /** Nanoseconds from the adapter's next fault to the first reply that then goes the peer path. */
  synchronized CompletableFuture<Long> nextFailover() {
    return arm(HistoryEvent.Kind.FAULT, HistoryEvent.Path.PEER);
  }

  /** Nanoseconds from the adapter's next repair to the first reply that then goes direct. */
  synchronized CompletableFuture<Long> nextFailback() {
    return arm(HistoryEvent.Kind.REPAIR, HistoryEvent.Path.DIRECT);
  }

  private CompletableFuture<Long> arm(HistoryEvent.Kind start, HistoryEvent.Path until) {
    this.start = start;
    this.until = until;
    this.startedAt = -1;
    this.elapsed = new CompletableFuture<>();
    return elapsed;
  }

  @Override
  public synchronized void accept(HistoryEvent e) {
    if (elapsed == null) return;
    if (startedAt < 0) {
      if (e.kind() == start && adapter.equals(e.node())) startedAt = e.atNanos();
    } else if (e.kind() == HistoryEvent.Kind.REPLY && e.path() == until) {
      CompletableFuture<Long> done = elapsed;
      elapsed = null;
      done.complete(e.atNanos() - startedAt);
    }
  }
}
