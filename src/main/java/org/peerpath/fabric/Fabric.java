package org.peerpath.fabric;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.peerpath.history.Durations;
import scala.concurrent.ExecutionContext;

/**
 * The ring of the patent (106): every message between two named elements goes through here and
 * arrives after its path's latency. A latency is a scheduler timer, so under the virtual-time
 * runtime it is exact to the nanosecond and one path keeps FIFO order (same delay, ties in the
 * order sent); different paths with different latencies can reorder, which is how a completion
 * notice overtakes a CSW (claim 6). Zero latency is a plain tell, and so is a path the latency
 * model cannot answer ({@link #latencyNanos}). A message its {@link Network} says cannot arrive (a
 * node down, a partition) is lost.
 */
public final class Fabric {
  private final LatencyModel latency;
  private final Scheduler scheduler;
  private final ExecutionContext executor;

  /**
   * Latency by sender, then receiver: every message asks, and element names keep their hash codes.
   */
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Long>> latencies =
      new ConcurrentHashMap<>();

  /** Where a path the model cannot answer is reported, once per path; null: nowhere. */
  private final org.slf4j.Logger log;

  /** Which nodes are down or cut off; a message that cannot arrive is lost. */
  private final Network network;

  public Fabric(LatencyModel latency, Scheduler scheduler, ExecutionContext executor) {
    this(latency, scheduler, executor, null);
  }

  /** A fabric that warns on {@code log}, once per path, of a path its model cannot answer. */
  public Fabric(
      LatencyModel latency, Scheduler scheduler, ExecutionContext executor, org.slf4j.Logger log) {
    this(latency, scheduler, executor, log, new Network());
  }

  /**
   * A fabric that loses the messages {@code network} says cannot arrive, and warns on {@code log}
   * as above.
   */
  public Fabric(
      LatencyModel latency,
      Scheduler scheduler,
      ExecutionContext executor,
      org.slf4j.Logger log,
      Network network) {
    this.latency = latency;
    this.scheduler = scheduler;
    this.executor = executor;
    this.log = log;
    this.network = network;
  }

  /** The nodes and cuts this fabric obeys. */
  public Network network() {
    return network;
  }

  public <M> void send(String from, String to, ActorRef<M> target, M message) {
    send(from, to, target, message, 0);
  }

  /**
   * Sends after the path's latency plus {@code extraNanos} (a service time at the sender, not
   * negative). The sum saturates rather than wrap around to a negative delay, which would deliver
   * at once: under virtual time a delay past the end of time never arrives.
   */
  public <M> void send(String from, String to, ActorRef<M> target, M message, long extraNanos) {
    long latency = latencyNanos(from, to);
    long nanos = extraNanos > Long.MAX_VALUE - latency ? Long.MAX_VALUE : latency + extraNanos;
    if (!network.canSend(from)) return;
    if (nanos == 0) {
      if (network.arrives(from, to)) target.tell(message);
    } else {
      scheduler.scheduleOnce(
          Duration.ofNanos(nanos),
          () -> {
            if (network.arrives(from, to)) target.tell(message);
          },
          executor);
    }
  }

  /**
   * The latency of the path from {@code from} to {@code to}, asked of the model once and kept. A
   * path the model cannot answer (it throws, or answers null, a negative latency or one longer than
   * {@link Durations#MAX_NANOS}) takes no time: the settings checked every path between the
   * subsystem's elements, but a {@code Server.Submit} names its host in free text, and a model of
   * code asked about a name it never heard of must not fail the element sending the answer.
   */
  public long latencyNanos(String from, String to) {
    ConcurrentHashMap<String, Long> byReceiver = latencies.get(from);
    Long nanos = byReceiver == null ? null : byReceiver.get(to);
    if (nanos != null) return nanos;
    return latencies
        .computeIfAbsent(from, f -> new ConcurrentHashMap<>())
        .computeIfAbsent(to, t -> answer(from, t));
  }

  private long answer(String from, String to) {
    long nanos;
    try {
      nanos = latency.nanos(from, to);
    } catch (RuntimeException unanswered) {
      return unanswerable(from, to, unanswered.toString());
    }
    if (nanos < 0 || nanos > Durations.MAX_NANOS) {
      return unanswerable(from, to, "it answered " + nanos + " ns");
    }
    return nanos;
  }

  /** No latency for a path the model cannot answer; said once, since the answer is kept. */
  private long unanswerable(String from, String to, String why) {
    if (log != null) {
      log.warn(
          "the latency model cannot answer for {}->{} ({}): messages on it take no time",
          from,
          to,
          why);
    }
    return 0;
  }
}
