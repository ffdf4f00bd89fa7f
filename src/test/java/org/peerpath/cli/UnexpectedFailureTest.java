package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.cli.CommandLineContractTest.PEER_PATH;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.cli.CommandLineContractTest.Run;

/**
 * Command line: a run that ends in an exception instead of a verdict says so in one line naming the
 * seed or trace, with exit code 2 and no stack trace unless --stack-trace asks for one. These run
 * peerpath in a JVM of its own, since what they break (the configuration, the heap) is the JVM's.
 */
class UnexpectedFailureTest {
  @TempDir Path dir;

  /**
   * Runs {@code java JVM_OPTIONS org.peerpath.cli.Main ARGS} with this test's class path and the
   * project's logging.
   */
  Run java(List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-Dlogback.configurationFile=logback.xml",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "peerpath ended");
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static void assertOneLine(Run r, String start) {
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out(), "no verdict was printed");
    assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    assertTrue(r.err().startsWith(start), r.err());
  }

  @Test
  void aMistakeInTheConfigurationEndsReplayAndSimulateInOneLineBeforeAnythingRuns()
      throws Exception {
    List<String> badDeadline = List.of("-Dpeerpath.subsystem.deadline=soon");
    Path history = dir.resolve("history.jsonl");
    Run replay = java(badDeadline, "replay", PEER_PATH, "--history", history.toString());
    assertOneLine(replay, "peerpath replay: the configuration is wrong: ");
    assertTrue(replay.err().contains("deadline"), replay.err());
    assertFalse(Files.exists(history));
    Run simulate =
        java(badDeadline, "simulate", "--seeds", "2", "--commands", "10", "--out", dir.toString());
    assertOneLine(simulate, "peerpath simulate: the configuration is wrong: ");
  }

  @Test
  void stackTraceAsksForWhereItCameFrom() throws Exception {
    Run r =
        java(List.of("-Dpeerpath.subsystem.deadline=soon"), "replay", PEER_PATH, "--stack-trace");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("peerpath replay: the configuration is wrong: "), r.err());
    assertTrue(r.err().contains("\tat org.peerpath.subsystem.SubsystemSettings"), r.err());
  }

  @Test
  void aTraceWhoseDataDoesNotFitTheHeapEndsInOneLineNamingItAndTheLimit() throws Exception {
    // Ten writes of 64 MiB each, in a file of a few hundred bytes: the data is made as the trace is
    // read.
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      text.append("{\"at\":\"0ms\",\"kind\":\"command\",\"id\":\"w")
          .append(i)
          .append(
              "\",\"server\":\"server-1\",\"op\":\"write\",\"lba\":0,\"data\":{\"fill\":1,\"blocks\":16384}}\n");
    }
    Path trace = Files.writeString(dir.resolve("huge-writes.jsonl"), text);
    Path history = dir.resolve("history.jsonl");
    Run r =
        java(
            List.of("-Xmx96m", "-XX:+UseSerialGC"),
            "replay",
            trace.toString(),
            "--history",
            history.toString());
    assertOneLine(
        r,
        "peerpath replay: ran out of memory in trace "
            + trace
            + ", while reading it: this Java may use at most ");
    assertTrue(r.err().contains("PEERPATH_JAVA_OPTS=-Xmx"), r.err());
    assertFalse(Files.exists(history));
  }

  @Test
  void anInternalErrorInASeedIsOneLineNamingTheSeedAndHowToRunItAgain() {
    var e = new IllegalStateException("the driver stopped", new ArithmeticException("/ by zero"));
    assertEquals(
        "internal error in seed 42 (not a failure of the model; no verdict): java.lang.IllegalStateException: "
            + "the driver stopped (caused by java.lang.ArithmeticException: / by zero); run it again with: "
            + "bin/peerpath simulate --seeds 1 --commands 200 --seed 42 --stack-trace",
        Crash.line(
            "seed 42", "bin/peerpath simulate --seeds 1 --commands 200 --seed 42", e, false));
  }
}
