package org.peerpath.runtime;

import com.typesafe.config.Config;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.MessageDispatcher;
import org.apache.pekko.dispatch.MessageDispatcherConfigurator;

/**
 * Makes every dispatcher of a virtual-time system a {@link FootprintDispatcher}: configured as
 * {@code type = "<this class>"} (see {@link VirtualTime#config()}); Pekko instantiates it
 * reflectively with the dispatcher's config section.
 */
public final class FootprintDispatcherConfigurator extends MessageDispatcherConfigurator {
  private final MessageDispatcher instance;

  public FootprintDispatcherConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    instance = new FootprintDispatcher(this, config);
  }

  @Override
  public MessageDispatcher dispatcher() {
    return instance;
  }
}
