package org.peerpath.bench;

import com.typesafe.config.Config;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.NodeMessageQueue;
import org.apache.pekko.dispatch.UnboundedControlAwareMailbox;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;
import scala.Option;

/**
 * Pekko Typed's default mailbox (a single-consumer unbounded queue), or with {@code control-aware =
 * on} in its section the adapter's (Pekko's unbounded control-aware mailbox, where health checks go
 * first), counting every message put into it: made the default mailbox and the adapter's mailbox of
 * the bench's counting ActorSystem, it counts every message any actor of the model receives (a
 * fabric send, a plain tell, a reply through a message adapter), and nothing of the runtime's own
 * system messages. Only that short run pays for the count; the timed runs use the plain mailboxes.
 */
public final class CountingMailbox implements MailboxType {
  private static final LongAdder ENQUEUED = new LongAdder();

  private final boolean controlAware;

  /** Pekko makes mailbox types by reflection, with this constructor. */
  public CountingMailbox(ActorSystem.Settings settings, Config config) {
    this.controlAware = config.hasPath("control-aware") && config.getBoolean("control-aware");
  }

  /** Messages put into any counting mailbox so far, in this JVM. */
  static long enqueued() {
    return ENQUEUED.sum();
  }

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    return new Counting(
        controlAware ? new UnboundedControlAwareMailbox.MessageQueue() : new NodeMessageQueue());
  }

  /** The queue of the mailbox it stands for (its enqueue is final, hence a wrapper), counting. */
  private static final class Counting implements MessageQueue, UnboundedMessageQueueSemantics {
    private final MessageQueue queue;

    Counting(MessageQueue queue) {
      this.queue = queue;
    }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      ENQUEUED.increment();
      queue.enqueue(receiver, handle);
    }

    @Override
    public Envelope dequeue() {
      return queue.dequeue();
    }

    @Override
    public int numberOfMessages() {
      return queue.numberOfMessages();
    }

    @Override
    public boolean hasMessages() {
      return queue.hasMessages();
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
      queue.cleanUp(owner, deadLetters);
    }
  }
}
