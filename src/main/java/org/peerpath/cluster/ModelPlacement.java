package org.peerpath.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.peerpath.disk.Disk;
import org.peerpath.disk.DiskBackend;
import org.peerpath.disk.FileDisk;
import org.peerpath.disk.InMemoryDisk;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.Network;
import org.peerpath.history.History;
import org.peerpath.runtime.ModelClock;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * The model's elements on cluster nodes (DESIGN.md §8), in real time: the {@link ElementSpawner} of
 * {@code bin/peerpath node}.
 *
 * <ul>
 *   <li>a {@code disk} node spawns the disk, on a file ({@link FileDisk}) or in memory, and
 *       registers it as {@code disk};
 *   <li>a {@code server-i} node waits for the disk's listing, then spawns {@code memory-i} and
 *       {@code server-i} (which spawns {@code adapter-i}), registers both, and keeps its server
 *       told of its peers and of the nodes it cannot reach ({@link ServerNode});
 *   <li>a {@code host-i} node spawns {@code host-i} once every server of the configuration is
 *       listed, registers it, and keeps it told of new incarnations and reachability ({@link
 *       HostNode}); with a workload it then runs it ({@link Workload}).
 * </ul>
 *
 * Every node reads the subsystem's settings from its own config ({@code peerpath.subsystem}, set by
 * {@code -D} or application.conf): all nodes must agree on {@code servers}, {@code block-size},
 * {@code blocks} and {@code max-transfer-blocks}. Each node has its own {@link Fabric} with the
 * settings' latencies, applied on top of the real network, and a {@link Network} that is never cut
 * (the real network cuts), and its own {@link History}: a node's elements record there, and its
 * {@link NodeTally} counts what they recorded for a launcher that asks.
 *
 * @param disk the disk node's blocks, opened before the node starts ({@link #openDisk}); null for
 *     other nodes, or for blocks in memory
 * @param workload how many blocks a host node writes and reads back once its host runs (0: none)
 * @param out where a node says what it did (one line each)
 */
