package org.peerpath.bench;

import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.history.HistoryEvent;
import org.peerpath.subsystem.Subsystem;

/**
 * The bench's host-side client: keeps {@code outstanding} writes of one payload in flight to one
 * server of a subsystem (a closed loop: each reply sends the next command), until told to stop or
 * until it has sent {@code limit} commands; then it waits for the last replies and completes its
 * future with what it saw. Every command has its own id and its own blocks among those in flight.
 * With one command outstanding it also records each command's latency.
 */
final class ClosedLoop extends AbstractBehavior<ClosedLoop.Command> {

  sealed interface Command {}

  /** Send no more commands; the future completes once every reply is in. */
  record Stop() implements Command {}

  private record Replied(CommandResult result) implements Command {}

  /** What one run saw: replies by outcome and path, and latencies when one was outstanding. */
  record Tally(long good, long peer, long failed, Histogram latencyNanos, long elapsedNanos) {
    /** Good replies per second of {@code elapsedNanos}. */
    double perSec() {
      return good * 1e9 / Math.max(1, elapsedNanos);
    }
  }

  private final Subsystem subsystem;
  private final String server;
  private final ByteString payload;
  private final int blockSize;
  private final long lbas;
  private final long limit;
  private final CompletableFuture<Tally> done;
  private final ActorRef<CommandResult> replies;
  private final Histogram latencyNanos;
  private final java.util.concurrent.atomic.AtomicLong progress;
  private long sent;
  private int inFlight;
  private long sentAt;
  private long good;
  private long peer;
  private long failed;
  private boolean stopping;

  /**
   * @param progress good replies so far, for whoever watches the run (one writer: this actor)
   */
  static Behavior<Command> create(
      Subsystem subsystem,
      String server,
      ByteString payload,
      int outstanding,
      long limit,
      java.util.concurrent.atomic.AtomicLong progress,
      CompletableFuture<Tally> done) {
    return Behaviors.setup(
        ctx -> new ClosedLoop(ctx, subsystem, server, payload, outstanding, limit, progress, done));
  }

  private ClosedLoop(
      ActorContext<Command> ctx,
      Subsystem subsystem,
      String server,
      ByteString payload,
      int outstanding,
      long limit,
      java.util.concurrent.atomic.AtomicLong progress,
      CompletableFuture<Tally> done) {
    super(ctx);
    this.subsystem = subsystem;
    this.server = server;
    this.payload = payload;
    this.blockSize = subsystem.settings().blockSize();
    this.lbas = subsystem.settings().blocks() - payload.size() / blockSize + 1;
    this.limit = limit;
    this.progress = progress;
    this.done = done;
    this.replies = ctx.messageAdapter(CommandResult.class, Replied::new);
    this.latencyNanos = outstanding == 1 ? new Histogram(3_600_000_000_000L, 3) : null;
    for (int i = 0; i < outstanding && sent < limit; i++) send();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Replied.class, this::onReplied)
        .onMessage(Stop.class, s -> onStop())
        .build();
  }

  private void send() {
    long n = sent++;
    // Consecutive commands take consecutive blocks, so those in flight never share one.
    long lba = n * (payload.size() / blockSize) % lbas;
    inFlight++;
    if (latencyNanos != null) sentAt = System.nanoTime();
    subsystem.submit(IoCommand.write("b" + n, lba, blockSize, payload), server, replies);
  }

  private Behavior<Command> onReplied(Replied r) {
    inFlight--;
    if (latencyNanos != null) latencyNanos.recordValue(System.nanoTime() - sentAt);
    CommandResult result = r.result();
    if (result.isGood()) {
      good++;
      if (result.path() == HistoryEvent.Path.PEER) peer++;
      progress.lazySet(good);
    } else {
      failed++;
    }
    if (!stopping && sent < limit) send();
    return finishedIfIdle();
  }

  private Behavior<Command> onStop() {
    stopping = true;
    return finishedIfIdle();
  }

  private Behavior<Command> finishedIfIdle() {
    if (inFlight > 0 || (!stopping && sent < limit)) return this;
    done.complete(new Tally(good, peer, failed, latencyNanos, 0));
    return Behaviors.stopped();
  }
}
