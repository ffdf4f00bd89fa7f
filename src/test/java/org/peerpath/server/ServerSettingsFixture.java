package org.peerpath.server;

import java.time.Duration;

/** A server-1 with the geometry and times of a trace's defaults (reference.conf). */
final class ServerSettingsFixture {
  private ServerSettingsFixture() {}

  static ServerSettings serverOne(CompletionRule completion, Duration watchdog) {
    return new ServerSettings(
        "server-1",
        "adapter-1",
        "memory-1",
        4096,
        1024,
        64,
        1_000_000,
        completion,
        watchdog,
        Duration.ofMillis(200));
  }

  static ServerSettings serverOne() {
    return serverOne(Completion.BOTH, Duration.ofMillis(20));
  }
}