public record ModelPlacement(DiskBackend disk, int workload, Consumer<String> out)
    implements ElementSpawner {

  /** Where the disk keeps its blocks: in memory, or in {@code disk.img} under a directory. */
  public record DiskPlace(Optional<Path> directory) {
    public static DiskPlace inMemory() {
      return new DiskPlace(Optional.empty());
    }

    public static DiskPlace under(Path directory) {
      return new DiskPlace(Optional.of(directory));
    }

    /** The file the disk uses, if on a file. */
    public Optional<Path> file() {
      return directory.map(d -> d.resolve("disk.img"));
    }
  }

  public ModelPlacement {
    if (workload < 0) throw new IllegalArgumentException("a workload of " + workload + " blocks");
  }

  @Override
  public void spawn(ActorContext<?> context, NodeSettings node) {
    ActorSystem<?> system = context.getSystem();
    SubsystemSettings settings =
        onCluster(SubsystemSettings.create(system), system.settings().config());
    Fabric fabric = fabricOf(system, settings);
    History history = historyOf(system);
    var tally = context.spawn(NodeTally.create(node.name(), history), "tally");
    system.receptionist().tell(Receptionist.register(NodeTally.key(node.name()), tally));
    switch (node.role()) {
      case DISK -> spawnDisk(context, settings, fabric, history);
      case SERVER ->
          context.spawn(
              ServerNode.create(node, settings, fabric, history, out), node.name() + "-node");
      case HOST ->
          context.spawn(
              HostNode.create(node, settings, fabric, history, workload, out),
              node.name() + "-node");
    }
  }

  private void spawnDisk(
      ActorContext<?> context, SubsystemSettings settings, Fabric fabric, History history) {
    DiskBackend backend =
        disk != null ? disk : new InMemoryDisk(settings.blockSize(), settings.blocks());
    var ref =
        context.spawn(
            Disk.create(
                backend,
                settings.diskLatency().toNanos(),
                settings.writeMemory().toNanos(),
                fabric,
                history),
            "disk");
    context
        .getSystem()
        .receptionist()
        .tell(Receptionist.register(ElementKeys.of("disk", Disk.Command.class), ref));
    out.accept(
        "disk running: "
            + settings.blocks()
            + " blocks of "
            + settings.blockSize()
            + " bytes "
            + (backend instanceof FileDisk ? "on its file" : "in memory"));
  }

  /**
   * The disk node's blocks where {@code place} says, of the geometry of {@code s}: opened before
   * the node starts, so that a file that cannot be used is refused with a clear error and nothing
   * started.
   *
   * @throws IOException naming the file and why (another geometry, no permission)
   */
  public static DiskBackend openDisk(DiskPlace place, SubsystemSettings s) throws IOException {
    Optional<Path> file = place.file();
    if (file.isEmpty()) return new InMemoryDisk(s.blockSize(), s.blocks());
    Path parent = file.get().toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    return new FileDisk(file.get(), s.blockSize(), s.blocks());
  }

  /**
   * The subsystem's settings as a cluster node runs them. {@code unreachable-after} becomes the
   * cluster's own time to find a node lost: the failure detector's acceptable heartbeat pause, a
   * second more for its verdict, and {@link ElementReachability}'s readings, a heartbeat interval
   * apart (4.5 s by default). The deadline leaves after it at least the room for a re-drive that
   * the settings leave after their own {@code unreachable-after} (5 s - 2 s by default; so 7.5 s in
   * all): otherwise a command forwarded into a cut ends TIMEOUT before its server learns of the cut
   * and re-drives it, an error while a path exists. The host's patience, which counts both, grows
   * with them. Every node computes the same from the same configuration.
   */
  public static SubsystemSettings onCluster(
      SubsystemSettings s, com.typesafe.config.Config config) {
    java.time.Duration pause =
        config.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause");
    java.time.Duration beat =
        config.getDuration("pekko.cluster.failure-detector.heartbeat-interval");
    // The detector's verdict comes about a second after the pause (its threshold over the spread
    // of heartbeat intervals), then ElementReachability's readings, a heartbeat apart.
    java.time.Duration detect =
        pause.plusSeconds(1).plus(beat.multipliedBy(ElementReachability.READINGS));
    java.time.Duration room = s.deadline().minus(s.unreachableAfter());
    if (room.isNegative()) room = java.time.Duration.ZERO;
    java.time.Duration deadline = detect.plus(room);
    if (s.deadline().compareTo(deadline) > 0) deadline = s.deadline();
    return s.toBuilder().unreachableAfter(detect).deadline(deadline).build();
  }

  static Fabric fabricOf(ActorSystem<?> system, SubsystemSettings settings) {
    return new Fabric(
        settings.latency(),
        system.scheduler(),
        scala.concurrent.ExecutionContext.parasitic$.MODULE$,
        system.log(),
        new Network());
  }

  /**
   * A node's history, which keeps no events and streams each to its subscribers. Nothing on a node
   * reads kept events: {@link NodeTally} counts by subscription, as events are recorded; a host
   * node's {@code --workload} ({@link Workload}) prints each answer as it comes; the clustered demo
   * checks the history its launcher keeps as the client ({@code OpLog}), not the host node's. Kept,
   * they only fill the heap: the subsystem's {@code history-limit}, 1,000,000 events of about 120
   * bytes, is most of a node JVM's 128 MB ({@link ChildNodes#SMALL_JVM}) in a long run. {@code
   * keep-history} and {@code history-limit} are the one-JVM subsystem's, whose demo and replay read
   * its history; a node that comes to read its own should keep, bounded, only what it reads.
   */
  static History historyOf(ActorSystem<?> system) {
    return new History(ModelClock.of(system)::nanos, 0);
  }
}
