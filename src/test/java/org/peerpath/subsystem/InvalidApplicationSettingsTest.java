package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An invalid application setting is refused, with its key, every time the application's defaults
 * are asked for, and never keeps a trace from running: traces ignore application settings. Run in a
 * JVM of its own, since the defaults are read once per JVM.
 */
class InvalidApplicationSettingsTest {

  @Test
  void anInvalidApplicationSettingIsRefusedEachTimeAndLeavesTraceDefaultsAlone() throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dpeerpath.subsystem.servers=0",
            "-cp",
            System.getProperty("java.class.path"),
            DefaultsProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the probe did not end in 2 minutes");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(
        "refused peerpath.subsystem.servers must be 1..16, not 0\n"
            + "refused peerpath.subsystem.servers must be 1..16, not 0\n"
            + "trace 2\n",
        out);
    assertEquals(0, p.exitValue());
  }
}
