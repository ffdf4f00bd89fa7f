package org.peerpath.demo.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.cluster.ChildNode;
import org.peerpath.cluster.ChildNodes;
import org.peerpath.cluster.ClusterNode;
import org.peerpath.cluster.ClusterView;
import org.peerpath.cluster.ElementKeys;
import org.peerpath.cluster.ElementSpawner;
import org.peerpath.cluster.Listings;
import org.peerpath.cluster.LoopbackPorts;
import org.peerpath.cluster.ModelPlacement;
import org.peerpath.cluster.NodeConfig;
import org.peerpath.cluster.NodeIncarnation;
import org.peerpath.cluster.NodeRole;
import org.peerpath.cluster.NodeSettings;
import org.peerpath.cluster.NodeTally;
import org.peerpath.cluster.Seed;
import org.peerpath.cluster.TlsStores;
import org.peerpath.command.CommandResult;
import org.peerpath.history.HistoryEvent;
import org.peerpath.host.Host;
import org.peerpath.server.Server;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.HistoryWriter;
import org.peerpath.trace.check.RegisterLinearizability;

/**
 * {@code bin/peerpath demo --cluster}: four node JVMs on 127.0.0.1 (disk, server-1, server-2,
 * host-1) launched as children, the launcher itself a fifth member (role {@code launcher}, nothing
 * of the model on it) that drives a workload through host-1, crashes adapter-1 and repairs it,
 * optionally cuts server-1 from server-2 and heals it, and SIGKILLs the server-2 JVM; then checks
 * its history for linearizability and reads every written block back through both servers. Every
 * child ends whatever happens ({@link ChildNodes}).
 */
public final class ClusterDemo {
  /**
   * The launcher's member role: no model element runs on it, the Split Brain Resolver ignores it.
   */
  public static final String ROLE = "launcher";

  private static final Duration UP_LIMIT = Duration.ofSeconds(40);
  private static final Duration FIND_LIMIT = Duration.ofSeconds(20);

  /** The longest a kill waits for the cluster's view to be clear of a healed cut. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  /**
   * What to run.
   *
   * @param entry the main class and its arguments before a node's own (the command line's main
   *     class and {@code node})
   * @param runDir where the nodes' logs go, and the history on a violation
   * @param workload how long the workload runs, at most (its faults are placed in it)
   * @param maxCommands the most workload commands (0: as many as fit in {@code workload})
   * @param jvmOptions each node JVM's options
   * @param historyOut where to write the history anyway, or null (on a violation it goes to runDir)
   */
  public record Options(
      List<String> entry,
      Path runDir,
      int concurrency,
      int workingSetBlocks,
      int maxCommands,
      long seed,
      Duration workload,
      boolean killServer,
      boolean partition,
      boolean tls,
      Path tlsDir,
      List<String> jvmOptions,
      boolean progress,
      Path historyOut) {}

  private final Options o;
  private final PrintStream err;
  private long lastProgress;

  public ClusterDemo(Options options, PrintStream err) {
    this.o = options;
    this.err = err;
  }

  /** When the faults happen, from the workload's start. */
  record Schedule(
      Duration fail, Duration repair, Duration cut, Duration heal, Duration kill, Duration end) {
    /**
     * The schedule of {@code o}, for nodes whose failure detector allows heartbeats to pause for
     * {@code pause}.
     *
     * <p>Without {@code --partition}: adapter-1 fails at 2 s and is repaired at 5 s; the kill is at
     * 6.5 s. With it, the cut falls while adapter-1 is down, so that it cuts the peer path server-1
     * is using: from 4 s for {@code pause} + a quarter of {@code stableAfter} + 1.5 s (5.5 s by
     * default), long enough for both servers' detectors to see it (about {@code pause} + 1 s, later
     * on a loaded machine) and short enough that the Split Brain Resolver, which waits {@code
     * stableAfter} after the last change, downs neither. adapter-1 is repaired a second after the
     * heal, and the kill comes 3 s after it.
     */
    static Schedule of(Options o, Duration pause, Duration stableAfter) {
      Duration fail = Duration.ofSeconds(2);
      Duration repair = Duration.ofSeconds(5);
      Duration cut = null;
      Duration heal = null;
      Duration kill = o.killServer() ? Duration.ofMillis(6_500) : null;
      if (o.partition()) {
        cut = Duration.ofSeconds(4);
        heal = cut.plus(pause).plus(stableAfter.dividedBy(4)).plusMillis(1_500);
        repair = heal.plusSeconds(1);
        if (kill != null) kill = heal.plusSeconds(3);
      }
      // After a kill: the failure detector's seconds, the resends, and commands served by one.
      Duration end =
          kill != null
              ? kill.plusSeconds(8)
              : heal != null ? repair.plusSeconds(3) : Duration.ofSeconds(8);
      if (o.workload() != null && o.workload().compareTo(end) > 0) end = o.workload();
      return new Schedule(fail, repair, cut, heal, kill, end);
    }
  }

