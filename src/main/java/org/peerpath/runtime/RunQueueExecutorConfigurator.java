package org.peerpath.runtime;

import com.typesafe.config.Config;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * Plugs the run queue into Pekko's dispatchers: configured as {@code executor = "<this class>"} for
 * every dispatcher of a virtual-time system (see {@link VirtualTime#config()}).
 *
 * <p>Pekko instantiates it reflectively with the dispatcher's config section; the system-wide
 * config (from the prerequisites) carries the id that links it to the system's run queue. The
 * thread factory is ignored: no thread is ever created.
 */
public final class RunQueueExecutorConfigurator extends ExecutorServiceConfigurator {

  private final RunQueue queue;

  public RunQueueExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.queue = VirtualWorlds.require(prerequisites.settings().config()).queue();
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(
      String id, ThreadFactory threadFactory) {
    return () -> new RunQueueExecutorService(queue, id);
  }
}
