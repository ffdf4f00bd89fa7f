package org.peerpath.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
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
 * The bench's host-side client: keeps {@code outstanding} writes of one payload in flight (a closed
 * loop: each reply sends the next command), taking the servers in turn, until told to stop or until
 * it has sent {@code limit} commands; then it waits for the last replies and completes its future
 * with what it saw. Every command has its own id and its own blocks among those in flight (while
 * the disk has blocks enough). With one command outstanding it also records each command's latency.
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

  /**
   * What to send: to {@code servers} in turn, {@code outstanding} at a time, command ids starting
   * with {@code idPrefix} (two loops on one host need different ones); {@code latencies}: record
   * each command's latency (meaningful with one outstanding only).
   */
  record Load(
      List<String> servers,
      ByteString payload,
      int outstanding,
      String idPrefix,
      boolean latencies) {

    /** A load that records latencies when one command is outstanding. */
    Load(List<String> servers, ByteString payload, int outstanding, String idPrefix) {
      this(servers, payload, outstanding, idPrefix, outstanding == 1);
    }

    /** The same, recording no latencies. */
    Load untimed() {
      return new Load(servers, payload, outstanding, idPrefix, false);
    }
  }

  private final Subsystem subsystem;
  private final Load load;
  private final int blockSize;
  private final long lbas;
  private final long limit;
  private final CompletableFuture<Tally> done;
  private final ActorRef<CommandResult> replies;
  private final Histogram latencyNanos;
  private final AtomicLong progress;
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
      Load load,
      long limit,
      AtomicLong progress,
      CompletableFuture<Tally> done) {
    return Behaviors.setup(ctx -> new ClosedLoop(ctx, subsystem, load, limit, progress, done));
  }

  private ClosedLoop(
      ActorContext<Command> ctx,
      Subsystem subsystem,
      Load load,
      long limit,
      AtomicLong progress,
      CompletableFuture<Tally> done) {
    super(ctx);
    this.subsystem = subsystem;
    this.load = load;
    this.blockSize = subsystem.settings().blockSize();
    this.lbas = subsystem.settings().blocks() - load.payload().size() / blockSize + 1;
    this.limit = limit;
    this.progress = progress;
    this.done = done;
    this.replies = ctx.messageAdapter(CommandResult.class, Replied::new);
    this.latencyNanos = load.latencies() ? new Histogram(3_600_000_000_000L, 3) : null;
    for (int i = 0; i < load.outstanding() && sent < limit; i++) send();
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
    long lba = n * (load.payload().size() / blockSize) % lbas;
    String server = load.servers().get((int) (n % load.servers().size()));
    inFlight++;
    if (latencyNanos != null) sentAt = System.nanoTime();
    subsystem.submit(
        IoCommand.write(load.idPrefix() + n, lba, blockSize, load.payload()), server, replies);
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
