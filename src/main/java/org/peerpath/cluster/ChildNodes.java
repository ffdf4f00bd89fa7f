package org.peerpath.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Launches node JVMs as child processes of this one, on the same Java and classpath, each writing
 * to a log file of its own, and ends every one of them by its process id whatever happens: on
 * {@link #close()} (a normal end, or an error in a try-with-resources), on Ctrl-C or SIGTERM (a
 * shutdown hook), and, when this JVM is killed outright, by the children themselves: each runs with
 * {@code --exit-with-stdin} and ends when the pipe this JVM holds to its standard input closes.
 *
 * <p>The entry point is given by the caller (the command line's main class and {@code node}), so
 * the core does not depend on the launcher's packages.
 */
public final class ChildNodes implements AutoCloseable {
  /**
   * JVM options for a small node on a small machine: a 128 MB heap, the client compiler only (it
   * starts faster and competes less for the cores), the serial collector, class data sharing.
   */
  public static final List<String> SMALL_JVM =
      List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  /** How long a node has to leave the cluster when asked to end, before it is killed. */
  public static final Duration GRACE = Duration.ofSeconds(10);

  private final List<String> entry;
  private final Path logDir;
  private final List<String> jvmOptions;
  private final List<ChildNode> children = new CopyOnWriteArrayList<>();
  private final Thread hook;

  /**
   * @param entry the main class and the arguments before the node's own (the command line's main
   *     class, then {@code node})
   * @param logDir where each node's log goes ({@code NAME.log})
   * @param jvmOptions options for each node's JVM ({@link #SMALL_JVM})
   */
  public ChildNodes(List<String> entry, Path logDir, List<String> jvmOptions) throws IOException {
    this.entry = List.copyOf(entry);
    this.logDir = logDir;
    this.jvmOptions = List.copyOf(jvmOptions);
    Files.createDirectories(logDir);
    this.hook = new Thread(this::endAll, "end-child-nodes");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts a node JVM called {@code name} with {@code nodeArgs} after the entry ({@code --role
   * server --name server-2 --port 2552 --seed 127.0.0.1:2551}), plus {@code --exit-with-stdin}.
   */
  public ChildNode launch(String name, List<String> nodeArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    String configFile = System.getProperty("config.file");
    if (configFile != null) command.add("-Dconfig.file=" + configFile);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(entry);
    command.addAll(nodeArgs);
    command.add("--exit-with-stdin");
    Path log = logDir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    ChildNode child = new ChildNode(name, process, log);
    children.add(child);
    return child;
  }

  /**
   * Starts node {@code name} of {@code role} on 127.0.0.1:{@code port}, joining through {@code
   * seed} (none: it starts the cluster), over TLS with the stores in {@code tlsDir} if one is
   * given, with {@code extra} arguments after its own ({@code --disk-in-memory}).
   */
  public ChildNode launchNode(
      NodeRole role,
      String name,
      int port,
      Optional<Seed> seed,
      Optional<Path> tlsDir,
      String... extra)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("--role", role.wireName(), "--name", name, "--port", Integer.toString(port)));
    seed.ifPresent(s -> args.addAll(List.of("--seed", s.toString())));
    tlsDir.ifPresent(d -> args.addAll(List.of("--tls", "--tls-dir", d.toString())));
    args.addAll(List.of(extra));
    return launch(name, args);
  }

  /**
   * Waits for every node launched so far to be Up, in the order they were launched, each within
   * {@code limit} of the wait for it; tells {@code up} of each as it comes Up.
   *
   * @throws TimeoutException naming the first node that did not come Up (or ended before), with the
   *     end of its log
   */
  public void awaitUp(Duration limit, Consumer<ChildNode> up)
      throws TimeoutException, InterruptedException {
    for (ChildNode n : children) {
      n.awaitUp(limit);
      up.accept(n);
    }
  }

  /** The nodes launched so far. */
  public List<ChildNode> children() {
    return List.copyOf(children);
  }

  /**
   * Ends every node: asks them all to leave (SIGTERM), then kills by process id any still there
   * after {@link #GRACE}.
   */
  @Override
  public void close() {
    endAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run: the nodes are being ended there too.
    }
  }

  private void endAll() {
    for (ChildNode c : children) c.requestStop();
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (ChildNode c : children) {
      try {
        c.endBy(deadline);
      } catch (InterruptedException e) {
        c.kill();
        Thread.currentThread().interrupt();
      }
    }
  }
}
