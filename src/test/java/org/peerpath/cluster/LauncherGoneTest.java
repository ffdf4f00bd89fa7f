package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child nodes never outlive their launcher: killed with SIGKILL (no shutdown hook runs), the
 * launcher's end closes the children's standard input and each leaves and ends by itself; ended
 * with SIGTERM, the launcher's shutdown hook ends them.
 */
@Timeout(value = 55, unit = TimeUnit.SECONDS)
class LauncherGoneTest {
  private static final Duration CHILD_ENDS_WITHIN = Duration.ofSeconds(15);

  @TempDir Path dir;
  final List<ProcessHandle> started = new ArrayList<>();

  @AfterEach
  void endEveryProcess() {
    for (ProcessHandle p : started) p.destroyForcibly();
  }

  @Test
  void aChildNodeEndsByItselfWhenItsLauncherIsKilled() throws Exception {
    Process parent = launchParent();
    ProcessHandle child = awaitChild(parent);
    long kill = System.nanoTime();
    parent.destroyForcibly();
    boolean ended =
        child.onExit().toCompletableFuture().completeOnTimeout(null, 15, TimeUnit.SECONDS).get()
            != null;
    assertTrue(ended || !child.isAlive(), "the child outlived its killed launcher by 15 s");
    System.out.printf(
        "launcher SIGKILLed: its child node ended %d ms later%n",
        (System.nanoTime() - kill) / 1_000_000);
  }

  @Test
  void aChildNodeIsEndedWhenItsLauncherIsAskedToEnd() throws Exception {
    Process parent = launchParent();
    ProcessHandle child = awaitChild(parent);
    parent.destroy(); // SIGTERM: the launcher's shutdown hook ends its children
    assertTrue(parent.waitFor(CHILD_ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS), "launcher hung");
    assertTrue(!child.isAlive(), "the child outlived its launcher");
  }

  private Process launchParent() throws Exception {
    Path logs = dir.resolve("logs");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ChildNodes.SMALL_JVM);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            LaunchingParent.class.getName(),
            logs.toString(),
            "" + LoopbackNodes.freePorts(1)[0]));
    Process parent =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("parent.log").toFile())
            .start();
    started.add(parent.toHandle());
    return parent;
  }

  /** Waits for the parent to print its child's process id (the child is Up by then). */
  private ProcessHandle awaitChild(Process parent) throws Exception {
    Path log = dir.resolve("parent.log");
    long deadline = System.nanoTime() + LoopbackNodes.UP_LIMIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      long pid = LaunchingParent.childPid(Files.readAllLines(log));
      if (pid > 0) {
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        assertTrue(child.isPresent(), "the child ended before its launcher");
        started.add(child.get());
        return child.get();
      }
      assertTrue(parent.isAlive(), "the launcher ended: " + Files.readString(log));
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("no child pid from the launcher: " + Files.readString(log));
  }
}
