package org.peerpath.bench.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.event.Logging;
import org.peerpath.adapter.FaultMode;
import org.peerpath.cluster.ChildNode;
import org.peerpath.cluster.ChildNodes;
import org.peerpath.cluster.ClusterNode;
import org.peerpath.cluster.ElementKeys;
import org.peerpath.cluster.Listings;
import org.peerpath.cluster.LoopbackPorts;
import org.peerpath.cluster.ModelPlacement;
import org.peerpath.cluster.NodeConfig;
import org.peerpath.cluster.NodeRole;
import org.peerpath.cluster.NodeSettings;
import org.peerpath.cluster.NodeTally;
import org.peerpath.cluster.Seed;
import org.peerpath.cluster.TlsStores;
import org.peerpath.host.Host;
import org.peerpath.server.Server;

/**
 * {@code bin/peerpath bench --cluster}: the model's commands per second across JVMs beside raw
 * Artery round trips measured in the same run, over the same transport (TCP, or TLS with {@code
 * --tls}), with the same payload and as many in flight. It launches the disk, server-1 and server-2
 * as node JVMs on 127.0.0.1 ({@link ChildNodes}, as the clustered demo does), server-1 with an
 * {@link Echo}; once they are Up this JVM joins as host-1, carrying the host as a host node does,
 * and crashes adapter-1. Then {@link Rounds} measures, and every node is ended by its process id
 * whatever happens.
 *
 * <p>The direct path is a write to server-2, whose adapter works; the peer path a write to
 * server-1, which forwards it to server-2, whose adapter DMAs into memory-1 across JVMs (claims 1,
 * 4, 8, 10).
 */
public final class ClusterBench {
  private static final Duration UP_LIMIT = Duration.ofSeconds(40);
  private static final Duration FIND_LIMIT = Duration.ofSeconds(20);

  /**
   * What to run.
   *
   * @param entry the main class and its arguments before a node's own (the command line's main
   *     class and {@code node})
   * @param runDir where the nodes' logs go
   * @param jvmOptions each node JVM's options
   * @param tlsDir the TLS stores (made there on first use), or none for plain TCP
   */
  public record Options(
      List<String> entry,
      Path runDir,
      List<String> jvmOptions,
      Optional<Path> tlsDir,
      int rounds,
      double seconds,
      double warmupSeconds,
      int outstanding) {}

  /**
   * The run gave no figures, for a reason outside the model: the cluster did not form, this JVM
   * could not join it, an element was never listed. The command says so in one line and exits 2.
   */
  public static final class NoFigures extends Exception {
    public NoFigures(String message) {
      super(message);
    }
  }

  private final Options o;
  private final Consumer<String> progress;

  public ClusterBench(Options options, Consumer<String> progress) {
    this.o = options;
    this.progress = progress;
  }

  public ClusterBenchReport run() throws Exception {
    long start = System.nanoTime();
    Optional<TlsStores> tls =
        o.tlsDir().isPresent() ? Optional.of(TlsStores.ensure(o.tlsDir().get())) : Optional.empty();
    int[] ports = LoopbackPorts.free(4);
    Seed seed = new Seed("127.0.0.1", ports[0]);
    Map<String, Long> upMillis = new LinkedHashMap<>();
    Figures figures;
    List<ChildNode> launched;
    try (ChildNodes nodes = new ChildNodes(o.entry(), o.runDir(), jvmOptions())) {
      nodes.launchNode(
          NodeRole.DISK, "disk", ports[0], Optional.empty(), o.tlsDir(), "--disk-in-memory");
      nodes.launchNode(
          NodeRole.SERVER, "server-1", ports[1], Optional.of(seed), o.tlsDir(), "--echo");
      nodes.launchNode(NodeRole.SERVER, "server-2", ports[2], Optional.of(seed), o.tlsDir());
      progress.accept("launched " + nodes.children() + "; logs in " + o.runDir());
      try {
        nodes.awaitUp(
            UP_LIMIT, n -> upMillis.put(n.name(), (System.nanoTime() - start) / 1_000_000));
      } catch (TimeoutException e) {
        throw new NoFigures("the cluster did not form: " + firstLine(e.getMessage()));
      }
      ClusterNode host = joinAsHost(ports[3], seed, tls);
      try {
        List<Long> pids = new ArrayList<>();
        pids.add(ProcessHandle.current().pid());
        for (ChildNode n : nodes.children()) pids.add(n.pid());
        figures = measure(host, pids, start);
      } finally {
        progress.accept("leaving the cluster and ending the nodes");
        // The run is over: connections that the other nodes close as this one leaves are
        // expected, and each would say so in a warning.
        Adapter.toClassic(host.system()).eventStream().setLogLevel(Logging.ErrorLevel());
        host.leaveOrTerminate();
        launched = nodes.children();
      }
    }
    List<ClusterBenchReport.Node> ended = new ArrayList<>();
    for (ChildNode n : launched)
      ended.add(
          new ClusterBenchReport.Node(
              n.name(),
              n.name().equals("disk") ? "disk" : "server",
              n.pid(),
              upMillis.getOrDefault(n.name(), -1L),
              n.exit().orElse("running")));
    return figures.report(
        tls.isPresent(), ended, o.runDir().toString(), (System.nanoTime() - start) / 1_000_000);
  }

