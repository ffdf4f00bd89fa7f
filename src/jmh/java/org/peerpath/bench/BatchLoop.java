package org.peerpath.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The end-to-end benchmarks' caller, an actor like any client of the model: it runs a batch of
 * requests as a closed loop with a fixed number outstanding (each reply sends the next request in
 * the slot it frees) and completes the batch's future when the last reply is in. The benchmark's
 * thread only waits for that future, so a thread's wake-up is paid once per batch, not once per
 * request; the command benchmarks and the raw round trip run through the same loop, so they compare
 * like with like.
 */
final class BatchLoop<R> extends AbstractBehavior<BatchLoop.Msg> {

  /** What the loop sends and how it reads the answers. */
  interface Requests<R> {
    /** Sends the request of {@code slot}, answered to {@code replyTo}. */
    void send(int slot, ActorRef<R> replyTo);

    /** The slot a reply frees. */
    int slotOf(R reply);

    /** Why {@code reply} is not what the benchmark measures, or null if it is. */
    String wrong(R reply);
  }

  sealed interface Msg {}

  /** Runs {@code total} requests, {@code outstanding} at a time; {@code done} completes after. */
  record Run(int total, int outstanding, CompletableFuture<Void> done) implements Msg {}

  private record Replied(Object reply) implements Msg {}

  /**
   * Runs one batch on {@code loop} and waits for it: what a benchmark method does. A wrong reply
   * fails the benchmark.
   */
  static void runBatch(ActorRef<Msg> loop, int total, int outstanding) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.tell(new Run(total, outstanding, done));
    done.get(1, TimeUnit.MINUTES);
  }

  static <R> Behavior<Msg> create(Class<R> replyType, Requests<R> requests) {
    return Behaviors.setup(ctx -> new BatchLoop<>(ctx, replyType, requests));
  }

  private final Class<R> replyType;
  private final Requests<R> requests;
  private final ActorRef<R> replies;
  private Run run;
  private int sent;
  private int received;

  private BatchLoop(ActorContext<Msg> ctx, Class<R> replyType, Requests<R> requests) {
    super(ctx);
    this.replyType = replyType;
    this.requests = requests;
    this.replies = ctx.messageAdapter(replyType, Replied::new);
  }

  @Override
  public Receive<Msg> createReceive() {
    return newReceiveBuilder()
        .onMessage(Run.class, this::onRun)
        .onMessage(Replied.class, this::onReplied)
        .build();
  }

  private Behavior<Msg> onRun(Run r) {
    run = r;
    sent = 0;
    received = 0;
    for (int slot = 0; slot < r.outstanding() && sent < r.total(); slot++) {
      requests.send(slot, replies);
      sent++;
    }
    return this;
  }

  private Behavior<Msg> onReplied(Replied m) {
    R reply = replyType.cast(m.reply());
    received++;
    String wrong = requests.wrong(reply);
    if (wrong != null) run.done().completeExceptionally(new IllegalStateException(wrong));
    if (sent < run.total()) {
      requests.send(requests.slotOf(reply), replies);
      sent++;
    }
    if (received == run.total()) run.done().complete(null);
    return this;
  }
}
