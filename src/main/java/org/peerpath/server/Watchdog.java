package org.peerpath.server;

import org.peerpath.adapter.Adapter;

/**
 * How a server watches its own adapter (docs/architecture.md §5: a hang is found by the server's
 * watchdog). While the adapter serves, a health check goes out at a tick unless one is outstanding;
 * one left unanswered for a whole watchdog period means the adapter hangs. Checks jump the
 * adapter's queue of commands (a control-aware mailbox), and a late tick is judged by when it
 * became due, so a burst of load is never taken for a hang. Ticks come once a period under virtual
 * time (a check goes out at one tick and is judged at the next) and twice a period in real time,
 * where ticks are late; either way a hang is found within twice the watchdog. After a hang the
 * server keeps asking, and an incarnation that answers after all is asked, once, to come back as a
 * new one.
 *
 * <p>It decides; its server sends the checks and acts on a hang.
 */
final class Watchdog {
  private final long periodNanos;
  private long seq;

  /** The sequence number of the check awaiting its answer; 0 for none. */
  private long outstanding;

  private long sentAt;

  /** Whether the adapter was last given up because it hung. */
  private boolean hung;

  /** The incarnation last asked to come back. */
  private long revivalAsked;

  Watchdog(long periodNanos) {
    this.periodNanos = periodNanos;
  }

  /** The adapter serves (again): no check is outstanding. */
  void serving() {
    outstanding = 0;
  }

  /** The adapter was given up, for {@code reason} ({@code "hang"}, {@code "crash"}, ...). */
  void lost(String reason) {
    hung = reason.equals("hang");
  }

  /**
   * A tick while the adapter serves: whether the outstanding check had waited a whole period when
   * the tick became due. The tick's due time, not the time the server handles it: an answer that
   * arrived before the tick is handled first however far behind a burst the server is, so only an
   * adapter that did not answer in time is found overdue.
   */
  boolean overdue(long tickDueAt) {
    return outstanding != 0 && tickDueAt - sentAt >= periodNanos;
  }

  /** A tick while the adapter serves: the check to send now, or null while one is outstanding. */
  Adapter.HealthCheck nextCheck(long now) {
    if (outstanding != 0) return null;
    sentAt = now;
    outstanding = ++seq;
    return new Adapter.HealthCheck(outstanding);
  }

  /**
   * A tick after the adapter was lost: a check to send while a hung incarnation {@code epoch} may
   * come back, else null.
   */
  Adapter.HealthCheck probe(long epoch) {
    return awaitingRevival(epoch) ? new Adapter.HealthCheck(++seq) : null;
  }

  /**
   * An answer while the adapter serves: it answers the outstanding check if it names it and this
   * incarnation.
   */
  void answered(Adapter.HealthOk ok, long epoch) {
    if (ok.seq() == outstanding && ok.epoch() == epoch) outstanding = 0;
  }

  /**
   * An answer after the adapter was lost: whether to ask the hung incarnation {@code epoch} to come
   * back now.
   */
  boolean revive(Adapter.HealthOk ok, long epoch) {
    if (ok.epoch() != epoch || !awaitingRevival(epoch)) return false;
    revivalAsked = epoch;
    return true;
  }

  /** A repair asked incarnation {@code epoch} to come back. */
  void askedToComeBack(long epoch) {
    revivalAsked = epoch;
  }

  private boolean awaitingRevival(long epoch) {
    return hung && revivalAsked != epoch;
  }
}