  public ClusterReport run() throws Exception {
    long start = System.nanoTime();
    try {
      Files.createDirectories(o.runDir());
    } catch (IOException e) {
      throw new NoVerdict("cannot make the run directory " + o.runDir() + ": " + e.getMessage());
    }
    SubsystemSettings settings = SubsystemSettings.fromConfig(ConfigFactory.load());
    Optional<TlsStores> tls =
        o.tls() ? Optional.of(TlsStores.ensure(o.tlsDir())) : Optional.empty();
    int[] ports = LoopbackPorts.free(5);
    Seed seed = new Seed("127.0.0.1", ports[0]);
    Map<String, Long> upMillis = new LinkedHashMap<>();
    Map<String, String> roles = new LinkedHashMap<>();
    ClusterReport report;
    List<ChildNode> launched;
    try (ChildNodes nodes = new ChildNodes(o.entry(), o.runDir(), o.jvmOptions())) {
      List<ChildNode> four = new ArrayList<>();
      four.add(launch(nodes, roles, NodeRole.DISK, "disk", ports[0], null, "--disk-in-memory"));
      four.add(launch(nodes, roles, NodeRole.SERVER, "server-1", ports[1], seed, cutArgs()));
      four.add(launch(nodes, roles, NodeRole.SERVER, "server-2", ports[2], seed, cutArgs()));
      four.add(launch(nodes, roles, NodeRole.HOST, "host-1", ports[3], seed));
      say("launched " + four + "; logs in " + o.runDir());
      // The launcher joins once the four are Up: five JVMs starting at once on a small machine
      // pause long enough for the failure detector to take a starting node for dead.
      try {
        nodes.awaitUp(
            UP_LIMIT, n -> upMillis.put(n.name(), (System.nanoTime() - start) / 1_000_000));
      } catch (TimeoutException e) {
        throw new NoVerdict("the cluster did not form: " + e.getMessage());
      }
      ClusterNode launcher = joinAsLauncher(ports[4], seed, tls);
      try {
        try {
          launcher.up().toCompletableFuture().get(UP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
          throw new NoVerdict(
              "this launcher could not join the cluster: "
                  + (e.getCause() != null ? e.getCause().getMessage() : e.toString()));
        }
        ActorSystem<Void> system = launcher.system();
        ActorRef<Host.Command> host =
            Listings.first(system, ElementKeys.of("host-1", Host.Command.class), FIND_LIMIT);
        ActorRef<Server.Command> server1 =
            Listings.first(system, ElementKeys.of("server-1", Server.Command.class), FIND_LIMIT);
        Map<String, ActorRef<NodeTally.Request>> tallies = new LinkedHashMap<>();
        for (ChildNode n : four)
          tallies.put(n.name(), Listings.first(system, NodeTally.key(n.name()), FIND_LIMIT));
        say(
            "the cluster is up in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms; the workload runs through host-1");
        report =
            drive(
                settings, nodes, four, ports, system, host, server1, tallies, upMillis, roles,
                start);
      } finally {
        launcher.leaveOrTerminate();
        launched = nodes.children();
      }
    }
    return ended(report, launched, start);
  }

  private String[] cutArgs() {
    return o.partition() ? new String[] {"--allow-cut"} : new String[0];
  }

  private ChildNode launch(
      ChildNodes nodes,
      Map<String, String> roles,
      NodeRole role,
      String name,
      int port,
      Seed seed,
      String... extra)
      throws IOException {
    roles.put(name, role.wireName());
    return nodes.launchNode(
        role,
        name,
        port,
        Optional.ofNullable(seed),
        o.tls() ? Optional.of(o.tlsDir()) : Optional.empty(),
        extra);
  }

  /**
   * The launcher's own node: a member of role {@value #ROLE} (and {@code node:launcher}), carrying
   * none of the model. Its role is none the Split Brain Resolver anchors on ({@code disk}), so it
   * never decides which side is kept; it is on whichever side it reaches, and nothing waits for it.
   */
  private ClusterNode joinAsLauncher(int port, Seed seed, Optional<TlsStores> tls) {
    NodeSettings own =
        new NodeSettings(NodeRole.HOST, "host-99", "127.0.0.1", port, List.of(seed), tls, false);
    Config roles =
        ConfigFactory.parseMap(
            Map.of(
                "pekko.cluster.roles",
                List.of(
                    ROLE,
                    NodeConfig.NAME_ROLE_PREFIX + ROLE,
                    NodeIncarnation.role(own.incarnation()))));
    Config config = roles.withFallback(NodeConfig.of(own));
    return ClusterNode.start(own, config, ElementSpawner.NONE);
  }

  private ClusterReport drive(
      SubsystemSettings settings,
      ChildNodes nodes,
      List<ChildNode> four,
      int[] ports,
      ActorSystem<Void> system,
      ActorRef<Host.Command> host,
      ActorRef<Server.Command> server1,
      Map<String, ActorRef<NodeTally.Request>> tallies,
      Map<String, Long> upMillis,
      Map<String, String> roles,
      long start)
      throws Exception {
    Config config = system.settings().config();
    Schedule when =
        Schedule.of(
            o,
            config.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause"),
            config.getDuration("pekko.cluster.split-brain-resolver.stable-after"));
    OpLog log = new OpLog(System.nanoTime(), settings.blockSize());
    ActorRef<ClusterWorkload.Msg> workload =
        system.systemActorOf(
            ClusterWorkload.create(
                host,
                new ClusterWorkload.Plan(
                    o.seed(), o.concurrency(), o.workingSetBlocks(), o.maxCommands(), 0.5),
                log,
                settings.blockSize()),
            "workload",
            Props.empty());
    ChildNode server1Node = four.get(1);
    ChildNode server2Node = four.get(2);
    String s1 = "127.0.0.1:" + ports[1];
    String s2 = "127.0.0.1:" + ports[2];
    boolean failed = false;
    boolean repaired = false;
    boolean cut = false;
    boolean healed = false;
    Long killEpochMicros = null;
    Duration killedAt = null;
    AtomicBoolean clear = new AtomicBoolean(true);
    system.systemActorOf(
        ClusterView.create(line -> clear.set(line.equals(ClusterView.ALL_REACHABLE))),
        "cluster-view",
        Props.empty());
    String stage = "";
    while (true) {
      Duration t = Duration.ofNanos(log.now());
      if (!failed && t.compareTo(when.fail()) >= 0) {
        server1.tell(new Server.InjectFault(FaultMode.CRASH, 0));
        log.adapterFailed();
        failed = true;
        stage = "adapter-1 crashed";
      }
      if (!repaired && t.compareTo(when.repair()) >= 0) {
        server1.tell(new Server.RepairAdapter());
        repaired = true;
        stage = "adapter-1 repaired";
      }
      if (when.cut() != null && !cut && t.compareTo(when.cut()) >= 0) {
        server1Node.send("cut " + s2);
        server2Node.send("cut " + s1);
        cut = true;
        stage = "server-1 cut from server-2";
      }
      if (when.heal() != null && !healed && t.compareTo(when.heal()) >= 0) {
        server1Node.send("heal " + s2);
        server2Node.send("heal " + s1);
        healed = true;
        stage = "cut healed";
      }
      // The kill waits for the cluster's merged view to be clear of a healed cut (at most
      // KILL_WAIT): a kill while server-1 still looks unreachable to server-2's records gets
      // server-1 downed too by the Split Brain Resolver, as the other end of the cut.
      if (when.kill() != null
          && killEpochMicros == null
          && t.compareTo(when.kill()) >= 0
          && (clear.get() || t.compareTo(when.kill().plus(KILL_WAIT)) >= 0)) {
        killedAt = t;
        if (!clear.get())
          say("the cluster's view was not clear of the cut; server-2 killed anyway");
        killEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        server2Node.kill();
        tallies.get("host-1").tell(new NodeTally.Mark(killEpochMicros));
        stage = "server-2 SIGKILLed";
      }
      OpLog.Counts c = log.counts();
      boolean capped =
          o.maxCommands() > 0 && c.sent() >= o.maxCommands() && c.answered() == c.sent();
      // A kill that waited moves the end with it.
      Duration end = when.end();
      if (killedAt != null && killedAt.plusSeconds(8).compareTo(end) > 0)
        end = killedAt.plusSeconds(8);
      boolean killPending = when.kill() != null && killEpochMicros == null;
      if (!killPending && (t.compareTo(end) >= 0 || (capped && t.compareTo(lastEvent(when)) >= 0)))
        break;
      progress(c, t, stage);
      TimeUnit.MILLISECONDS.sleep(50);
      stillAMember(system, t);
    }
    workload.tell(new ClusterWorkload.Stop());
    // What is still in flight gets its answer (the host resends, then times out), within bounds:
    // the host's patience as the nodes run it, twice (a resend), and a margin.
    Duration patience =
        ModelPlacement.onCluster(settings, system.settings().config()).hostPatience();
    awaitQuiet(log, patience.multipliedBy(2).plusSeconds(5), "draining");
    // What each block may hold, taken once, before the read-back: a write still unanswered now may
    // or may not have taken effect, and stays allowed even if its answer comes during the
    // read-back (taken after, it was the only value allowed, and an older one read was a mismatch).
    Map<Long, Set<ByteString>> allowed = log.allowedAfterWorkload();
    Set<Long> blocks = allowed.keySet();
    workload.tell(
        new ClusterWorkload.ReadBack(List.copyOf(blocks), List.of("server-1", "server-2")));
    awaitQuiet(log, Duration.ofSeconds(20), "reading back");
    stillAMember(system, Duration.ofNanos(log.now()));
    if (o.progress()) err.println();
    long workloadEnd = log.now();

    Map<String, NodeTally.Answer> tally = askTallies(system, tallies);
    NodeTally.Answer resent = tally.get("host-1");
    Double killToRetry = null;
    if (killEpochMicros != null && resent != null) {
      // The first resend of a command server-2 held, for its loss (not for load), after the kill.
      for (NodeTally.Resend r : resent.firstResends())
        if (r.epochMicros() >= killEpochMicros
            && r.why().startsWith("server-2 ")
            && !Host.resentForLoad(r.why())) {
          killToRetry = Math.round((r.epochMicros() - killEpochMicros) / 100.0) / 10.0;
          break;
        }
    }

    // The check.
    List<OpLog.Entry> entries = log.entries();
    var verdict =
        RegisterLinearizability.check(
            log.operations(), ByteString.fromArrayUnsafe(new byte[settings.blockSize()]));
    int mismatches = 0;
    Set<Long> readBack = new java.util.HashSet<>();
    for (OpLog.Entry e : entries)
      if (e.readBack() && e.ok()) {
        readBack.add(e.command().lba());
        Set<ByteString> may = allowed.getOrDefault(e.command().lba(), Set.of(log.zeros()));
        if (!may.contains(log.block(e.result().data(), 0))) mismatches++;
      }
    // A block no read-back could read is one whose writes nothing showed: it counts as a
    // mismatch, so a run whose read-back failed (servers downed, the time ran out) is not clean.
    for (Long b : blocks) if (!readBack.contains(b)) mismatches++;
    int ok = 0, errors = 0, indeterminate = 0, direct = 0, peer = 0;
    Map<String, Integer> answered = new LinkedHashMap<>();
    Map<String, Integer> served = new LinkedHashMap<>();
    Map<String, Integer> errorStatuses = new java.util.TreeMap<>();
    List<String> firstErrors = new ArrayList<>();
    for (OpLog.Entry e : entries) {
      if (e.ok()) ok++;
      else {
        errors++;
        String status = e.answered() ? e.result().status().name() : "no answer";
        errorStatuses.merge(status, 1, Integer::sum);
        if (firstErrors.size() < ClusterReport.ERRORS_LISTED)
          firstErrors.add(
              e.command().id()
                  + " "
                  + e.command().op()
                  + " "
                  + status
                  + (e.answered()
                      ? " from " + e.result().server() + ": " + e.result().message()
                      : ""));
      }
      if (e.indeterminate()) indeterminate++;
      CommandResult r = e.result();
      if (r == null) continue;
      if (r.path() == org.peerpath.history.HistoryEvent.Path.DIRECT) direct++;
      if (r.path() == org.peerpath.history.HistoryEvent.Path.PEER) peer++;
      if (r.server() != null) answered.merge(r.server(), 1, Integer::sum);
      if (r.servedBy() != null) served.merge(r.servedBy(), 1, Integer::sum);
    }
    double failover = log.failoverMillis();
    boolean clean = verdict.linearizable() && mismatches == 0 && peer > 0;
    Path historyFile = o.historyOut();
    if (historyFile == null && !clean) historyFile = o.runDir().resolve("history.jsonl");
    if (historyFile != null) HistoryWriter.write(log.events("host-1"), historyFile);

    // Leave while the report is made: the nodes end as ChildNodes closes (after this returns).
    String partition = null;
    if (o.partition())
      partition =
          (doneLines(server1Node, "cut " + s2) && doneLines(server2Node, "cut " + s1)
                  ? "cut "
                  : "cut NOT confirmed ")
              + "at "
              + when.cut().toMillis()
              + " ms, healed at "
              + when.heal().toMillis()
              + " ms"
              + (doneLines(server1Node, "heal " + s2) ? "" : " (heal NOT confirmed)");
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    int workloadCommands = (int) entries.stream().filter(e -> !e.readBack()).count();
    double perSec =
        workloadCommands / Math.max(1e-3, Duration.ofNanos(workloadEnd).toMillis() / 1000.0);
    return new ClusterReport(
        entries.size(),
        ok,
        errors,
        errorStatuses,
        firstErrors,
        ordered(Map.entry("direct", direct), Map.entry("peer", peer)),
        failover >= 0 ? 1 : 0,
        ordered(Map.entry("p50", round(failover)), Map.entry("max", round(failover))),
        mismatches,
        ordered(
            Map.entry("p50", log.latencyPercentile(50)),
            Map.entry("p99", log.latencyPercentile(99))),
        fencedRefusals(tally),
        resent == null ? -1 : resent.commandsResentAfterLoss(),
        indeterminate,
        verdict.linearizable(),
        verdict.linearizable()
            ? verdict.operations() + " operations on " + verdict.blocksChecked() + " blocks"
            : verdict.explanation(),
        killToRetry,
        partition,
        o.tls(),
        Math.round(perSec),
        figures(nodes, roles, upMillis, answered, served, entries.size(), tally),
        historyFile == null ? null : historyFile.toString(),
        elapsed);
  }

  /**
   * Per node: what the launcher saw of it, and what it counted itself ({@code tally}: none for a
   * node that did not answer, such as the one killed). Exits are filled in once the nodes have
   * ended ({@link #ended}).
   */
  private List<ClusterReport.NodeFigures> figures(
      ChildNodes nodes,
      Map<String, String> roles,
      Map<String, Long> upMillis,
      Map<String, Integer> answered,
      Map<String, Integer> served,
      int commands,
      Map<String, NodeTally.Answer> tally) {
    List<ClusterReport.NodeFigures> out = new ArrayList<>();
    for (ChildNode n : nodes.children()) {
      String role = roles.get(n.name());
      boolean server = role.equals("server");
      NodeTally.Answer own = tally.get(n.name());
      out.add(
          new ClusterReport.NodeFigures(
              n.name(),
              role,
              n.pid(),
              upMillis.getOrDefault(n.name(), -1L),
              n.isAlive() ? "running" : "ended",
              server
                  ? answered.getOrDefault(n.name(), 0)
                  : role.equals("host") ? Integer.valueOf(commands) : null,
              server ? served.getOrDefault("adapter-" + n.name().substring(7), 0) : null,
              own == null ? null : own.events()));
    }
    return out;
  }

  /**
   * The refusals of fenced attempts that the nodes recorded (the disk's, and each memory region's
   * of a fenced adapter's DMA); none if no node told its figures. A node that did not answer, the
   * one killed, has its refusals missing from the sum.
   */
  static Integer fencedRefusals(Map<String, NodeTally.Answer> tally) {
    if (tally.isEmpty()) return null;
    long sum = 0;
    for (NodeTally.Answer a : tally.values()) sum += a.count(HistoryEvent.Kind.REFUSED);
    return (int) Math.min(Integer.MAX_VALUE, sum);
  }

  /** The report with each node's end, once {@link ChildNodes} has ended them all. */
  private static ClusterReport ended(ClusterReport r, List<ChildNode> launched, long start) {
    List<ClusterReport.NodeFigures> nodes = new ArrayList<>();
    for (ClusterReport.NodeFigures n : r.nodes()) {
      String exit = "running";
      for (ChildNode c : launched) if (c.pid() == n.pid()) exit = c.exit().orElse(exit);
      nodes.add(
          new ClusterReport.NodeFigures(
              n.name(),
              n.role(),
              n.pid(),
              n.upMillis(),
              exit,
              n.answered(),
              n.servedByAdapter(),
              n.recorded()));
    }
    return new ClusterReport(
        r.commands(),
        r.ok(),
        r.errors(),
        r.errorStatuses(),
        r.firstErrors(),
        r.paths(),
        r.failovers(),
        r.failoverMillis(),
        r.readbackMismatches(),
        r.latencyMicros(),
        r.fencedRefusals(),
        r.retried(),
        r.indeterminate(),
        r.linearizable(),
        r.linearizability(),
        r.killToRetryMillis(),
        r.partition(),
        r.tls(),
        r.commandsPerSec(),
        nodes,
        r.history(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * The run ended without a verdict, for a reason outside the model: the cluster did not form, the
   * launcher's own node was downed, the run directory cannot be made. The command says so and exits
   * 2; nothing is reported as a violation.
   */
  public static final class NoVerdict extends Exception {
    public NoVerdict(String message) {
      super(message);
    }
  }

  /**
   * The launcher is still a member: downed (a pause of this JVM longer than the failure detector
   * allows), it can neither drive the workload nor read back, and a read-back that never ran must
   * not pass for lost writes.
   */
  private static void stillAMember(ActorSystem<Void> system, Duration at) throws NoVerdict {
    if (system.whenTerminated().isCompleted())
      throw new NoVerdict(
          "this launcher's own cluster node ended at "
              + at.toMillis() / 1000.0
              + " s of the workload (downed after a pause longer than the failure detector"
              + " allows?), so the run has no verdict; run it again on a less loaded machine");
  }

  private static Duration lastEvent(Schedule s) {
    Duration last = s.repair();
    if (s.heal() != null && s.heal().compareTo(last) > 0) last = s.heal();
    if (s.kill() != null && s.kill().plusSeconds(8).compareTo(last) > 0)
      last = s.kill().plusSeconds(8);
    return last;
  }

  private static boolean doneLines(ChildNode n, String command) {
    return n.line(l -> l.endsWith(command + " done")).isPresent();
  }

  private void awaitQuiet(OpLog log, Duration limit, String what) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    int stable = 0;
    while (System.nanoTime() < deadline) {
      OpLog.Counts c = log.counts();
      if (c.answered() == c.sent()) {
        if (++stable >= 4) return;
      } else stable = 0;
      progress(c, Duration.ofNanos(log.now()), what);
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /**
   * Asks every node for its own figures at once, within {@value #TALLY_SECONDS} s: a node that does
   * not answer (killed, or cut off) is left out.
   */
  private Map<String, NodeTally.Answer> askTallies(
      ActorSystem<Void> system, Map<String, ActorRef<NodeTally.Request>> tallies) {
    Map<String, NodeTally.Answer> answers =
        NodeTally.askAll(system, tallies, Duration.ofSeconds(TALLY_SECONDS));
    for (String name : tallies.keySet())
      if (!answers.containsKey(name)) say(name + " did not tell its figures");
    return answers;
  }

  private static final int TALLY_SECONDS = 5;

  private void progress(OpLog.Counts c, Duration t, String stage) {
    if (!o.progress()) return;
    String line =
        String.format(
            "%5.1f s  commands %d  ok %d  in flight %d  direct %d  peer %d  %s",
            t.toMillis() / 1000.0,
            c.sent(),
            c.ok(),
            c.sent() - c.answered(),
            c.direct(),
            c.peer(),
            stage);
    if (System.console() != null) err.print("\r" + line + "          ");
    else if (System.nanoTime() - lastProgress > 1_000_000_000L) {
      lastProgress = System.nanoTime();
      err.println(line);
    }
  }

  private void say(String text) {
    if (o.progress()) err.println("peerpath demo --cluster: " + text);
  }

  @SafeVarargs
  private static <V> Map<String, V> ordered(Map.Entry<String, V>... entries) {
    Map<String, V> m = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : entries) m.put(e.getKey(), e.getValue());
    return Collections.unmodifiableMap(m);
  }

  private static double round(double v) {
    return v < 0 ? -1 : Math.round(v * 10) / 10.0;
  }
}
