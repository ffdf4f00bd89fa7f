package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.kind;
import static org.peerpath.subsystem.Fixtures.settings;

import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.coverage.Coverage;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.runtime.VirtualTime;

/**
 * Under virtual time a working adapter is asked how it is once per watchdog period: often enough to
 * find a hang within twice the watchdog, and no more often, since every check and its answer are
 * two messages (each with its path's latency) that a simulated seed would otherwise run hundreds of
 * times over. Counted by coverage, which counts every message an adapter receives, by type.
 */
class WatchdogCadenceTest {

  @Test
  void anIdleWorkingAdapterIsCheckedOncePerWatchdogPeriod() {
    try (var runtime = VirtualTime.create(Behaviors.empty(), "watchdog-cadence", Coverage.on());
        var run = VirtualSubsystem.start(runtime, settings())) {
      Duration watchdog = run.subsystem().settings().watchdog();
      long before = healthChecks(runtime.system());
      run.runFor(watchdog.multipliedBy(40));
      long perAdapter = (healthChecks(runtime.system()) - before) / 2;
      assertTrue(
          perAdapter >= 39 && perAdapter <= 41,
          perAdapter + " checks per adapter in 40 watchdog periods");
      assertEquals(0, kind(run.history(), Kind.ADAPTER_DOWN).size(), "no adapter taken for down");
    }
  }

  /** The health checks the adapters of {@code system} have received so far, in every state. */
  private static long healthChecks(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return Coverage.get(system).snapshot().taken().entrySet().stream()
        .filter(e -> e.getKey().actor().equals("adapter"))
        .filter(e -> e.getKey().message().equals("HealthCheck"))
        .mapToLong(e -> e.getValue())
        .sum();
  }
}
