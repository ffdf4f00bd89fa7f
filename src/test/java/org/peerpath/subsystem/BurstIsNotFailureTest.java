package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Load is not failure (docs/architecture.md §5): a burst of commands submitted at once to a freshly
 * spawned subsystem, in a JVM of its own (cold: nothing compiled yet), in real time, with no fault,
 * is answered GOOD or BUSY, BUSY only by a server holding queue-depth commands, and no adapter is
 * declared down. Run through {@link BurstRun}, the embedding API as a user's project calls it. How
 * a much shorter watchdog fares is measured by hand with BurstRun (docs/architecture.md, "Load is
 * not failure"): at 20 ms it depends on how busy the machine is, which a test must not.
 */
class BurstIsNotFailureTest {
  private static final Pattern LINE =
      Pattern.compile(
          "burst (\\d+) queueDepth (\\d+) counts \\{(.*)} adapterDown (\\d+) busyNotFull (\\d+) millis (\\d+)");

  @Test
  void aBurstOfTenThousandWithTheDefaultsIsAnsweredGoodOrBusyAndNoAdapterIsTakenForDown()
      throws Exception {
    Matcher m = burst(10_000);
    assertEquals("0", m.group(4), "adapter-down events: " + m.group());
    assertEquals("0", m.group(5), "BUSY answers from a server that was not full: " + m.group());
    assertOnlyGoodAndBusy(m);
  }

  private static void assertOnlyGoodAndBusy(Matcher m) {
    int good = 0;
    int total = 0;
    for (String entry : m.group(3).split(", ")) {
      String[] kv = entry.split("=");
      assertTrue(kv[0].equals("GOOD") || kv[0].equals("BUSY"), "only GOOD and BUSY: " + m.group());
      if (kv[0].equals("GOOD")) good = Integer.parseInt(kv[1]);
      total += Integer.parseInt(kv[1]);
    }
    assertEquals(Integer.parseInt(m.group(1)), total, "one answer per command");
    assertTrue(
        good >= 2 * Integer.parseInt(m.group(2)),
        "each server admits at least queue-depth: " + m.group());
  }

  private static Matcher burst(int commands, String... jvmOptions)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            BurstRun.class.getName(),
            String.valueOf(commands)));
    Path out = java.nio.file.Files.createTempFile("burst", ".out");
    try {
      // Output to a file, so that a child that hangs is ended by the time limit instead of blocking
      // a read.
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("the burst did not end in 3 minutes");
      }
      return summary(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      java.nio.file.Files.deleteIfExists(out);
    }
  }

  private static Matcher summary(int exit, String text) {
    assertEquals(0, exit, text);
    Matcher m = LINE.matcher(text);
    assertTrue(m.find(), "no summary line in: " + text);
    System.out.println(m.group());
    return m;
  }
}
