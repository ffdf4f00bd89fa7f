package org.peerpath.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Node JVMs on 127.0.0.1 for the tests: free loopback ports, and {@code bin/peerpath node}'s
 * arguments for a node of a given role and name.
 */
final class LoopbackNodes {
  /** The launcher's own entry, as the clustered demo uses it. */
  static final List<String> ENTRY = List.of("org.peerpath.cli.Main", "node");

  /** How long a node JVM may take to be Up on a busy two-core machine. */
  static final Duration UP_LIMIT = Duration.ofSeconds(30);

  private LoopbackNodes() {}

  /**
   * Small JVMs with a failure detector patient enough for a build beside other JVMs on two cores,
   * and a Split Brain Resolver that waits for it: with the defaults, a live node was taken for dead
   * and downed while a test ran. The tests print the times they see, they do not assert them.
   */
  static final List<String> PATIENT_JVM =
      java.util.stream.Stream.concat(
              ChildNodes.SMALL_JVM.stream(),
              java.util.stream.Stream.of(
                  "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=5s",
                  // Detection that slow and uneven under load needs a longer wait before the
                  // Split Brain Resolver decides, or a cut that heals downs both servers first.
                  "-Dpekko.cluster.split-brain-resolver.stable-after=10s"))
          .toList();

  static ChildNodes in(Path logs) throws IOException {
    return new ChildNodes(ENTRY, logs, PATIENT_JVM);
  }

  /** {@code n} ports free on 127.0.0.1 now (each bound and released). */
  static int[] freePorts(int n) {
    try {
      return LoopbackPorts.free(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code --role R --name N --port P [--seed 127.0.0.1:S]} plus {@code extra}. */
  static List<String> args(String role, String name, int port, int seedPort, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("--role", role, "--name", name, "--port", "" + port));
    if (seedPort > 0) args.addAll(List.of("--seed", "127.0.0.1:" + seedPort));
    args.addAll(List.of(extra));
    return args;
  }

  /**
   * A line of the membership log about {@code node}'s {@code change} ({@code server-2
   * unreachable}).
   */
  static boolean says(String line, String node, String change) {
    return line.contains(": " + node + " " + change + ";");
  }
}
