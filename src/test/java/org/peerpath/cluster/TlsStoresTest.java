package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The TLS stores as TlsStores makes and finds them, and the keytool runs it makes them with. */
@Timeout(value = 50, unit = TimeUnit.SECONDS)
class TlsStoresTest {
  @TempDir Path dir;

  @Test
  void aProgramThatHangsIsKilledWithItsChildrenAtTheLimitAndTheErrorSaysSo() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    long start = System.nanoTime();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                TlsStores.run(
                    dir,
                    List.of("/bin/sh", "-c", "echo started; sleep 600 & echo $! > sleep.pid; wait"),
                    "a hung program",
                    Duration.ofMillis(500)));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "it waited on");
    assertTrue(
        e.getMessage().startsWith("a hung program did not finish within 500 ms in " + dir),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("and was stopped: started"), e.getMessage());
    long sleeper = Long.parseLong(Files.readString(dir.resolve("sleep.pid")).strip());
    ProcessHandle.of(sleeper).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void aProgramThatFailsIsReportedWithItsExitCodeAndOutput() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                TlsStores.run(
                    dir,
                    List.of(
                        "/bin/sh", "-c", "echo keytool error: >&2; echo alias ca exists; exit 3"),
                    "keytool -genkeypair",
                    Duration.ofSeconds(20)));
    assertEquals(
        "keytool -genkeypair failed in " + dir + " (exit 3): keytool error: / alias ca exists",
        e.getMessage());
  }
}
