package org.peerpath.subsystem;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.IoCommand;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.testing.Bytes;

/** Small helpers shared by the subsystem scenarios. */
final class Fixtures {
  private static final AtomicInteger runs = new AtomicInteger();

  private Fixtures() {}

  static long ms(double millis) {
    return Math.round(millis * 1_000_000);
  }

  /**
   * Default settings (2 servers, 4 KiB blocks, 1024 blocks) with a 5 ms watchdog, under a fresh
   * name.
   */
  static SubsystemSettings settings() {
    return SubsystemSettings.traceDefaults()
        .withName("t" + runs.incrementAndGet())
        .withWatchdog(Duration.ofMillis(5));
  }

  static SubsystemSettings withPaths(SubsystemSettings s, String... pathAndMillis) {
    for (int i = 0; i < pathAndMillis.length; i += 2) {
      s =
          s.withLatencyPath(
              pathAndMillis[i], Duration.ofNanos(ms(Double.parseDouble(pathAndMillis[i + 1]))));
    }
    return s;
  }

  static ByteString fill(int value, int blocks) {
    return Bytes.fill(value, blocks * 4096);
  }

  static IoCommand write(String id, long lba, int value, int blocks) {
    return IoCommand.write(id, lba, 4096, fill(value, blocks));
  }

  static List<HistoryEvent> kind(List<HistoryEvent> history, Kind kind) {
    return history.stream().filter(e -> e.kind() == kind).toList();
  }

  static List<HistoryEvent> of(List<HistoryEvent> history, Kind kind, String id) {
    return history.stream().filter(e -> e.kind() == kind && id.equals(e.id())).toList();
  }
}
