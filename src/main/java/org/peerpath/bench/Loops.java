package org.peerpath.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.peerpath.subsystem.Subsystem;

/**
 * The closed loops of one ActorSystem, run from the bench's own thread: for a stretch of wall time
 * (a throughput), for a number of commands (a count), or until stopped (load under which something
 * else is measured). Each loop is a system actor of its own that stops once its last reply is in.
 */
final class Loops {
  private static final AtomicLong LOOPS = new AtomicLong();

  /** How long the bench waits for a stopped loop's last replies: they are microseconds away. */
  private static final long DRAIN_SECONDS = 60;

  private final ActorSystem<?> system;

  Loops(ActorSystem<?> system) {
    this.system = system;
  }

  ActorSystem<?> system() {
    return system;
  }

  /** A loop that runs until {@link #stop}. */
  record Running(
      ActorRef<ClosedLoop.Command> client,
      AtomicLong good,
      CompletableFuture<ClosedLoop.Tally> done) {
    /** Sends no more commands and waits for the last replies. */
    ClosedLoop.Tally stop() throws Exception {
      client.tell(new ClosedLoop.Stop());
      return done.get(DRAIN_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Starts a loop that sends until stopped. */
  Running start(Subsystem s, ClosedLoop.Load load) {
    return start(s, load, Long.MAX_VALUE);
  }

  /** Starts a loop that sends {@code limit} commands in all. */
  Running start(Subsystem s, ClosedLoop.Load load, long limit) {
    AtomicLong good = new AtomicLong();
    CompletableFuture<ClosedLoop.Tally> done = new CompletableFuture<>();
    var client =
        system.systemActorOf(
            ClosedLoop.create(s, load, limit, good, done),
            "bench-loop-" + LOOPS.incrementAndGet(),
            Props.empty());
    return new Running(client, good, done);
  }

  /**
   * A loop for {@code nanos} of wall time; its tally counts the good replies of that time only, but
   * waits for the last replies, whose failures and paths it counts too.
   */
  ClosedLoop.Tally timed(Subsystem s, ClosedLoop.Load load, long nanos) throws Exception {
    Running run = start(s, load);
    long start = System.nanoTime();
    long before = run.good().get();
    TimeUnit.NANOSECONDS.sleep(nanos);
    long counted = run.good().get() - before;
    long elapsed = System.nanoTime() - start;
    ClosedLoop.Tally t = run.stop();
    return new ClosedLoop.Tally(counted, t.peer(), t.failed(), t.latencyNanos(), elapsed);
  }

  /** A loop of {@code commands} commands, waited for. */
  ClosedLoop.Tally counted(Subsystem s, ClosedLoop.Load load, long commands) throws Exception {
    return start(s, load, commands).done().get(DRAIN_SECONDS, TimeUnit.SECONDS);
  }
}
