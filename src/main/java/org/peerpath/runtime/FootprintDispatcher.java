package org.peerpath.runtime;

import com.typesafe.config.Config;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorCell;
import org.apache.pekko.dispatch.Dispatcher;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageDispatcherConfigurator;
import org.apache.pekko.dispatch.sysmsg.SystemMessage;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's ordinary dispatcher, which also tells the running task's {@link Footprint} whom it sent
 * to: every message and every system message (a watch, a stop, a child's failure) passes through
 * here on its way into a mailbox. Every dispatcher of a virtual-time system is one of these.
 */
final class FootprintDispatcher extends Dispatcher {

  FootprintDispatcher(MessageDispatcherConfigurator configurator, Config config) {
    super(
        configurator,
        config.getString("id"),
        config.getInt("throughput"),
        FiniteDuration.apply(
            config.getDuration("throughput-deadline-time", TimeUnit.NANOSECONDS),
            TimeUnit.NANOSECONDS),
        configurator.configureExecutor(),
        FiniteDuration.apply(
            config.getDuration("shutdown-timeout", TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS));
  }

  @Override
  public void dispatch(ActorCell receiver, Envelope invocation) {
    Footprint.sentTo(receiver.self());
    super.dispatch(receiver, invocation);
  }

  @Override
  public void systemDispatch(ActorCell receiver, SystemMessage invocation) {
    Footprint.sentTo(receiver.self());
    super.systemDispatch(receiver, invocation);
  }
}
