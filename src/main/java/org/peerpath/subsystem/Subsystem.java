package org.peerpath.subsystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.disk.Disk;
import org.peerpath.disk.DiskBackend;
import org.peerpath.disk.FileDisk;
import org.peerpath.disk.InMemoryDisk;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.Network;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.host.Host;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.runtime.ModelClock;
import org.peerpath.server.Server;

/**
 * The embedding API: spawns a whole subsystem (disk, memories, servers with their adapters, hosts,
 * control) inside the caller's ActorSystem or under the caller's actor, and hands back its
 * references. Nothing is looked up by actor path, so the same wiring fits a cluster.
 *
 * <pre>{@code
 * Subsystem s = Subsystem.spawn(system, SubsystemSettings.defaults());
 * s.submit(IoCommand.read("r1", 7, 1), "server-1", replyTo);
 * s.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
 * }</pre>
 */
public final class Subsystem {
  private final SubsystemSettings settings;
  private final History history;
  private final DiskBackend backend;
  private final ActorRef<Disk.Command> disk;
  private final Map<String, ActorRef<MemoryRegion.Command>> memories;
  private final Map<String, ActorRef<Server.Command>> servers;
  private final Map<String, ActorRef<Host.Command>> hosts;
  private final ActorRef<Control.Command> control;
  private final Map<String, ActorRef<Server.Command>> serversByAdapter;
  private final Runnable stopper;
  private final ActorSystem<?> system;

  /** The subsystem's name where it is spawned: under the system, or under one parent actor. */
  private final String nameKey;

  private final List<ActorRef<?>> actors;
  private final CompletableFuture<Done> stopped = new CompletableFuture<>();
  private final Object stopLock = new Object();

  /**
   * An ActorSystem's subsystem names (a Pekko extension, so it lives and dies with its system): per
   * name, whether one of that name runs now and how many were spawned. A name is reused once stop()
   * has completed; its actors then get a numbered prefix, since Pekko frees an actor's name only
   * when its parent has handled its termination.
   */
  private static final class Names implements Extension {
    static final ExtensionId<Names> ID =
        new ExtensionId<>() {
          @Override
          public Names createExtension(ActorSystem<?> system) {
            return new Names();
          }
        };
    final Map<String, int[]> uses = new HashMap<>();

