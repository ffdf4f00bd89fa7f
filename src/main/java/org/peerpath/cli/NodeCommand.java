package org.peerpath.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.peerpath.bench.cluster.Echo;
import org.peerpath.cluster.ClusterNode;
import org.peerpath.cluster.ClusterView;
import org.peerpath.cluster.ElementReachability;
import org.peerpath.cluster.ElementSpawner;
import org.peerpath.cluster.FrameBudget;
import org.peerpath.cluster.LauncherLink;
import org.peerpath.cluster.MembershipLog;
import org.peerpath.cluster.ModelPlacement;
import org.peerpath.cluster.NodeConfig;
import org.peerpath.cluster.NodeLines;
import org.peerpath.cluster.NodeRole;
import org.peerpath.cluster.NodeSettings;
import org.peerpath.cluster.Seed;
import org.peerpath.cluster.TlsStores;
import org.peerpath.command.Elements;
import org.peerpath.disk.DiskBackend;
import org.peerpath.subsystem.SubsystemSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Starts one cluster node by hand (docs/cluster.md).",
      "",
      "One JVM of the clustered subsystem: a host, a server (with its adapter and memory) or the disk, as a member "
          + "of a Pekko cluster on HOST:PORT. Start the disk first without --seed (it starts the cluster), then the "
          + "others with --seed pointing at it. Prints when the node is Up and every change of the members it sees; "
          + "runs until Ctrl-C or SIGTERM, then leaves the cluster. Split Brain Resolver: the side that holds the disk "
          + "node is kept, every other side ends.",
      "",
      "Exit code 130 or 143 after Ctrl-C or SIGTERM (the node has left the cluster first), 0 after leaving when "
          + "its launcher is gone, 1 when the cluster downed this node, 2 on bad usage or input (nothing run), "
          + "when no seed let it join within 30 s, and when its settings differ from the cluster's."
    })
