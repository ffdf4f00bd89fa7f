package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.kind;
import static org.peerpath.subsystem.Fixtures.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.UnboundedControlAwareMailbox;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.Adapter;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.runtime.VirtualTime;
import scala.Option;

/**
 * A working adapter is asked how it is once per watchdog period: often enough to find a hang within
 * twice the watchdog, and no more often, since every check and its answer are two messages (each
 * with its path's latency) that a simulated seed would otherwise run hundreds of times over.
 */
class WatchdogCadenceTest {
  private static final String SYSTEM = "watchdog-cadence";

  /** Health checks put into the adapters' mailboxes of the system {@value #SYSTEM}. */
  private static final AtomicInteger checks = new AtomicInteger();

  @Test
  void anIdleWorkingAdapterIsCheckedOncePerWatchdogPeriod() {
    Config counting =
        ConfigFactory.parseMap(
            Map.of(
                "peerpath.adapter-mailbox.mailbox-type",
                CountingChecks.class.getName(),
                "peerpath.adapter-mailbox.control-aware",
                "on"));
    try (var runtime = VirtualTime.create(Behaviors.empty(), SYSTEM, counting);
        var run = VirtualSubsystem.start(runtime, settings())) {
      Duration watchdog = run.subsystem().settings().watchdog();
      int before = checks.get();
      run.runFor(watchdog.multipliedBy(40));
      int perAdapter = (checks.get() - before) / 2;
      assertTrue(
          perAdapter >= 39 && perAdapter <= 41,
          perAdapter + " checks per adapter in 40 watchdog periods");
      assertEquals(0, kind(run.history(), Kind.ADAPTER_DOWN).size(), "no adapter taken for down");
    }
  }

  /** The adapter's mailbox (control-aware), counting the health checks put into it. */
  public static final class CountingChecks implements MailboxType {
    /** Pekko makes mailbox types by reflection, with this constructor. */
    public CountingChecks(ActorSystem.Settings settings, Config config) {}

    @Override
    public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
      boolean ours = system.isDefined() && system.get().name().equals(SYSTEM);
      return new Counting(new UnboundedControlAwareMailbox.MessageQueue(), ours);
    }
  }

  private static final class Counting implements MessageQueue, UnboundedMessageQueueSemantics {
    private final MessageQueue queue;
    private final boolean ours;

    Counting(MessageQueue queue, boolean ours) {
      this.queue = queue;
      this.ours = ours;
    }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      if (ours && handle.message() instanceof Adapter.HealthCheck) checks.incrementAndGet();
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