    static Names of(ActorSystem<?> system) {
      return ID.apply(system);
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong WATCHERS =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Spawns the subsystem as system actors of {@code system} (under {@code /system}, since only a
   * guardian may spawn user actors), named after {@code settings.name()}. The same as {@code
   * builder(settings).spawn(system)}.
   */
  public static Subsystem spawn(ActorSystem<?> system, SubsystemSettings settings) {
    return builder(settings).spawn(system);
  }

  /**
   * Spawns the subsystem as children of the caller's actor. The same as {@code
   * builder(settings).spawn(ctx)}.
   */
  public static Subsystem spawn(ActorContext<?> ctx, SubsystemSettings settings) {
    return builder(settings).spawn(ctx);
  }

  /** A subsystem of {@code settings}, with the parts that settings cannot name still to choose. */
  public static SubsystemBuilder builder(SubsystemSettings settings) {
    return new SubsystemBuilder(settings);
  }

  interface Spawner {
    <T> ActorRef<T> spawn(Behavior<T> behavior, String name);
  }

  Subsystem(
      ActorSystem<?> system,
      SubsystemSettings settings,
      java.util.function.Supplier<DiskBackend> backends,
      String parent,
      Spawner spawner,
      List<ActorRef<?>> actors,
      Runnable stopper) {
    this.settings = settings;
    this.nameKey = parent + settings.name();
    this.stopper = stopper;
    this.system = system;
    this.actors = actors;
    this.history =
        new History(
            ModelClock.of(system)::nanos, settings.keepHistory() ? settings.historyLimit() : 0);
    String prefix = claim(system, nameKey, settings.name());
    DiskBackend opened = null;
    boolean diskSpawned = false;
    try {
      // Taken once the name is ours: a refused spawn takes no backend.
      DiskBackend given = backends.get();
      this.backend = opened = given != null ? given : openBackend(settings);
      // A latency timer only tells; running that on the timer's own thread, as Pekko's typed timers
      // do, saves a dispatcher task per delayed message.
      var fabric =
          new Fabric(
              settings.latency(),
              system.scheduler(),
              scala.concurrent.ExecutionContext.parasitic$.MODULE$,
              system.log(),
              new Network());
      Duration patience = settings.hostPatience();
      this.disk =
          spawner.spawn(
              Disk.create(
                  this.backend,
                  settings.diskLatencyNanos(),
                  settings.writeMemory().toNanos(),
                  fabric,
                  history),
              prefix + org.peerpath.command.Elements.DISK);
      diskSpawned = true;
      this.memories = new java.util.concurrent.ConcurrentHashMap<>();
      this.servers = new java.util.concurrent.ConcurrentHashMap<>();
      List<Server.Peer> peers = new ArrayList<>();
      List<Control.Incarnation> first = new ArrayList<>();
      Map<String, ActorRef<Server.Command>> byAdapter = new LinkedHashMap<>();
      for (int i = 1; i <= settings.servers(); i++) {
        String memoryName = settings.memoryName(i);
        var memory =
            spawner.spawn(
                MemoryRegion.create(memoryName, settings.serverName(i), fabric, history),
                prefix + memoryName);
        var server =
            spawner.spawn(
                Server.create(settings.serverSettings(i), memory, disk, fabric, history),
                prefix + settings.serverName(i));
        memories.put(memoryName, memory);
        servers.put(settings.serverName(i), server);
        byAdapter.put(settings.adapterName(i), server);
        peers.add(new Server.Peer(settings.serverName(i), i, server));
        first.add(
            new Control.Incarnation(settings.serverName(i), server, memoryName, memory, 0, 1));
      }
      servers.values().forEach(s -> s.tell(new Server.Introduce(peers)));
      this.hosts = new LinkedHashMap<>();
      for (int i = 1; i <= settings.hosts(); i++) {
        String name = settings.hostName(i);
        hosts.put(
            name,
            spawner.spawn(
                Host.create(name, peers, settings.hostPolicy(), fabric, history, patience),
                prefix + name));
      }
      this.serversByAdapter = Map.copyOf(byAdapter);
      var disk = this.disk;
      Control.Incarnations incarnations =
          (ctx, server, incarnation) -> {
            int i =
                org.peerpath.command.Elements.index(
                    server, org.peerpath.command.Elements.SERVER_PREFIX);
            String memoryName = settings.memoryName(i);
            String suffix = "-inc" + incarnation;
            var memory =
                ctx.spawn(
                    MemoryRegion.create(memoryName, server, fabric, history), memoryName + suffix);
            var serverRef =
                ctx.spawn(
                    Server.create(
                        settings.serverSettings(i), memory, disk, fabric, history, incarnation),
                    server + suffix);
            return new Control.Incarnation(
                server,
                serverRef,
                memoryName,
                memory,
                incarnation,
                incarnation * org.peerpath.adapter.AdapterHardware.EPOCHS_PER_INCARNATION + 1);
          };
      this.control =
          spawner.spawn(
              Control.create(
                  new Control.Wiring(
                      first,
                      java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts)),
                      incarnations,
                      s -> {
                        servers.put(s.server(), s.serverRef());
                        memories.put(s.memory(), s.memoryRef());
                      },
                      fabric.network(),
                      settings.unreachableAfter(),
                      history)),
              prefix + "control");
      if (!parent.isEmpty()) {
        // Under an actor: its elements stop when it does, stop() or not; this child frees the name
        // then, so that nothing of a stopped parent is left behind.
        spawner.spawn(
            Behaviors.receive(Void.class)
                .onSignal(
                    PostStop.class,
                    stopped -> {
                      guardStopped();
                      return Behaviors.same();
                    })
                .build(),
            prefix + "name");
      }
    } catch (RuntimeException e) {
      // Nothing half made is left running or claimed: what was spawned stops (the disk closes
      // the backend as it does), a backend no disk took is closed here, and the name is free.
      try {
        stopper.run();
      } catch (RuntimeException ignored) {
        // Spawned under an actor but called off its thread: Pekko refuses the stop as it did
        // the spawn; the parent's own end stops the children.
      }
      if (!diskSpawned && opened != null) {
        try {
          opened.close();
        } catch (IOException | RuntimeException ignored) {
          // The spawn's own failure is the one to report.
        }
      }
      release(system, nameKey);
      throw e;
    }
  }

  private static DiskBackend openBackend(SubsystemSettings s) {
    if (s.diskFile() == null) return new InMemoryDisk(s.blockSize(), s.blocks());
    try {
      return new FileDisk(Path.of(s.diskFile()), s.blockSize(), s.blocks());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the disk file: " + e.getMessage(), e);
    }
  }