  private Figures measure(ClusterNode host, List<Long> pids, long start) throws Exception {
    try {
      host.up().toCompletableFuture().get(UP_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new NoFigures(
          "this JVM could not join the cluster as host-1: "
              + firstLine(e.getCause() != null ? e.getCause().getMessage() : e.toString()));
    }
    progress.accept(
        String.format(
            "this JVM joined as host-1 after %d ms; finding the elements",
            (System.nanoTime() - start) / 1_000_000));
    ActorSystem<Void> system = host.system();
    Rounds.Parts parts;
    try {
      Map<String, ActorRef<NodeTally.Request>> tallies = new LinkedHashMap<>();
      for (String node : List.of("host-1", "disk", "server-1", "server-2"))
        tallies.put(node, Listings.first(system, NodeTally.key(node), FIND_LIMIT));
      parts =
          new Rounds.Parts(
              system,
              Listings.first(system, ElementKeys.of("host-1", Host.Command.class), FIND_LIMIT),
              Listings.first(system, Echo.key("server-1"), FIND_LIMIT),
              tallies,
              new CpuTime(pids));
      Listings.first(system, ElementKeys.of("server-1", Server.Command.class), FIND_LIMIT)
          .tell(new Server.InjectFault(FaultMode.CRASH, 0));
    } catch (IllegalStateException e) {
      throw new NoFigures(e.getMessage() + downedHint(o.runDir()));
    }
    progress.accept(
        String.format(
            "the cluster is up in %d ms; adapter-1 crashed, so server-1 forwards to server-2",
            (System.nanoTime() - start) / 1_000_000));
    return new Rounds(o, parts, progress).run();
  }

  /**
   * This JVM as host-1: a host node like any other ({@link ModelPlacement}), with the servers'
   * queue depth raised as theirs is ({@link #jvmOptions()}).
   */
  private ClusterNode joinAsHost(int port, Seed seed, Optional<TlsStores> tls) {
    NodeSettings own =
        new NodeSettings(NodeRole.HOST, "host-1", "127.0.0.1", port, List.of(seed), tls, false);
    Config config =
        ConfigFactory.parseMap(Map.of(QUEUE_DEPTH, queueDepth())).withFallback(NodeConfig.of(own));
    return ClusterNode.start(own, config, new ModelPlacement(null, 0, line -> {}));
  }

  private static final String QUEUE_DEPTH = "peerpath.subsystem.queue-depth";

  /** A server admits every command in flight: none is answered BUSY. */
  private int queueDepth() {
    return Math.max(ConfigFactory.load().getInt(QUEUE_DEPTH), o.outstanding());
  }

  private List<String> jvmOptions() {
    List<String> options = new ArrayList<>(o.jvmOptions());
    options.add("-D" + QUEUE_DEPTH + "=" + queueDepth());
    return options;
  }

  /**
   * What to look at when a node stopped serving: on a machine too loaded for the failure detector,
   * the cluster downs live nodes.
   */
  static String downedHint(Path runDir) {
    return "; if a node's log in "
        + runDir
        + " says it was downed by the cluster, give every node a more patient failure detector:"
        + " PEERPATH_JAVA_OPTS=-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=6s";
  }

  /** The first line of a message that ends with a node's log: one line for the command to say. */
  private static String firstLine(String message) {
    String first = message == null ? "" : message.lines().findFirst().orElse("");
    return first.endsWith(" ends:") ? first.substring(0, first.length() - 6) : first;
  }

  /** Where a run's node logs go unless told: {@code target/peerpath-bench/cluster-TIME}. */
  public static Path defaultRunDir() {
    return Path.of(
        "target",
        "peerpath-bench",
        "cluster-"
            + java.time.LocalDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }
}
