package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/** Settings come from the ActorSystem's own configuration, as Pekko's extensions read theirs. */
class SettingsFromTheSystemTest {

  @Test
  void whatTheTestKitSystemWasGivenIsWhatTheSubsystemGets() {
    ActorTestKit kit =
        ActorTestKit.create(
            ConfigFactory.parseString(
                "peerpath.subsystem { queue-depth = 7, servers = 3, watchdog = 40ms }"));
    try {
      SubsystemSettings s = SubsystemSettings.create(kit.system());
      assertEquals(7, s.queueDepth());
      assertEquals(3, s.servers());
      assertEquals(Duration.ofMillis(40), s.watchdog());
      assertEquals(
          SubsystemSettings.defaults().blockSize(),
          s.blockSize(),
          "what it leaves out takes the defaults");
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void aTracesDefaultsIgnoreSystemProperties() {
    System.setProperty("peerpath.subsystem.servers", "1");
    ConfigFactory.invalidateCaches();
    try {
      assertEquals(2, SubsystemSettings.fromConfig(SettingsConfig.traceConfig()).servers());
    } finally {
      System.clearProperty("peerpath.subsystem.servers");
      ConfigFactory.invalidateCaches();
    }
  }
}