  /**
   * Sends {@code command} from host-1; {@code server} may be null to let the host's policy choose.
   */
  public void submit(IoCommand command, String server, ActorRef<CommandResult> replyTo) {
    submit(settings.hostName(1), command, server, replyTo);
  }

  public void submit(
      String host, IoCommand command, String server, ActorRef<CommandResult> replyTo) {
    if (server != null && !servers.containsKey(server))
      throw new IllegalArgumentException("there is no " + server);
    host(host).tell(new Host.Send(command, server, replyTo));
  }

  /**
   * Fails {@code target}: an adapter as {@code mode} says ({@code duration} matters only for a
   * reset, how long it takes), or a server's whole node ({@code server-i}, which fails only by
   * {@code CRASH}: the server, its adapter and its memory stop at once and their state is lost).
   *
   * @throws IllegalArgumentException for an unknown adapter or server, a server mode other than
   *     crash, or a duration that is negative or longer than {@link
   *     SubsystemSettings#MAX_DURATION_NANOS}
   */
  public void fail(String target, FaultMode mode, Duration duration) {
    // Refused below, with the limit named, when negative or too long.
    inject(failure(target, mode, org.peerpath.history.Durations.saturatedNanos(duration)));
  }

  /** A fault of {@code target}, checked now, to inject now or later. */
  Control.Command failure(String target, FaultMode mode, long durationNanos) {
    if (servers.containsKey(target)) {
      if (mode != FaultMode.CRASH) {
        throw new IllegalArgumentException(
            "a server fails only by crash (its whole node), not by " + mode.wireName());
      }
      return new Control.CrashServer(target);
    }
    requireAdapter(target);
    return new Control.Fail(target, mode, durationNanos);
  }

  void inject(Control.Command fault) {
    control.tell(fault);
  }

  /**
   * Repairs {@code target}: an adapter becomes a new incarnation; a crashed server's node starts
   * again as a new incarnation (empty memory, a new adapter epoch), made known to the others.
   *
   * @throws IllegalArgumentException for an unknown adapter or server
   */
  public void repair(String target) {
    control.tell(repairOf(target));
  }

  /** The repair of {@code target}, checked now. */
  Control.Command repairOf(String target) {
    if (servers.containsKey(target)) return new Control.RestartServer(target);
    requireAdapter(target);
    return new Control.Repair(target);
  }

  /**
   * Cuts every path between the nodes of elements {@code a} and {@code b} (a server's node holds
   * its adapter and memory), both ways, until {@link #heal}.
   *
   * @throws IllegalArgumentException for an unknown element, or two on one node
   */
  public void partition(String a, String b) {
    control.tell(partitionOf(a, b));
  }

  /** Heals one cut between the nodes of {@code a} and {@code b}; none holding, nothing changes. */
  public void heal(String a, String b) {
    control.tell(healOf(a, b));
  }

  Control.Command partitionOf(String a, String b) {
    requireTwoNodes(a, b);
    return new Control.Partition(a, b);
  }

  Control.Command healOf(String a, String b) {
    requireTwoNodes(a, b);
    return new Control.Heal(a, b);
  }

  private void requireTwoNodes(String a, String b) {
    for (String e : new String[] {a, b}) {
      if (e == null
          || !org.peerpath.command.Elements.knows(e, settings.servers(), settings.hosts()))
        throw new IllegalArgumentException("there is no element " + e);
    }
    if (org.peerpath.command.Elements.nodeOf(a).equals(org.peerpath.command.Elements.nodeOf(b)))
      throw new IllegalArgumentException(a + " and " + b + " are on one node: nothing to cut");
  }

  /** Every event from now on is also sent to {@code subscriber}. */
  public void subscribe(ActorRef<HistoryEvent> subscriber) {
    history.subscribe(subscriber);
  }

  /** {@code subscriber} gets no more events. */
  public void unsubscribe(ActorRef<HistoryEvent> subscriber) {
    history.unsubscribe(subscriber);
  }

  void requireAdapter(String adapter) {
    if (!serversByAdapter.containsKey(adapter)) {
      throw new IllegalArgumentException(
          "there is no "
              + adapter
              + " (adapters are adapter-1..adapter-"
              + settings.servers()
              + ")");
    }
  }

  public ActorRef<Host.Command> host(String name) {
    ActorRef<Host.Command> ref = hosts.get(name);
    if (ref == null) throw new IllegalArgumentException("there is no " + name);
    return ref;
  }

