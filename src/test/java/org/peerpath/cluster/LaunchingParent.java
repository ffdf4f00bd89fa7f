package org.peerpath.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A launcher in a JVM of its own, for {@link LauncherGoneTest}: launches one disk node as a child,
 * waits until it is Up, prints the child's process id, and then waits to be ended.
 *
 * <p>Arguments: the log directory and the node's port.
 */
public final class LaunchingParent {
  private LaunchingParent() {}

  public static void main(String[] args) throws Exception {
    ChildNodes nodes = LoopbackNodes.in(Path.of(args[0]));
    ChildNode disk =
        nodes.launch(
            "disk",
            LoopbackNodes.args("disk", "disk", Integer.parseInt(args[1]), 0, "--disk-in-memory"));
    disk.awaitUp(LoopbackNodes.UP_LIMIT);
    System.out.println("child pid " + disk.pid());
    System.out.flush();
    new CountDownLatch(1).await(); // until SIGTERM (the hook ends the child) or SIGKILL
  }

  /** The child's process id in a line the parent printed, or -1. */
  static long childPid(List<String> lines) {
    return lines.stream()
        .filter(l -> l.startsWith("child pid "))
        .mapToLong(l -> Long.parseLong(l.substring("child pid ".length()).strip()))
        .findFirst()
        .orElse(-1);
  }
}