final class NodeCommand implements Callable<Integer> {

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "host, server or disk.")
  String role;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The element the node carries: host-N, server-N or disk.")
  String name;

  @Option(
      names = "--port",
      required = true,
      paramLabel = "PORT",
      description = "The port it listens on, 1..65535.")
  int port;

  @Option(
      names = "--seed",
      paramLabel = "HOST:PORT",
      description =
          "A node to join through (repeatable), at the address it shows in its Up line; none: start a new "
              + "cluster. The node gives up and exits 2 if none lets it join within 30 s.")
  List<String> seeds;

  @Option(
      names = "--hostname",
      defaultValue = "127.0.0.1",
      description = "The address it listens on and others reach it at (default: ${DEFAULT-VALUE}).")
  String hostname;

  @Option(
      names = "--tls",
      description =
          "Artery over TLS with mutual authentication; keys and certificates are made in --tls-dir on first use.")
  boolean tls;

  @Option(
      names = "--tls-dir",
      defaultValue = "target/peerpath-tls",
      paramLabel = "DIR",
      description = "Where the TLS stores are, or are made (default: ${DEFAULT-VALUE}).")
  Path tlsDir;

  @Option(
      names = "--disk-dir",
      paramLabel = "DIR",
      description =
          "The disk node keeps its blocks in DIR/disk.img, forced to stable storage before a write is acknowledged, "
              + "and finds them there again when restarted (default: "
              + DEFAULT_DISK_DIR
              + ").")
  Path diskDir;

  static final String DEFAULT_DISK_DIR = "target/peerpath-disk";

  @Option(
      names = "--disk-in-memory",
      description = "The disk node keeps its blocks in memory: lost when it ends.")
  boolean diskInMemory;

  @Option(
      names = "--workload",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "A host node writes blocks 0..N-1, sending to the servers in turn, reads each back through the next "
              + "server, and prints a line per command (default: none).")
  int workload;

  @Option(
      names = "--exit-with-stdin",
      hidden = true,
      description =
          "Leave and end when standard input ends (the launcher is gone); obey its lines.")
  boolean exitWithStdin;

  @Option(
      names = "--allow-cut",
      hidden = true,
      description = "Accept cut/heal commands on standard input (Artery's test mode).")
  boolean allowCut;

  @Option(
      names = "--echo",
      hidden = true,
      description =
          "Also answer bench --cluster's raw round trips (an echo listed under this node's name).")
  boolean echo;

  @Override
  public Integer call() throws InterruptedException {
    PrintStream err = System.err;
    NodeSettings settings;
    ModelPlacement placement;
    try {
      settings = settings();
      requireFreePort(settings);
      if (tls) settings = settings.withTls(TlsStores.ensure(tlsDir));
      placement = placement(settings);
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      err.println("peerpath node: " + e.getMessage());
      return 2;
    }
    String self = settings.name();
    say(
        self,
        "starting as "
            + settings.role().wireName()
            + " at "
            + settings.asSeed()
            + (tls ? " over TLS" : "")
            + (settings.seeds().isEmpty()
                ? ", starting a new cluster"
                : ", joining through " + settings.seeds()));
    ClusterNode node;
    try {
      ElementSpawner elements = membershipLog().andThen(placement);
      if (echo) elements = elements.andThen(Echo.spawner());
      node = ClusterNode.start(settings, elements);
    } catch (RuntimeException e) {
      err.println("peerpath node: " + self + " could not start: " + rootCause(e));
      return 2;
    }
    NodeSettings started = settings;
    node.up().thenRun(() -> System.out.println(NodeLines.up(started, node.address())));
    sayHowItEnds(node);
    if (exitWithStdin)
      LauncherLink.follow(System.in, node, line -> say(self, line), () -> leaveOrHalt(node));
    node.terminated().toCompletableFuture().join();
    CoordinatedShutdown.Reason reason =
        CoordinatedShutdown.get(node.system()).getShutdownReason().orElse(null);
    if (reason == CoordinatedShutdown.clusterJoinUnsuccessfulReason()) {
      err.println("peerpath node: " + couldNotJoin(node));
      return 2;
    }
    if (node.refused().isPresent()) {
      err.println("peerpath node: " + self + ": " + node.refused().get());
      return 2;
    }
    return reason == CoordinatedShutdown.clusterDowningReason() ? 1 : 0;
  }

  /**
   * The node's last line, said in the last phase before its actor system ends. After Ctrl-C or
   * SIGTERM the node leaves from Pekko's shutdown hook and the JVM then ends as the signal says
   * (130, 143): {@code call()} may never run again, and its {@code System.exit} would wait for
   * ever.
   */
  private static void sayHowItEnds(ClusterNode node) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(node.system());
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "say-how-the-node-ended",
        () -> {
          CoordinatedShutdown.Reason reason = shutdown.getShutdownReason().orElse(null);
          boolean wasUp =
              node.up().toCompletableFuture().isDone()
                  && !node.up().toCompletableFuture().isCompletedExceptionally();
          // A node that could not join, or that left because its settings differ from the
          // cluster's, says why on stderr once it has ended (call()).
          if (reason == CoordinatedShutdown.clusterDowningReason())
            say(node.settings().name(), "downed by the cluster; ended");
          else if (reason != CoordinatedShutdown.clusterJoinUnsuccessfulReason()
              && node.refused().isEmpty())
            say(
                node.settings().name(),
                wasUp ? "left the cluster; ended" : "ended before it was Up");
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  /**
   * Why a node gave up joining, and what to check: Pekko retries a seed that does not answer for
   * ever unless told otherwise ({@link NodeConfig#JOIN_LIMIT}), and both a seed that is not running
   * and one addressed by another name than its own (Artery drops what is not addressed to the name
   * it advertises) look the same from here: no answer.
   */
  private static String couldNotJoin(ClusterNode node) {
    NodeSettings s = node.settings();
    String limit = node.system().settings().config().getString(NodeConfig.JOIN_LIMIT_KEY);
    return s.name()
        + " could not join through "
        + s.seeds().stream().map(Seed::toString).collect(Collectors.joining(", "))
        + " within "
        + limit
        + ": no node there let it in. Check that a node runs there (the disk node starts first, "
        + "without --seed), that HOST:PORT is exactly the address in its 'Up at "
        + "pekko://peerpath@HOST:PORT' line (a node at 127.0.0.1 does not answer to localhost), and "
        + "that it runs "
        + (s.tls().isPresent() ? "with" : "without")
        + " --tls as this one does; to wait longer, PEERPATH_JAVA_OPTS=-D"
        + NodeConfig.JOIN_LIMIT_KEY
        + "=60s";
  }

  private NodeSettings settings() {
    NodeRole r = NodeRole.parse(role);
    if (port < 1 || port > 65535)
      throw new IllegalArgumentException("--port " + port + " is not in 1..65535");
    List<Seed> parsed = seeds == null ? List.of() : seeds.stream().map(Seed::parse).toList();
    return new NodeSettings(r, name, hostname, port, parsed, Optional.empty(), allowCut);
  }

  /**
   * What the node runs of the model, checked before anything starts: the subsystem's settings as
   * the node's config has them, the node's place among them, a command that fits one message, the
   * workload's blocks on the disk.
   */
  private ModelPlacement placement(NodeSettings node) {
    if (diskInMemory && diskDir != null)
      throw new IllegalArgumentException("give --disk-dir or --disk-in-memory, not both");
    if (workload < 0) throw new IllegalArgumentException("--workload " + workload + " is negative");
    if (workload > 0 && node.role() != NodeRole.HOST)
      throw new IllegalArgumentException("--workload is for a host node");
    if ((diskInMemory || diskDir != null) && node.role() != NodeRole.DISK)
      throw new IllegalArgumentException("--disk-dir and --disk-in-memory are for the disk node");
    SubsystemSettings s;
    com.typesafe.config.Config config = NodeConfig.of(node);
    try {
      s = SubsystemSettings.fromConfig(config);
    } catch (com.typesafe.config.ConfigException e) {
      throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
    }
    int index =
        node.role() == NodeRole.SERVER
            ? Elements.index(node.name(), Elements.SERVER_PREFIX)
            : node.role() == NodeRole.HOST ? Elements.index(node.name(), Elements.HOST_PREFIX) : 0;
    if (node.role() == NodeRole.SERVER && index > s.servers())
      throw new IllegalArgumentException(
          node.name()
              + " is not a server of this configuration: peerpath.subsystem.servers = "
              + s.servers()
              + " (set it alike on every node)");
    if (workload > s.blocks())
      throw new IllegalArgumentException(
          "--workload " + workload + " is more blocks than the disk's " + s.blocks());
    FrameBudget.of(config)
        .require(
            s.bytesPerCommandMax(),
            "a command of max-transfer-blocks ("
                + s.maxTransferBlocks()
                + " blocks of "
                + s.blockSize()
                + " bytes)");
    ModelPlacement.DiskPlace disk =
        node.role() != NodeRole.DISK || diskInMemory
            ? ModelPlacement.DiskPlace.inMemory()
            : ModelPlacement.DiskPlace.under(diskDir != null ? diskDir : Path.of(DEFAULT_DISK_DIR));
    String self = node.name();
    DiskBackend backend = null;
    if (node.role() == NodeRole.DISK) {
      try {
        backend = ModelPlacement.openDisk(disk, s);
        say(
            self,
            "the disk's blocks are "
                + disk.file().map(f -> "in " + f.toAbsolutePath()).orElse("in memory"));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot use the disk " + disk.file().orElseThrow() + ": " + e.getMessage(), e);
      }
    }
    return new ModelPlacement(backend, workload, line -> say(self, line));
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  /** A clear word before Pekko's own failure to bind, which comes as a stack of exceptions. */
  private static void requireFreePort(NodeSettings s) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(s.hostname(), s.port()));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot listen on " + s.asSeed() + " (" + e.getMessage() + "): is the port in use?");
    }
  }

  private ElementSpawner membershipLog() {
    return (context, node) -> {
      var log =
          context.spawn(MembershipLog.create(line -> say(node.name(), line)), "membership-log");
      context.spawn(ElementReachability.create(log), "element-reachability");
      context.spawn(ClusterView.create(line -> say(node.name(), line)), "cluster-view");
    };
  }

  /** The launcher is gone: leave, and if leaving hangs, end the JVM anyway. */
  private static void leaveOrHalt(ClusterNode node) {
    say(node.settings().name(), "launcher gone (standard input ended); leaving");
    try {
      node.leave()
          .toCompletableFuture()
          .get(ClusterNode.leaveLimit().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      System.out.println(NodeLines.line(node.settings().name(), "could not leave in time; ending"));
      System.out.flush();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void say(String node, String text) {
    System.out.println(NodeLines.line(node, text));
    System.out.flush();
  }
}