  public ActorRef<Server.Command> server(String name) {
    ActorRef<Server.Command> ref = servers.get(name);
    if (ref == null) throw new IllegalArgumentException("there is no " + name);
    return ref;
  }

  public ActorRef<MemoryRegion.Command> memory(String name) {
    ActorRef<MemoryRegion.Command> ref = memories.get(name);
    if (ref == null) throw new IllegalArgumentException("there is no " + name);
    return ref;
  }

  public ActorRef<Control.Command> control() {
    return control;
  }

  public ActorRef<Disk.Command> disk() {
    return disk;
  }

  public History history() {
    return history;
  }

  public SubsystemSettings settings() {
    return settings;
  }

  /**
   * The disk's blocks, for checking what reached it. Read it only while the subsystem is idle
   * (under virtual time: between driver steps), since the disk actor writes it.
   */
  public DiskBackend diskContents() {
    return backend;
  }

  /** The prefix of this spawn's actor names; refuses a name that runs in {@code system} already. */
  private static String claim(ActorSystem<?> system, String key, String name) {
    Names names = Names.of(system);
    synchronized (names) {
      int[] use = names.uses.computeIfAbsent(key, n -> new int[2]);
      if (use[0] > 0) {
        throw new IllegalArgumentException(
            "a subsystem named "
                + name
                + " runs here already (in this ActorSystem, or under this actor): stop it "
                + "(and wait for stop() to complete) or give this one another name (SubsystemSettings.withName)");
      }
      use[0] = 1;
      use[1]++;
      return use[1] == 1 ? name + "-" : name + "-" + use[1] + "-";
    }
  }

  /** How many names {@code system} remembers, for the tests that nothing is left behind. */
  static int namesRemembered(ActorSystem<?> system) {
    Names names = Names.of(system);
    synchronized (names) {
      return names.uses.size();
    }
  }

  /**
   * Frees a name {@link #claim} took; the count of spawns stays, so that the next spawn of the name
   * takes a prefix no actor still stopping holds. Called again, it does nothing.
   */
  private static void release(ActorSystem<?> system, String key) {
    Names names = Names.of(system);
    synchronized (names) {
      int[] use = names.uses.get(key);
      if (use != null) use[0] = 0;
    }
  }

  /**
   * Forgets a name of an actor's incarnation altogether, once no actor named after it can remain:
   * the parent has ended, or is restarting, which waits for all its children to stop.
   */
  private static void forget(ActorSystem<?> system, String key) {
    Names names = Names.of(system);
    synchronized (names) {
      names.uses.remove(key);
    }
  }

  /**
   * Stops every actor of the subsystem (the disk closes its backend as it stops). The stage
   * completes once all of them have terminated; then the name may be spawned again. Called again,
   * it returns the same stage. Spawned under an actor, call it from that actor.
   */
  public CompletionStage<Done> stop() {
    synchronized (stopLock) {
      if (!stopping) {
        // First, since Pekko refuses it off the parent's thread: then nothing has changed, and a
        // later stop() from the right thread still stops.
        stopper.run();
        stopping = true;
        system.systemActorOf(
            watcher(List.copyOf(actors)),
            "peerpath-stop-" + WATCHERS.incrementAndGet(),
            Props.empty());
      }
    }
    return stopped;
  }

  private boolean stopping;

  /**
   * The name guard, a child of the actor this subsystem was spawned under, has stopped. Either
   * stop() stopped it, and the name is free for the next spawn at once (its prefix will differ from
   * that of the actors still stopping), while the stage waits for all of them; or the parent is
   * ending or restarting, which stops every child and waits for them before anything else, so the
   * name is forgotten altogether.
   */
  void guardStopped() {
    boolean byStop;
    synchronized (stopLock) {
      byStop = stopping;
      stopping = true;
    }
    if (byStop) {
      release(system, nameKey);
    } else {
      forget(system, nameKey);
      stopped.complete(Done.getInstance());
    }
  }

  /**
   * Watches the actors and, once all have terminated, frees the name and completes {@link
   * #stopped}.
   */
  private Behavior<Void> watcher(List<ActorRef<?>> watched) {
    return Behaviors.<Void>setup(
        ctx -> {
          watched.forEach(ctx::watch);
          int[] left = {watched.size()};
          return Behaviors.receive(Void.class)
              .onSignal(
                  Terminated.class,
                  t -> {
                    if (--left[0] > 0) return Behaviors.same();
                    release(system, nameKey);
                    stopped.complete(Done.getInstance());
                    return Behaviors.stopped();
                  })
              .build();
        });
  }
}
