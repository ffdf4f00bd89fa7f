package org.peerpath.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Entry point: creates Pekko Typed actor systems that run on virtual time, driven by the caller
 * through the returned {@link VirtualTimeSystem}.
 *
 * <p>Such a system has no thread of its own: every dispatcher appends to one run queue, the
 * scheduler only records deadlines, and the driver runs tasks and moves the clock. With the same
 * inputs a run therefore produces the same event order on every run and machine.
 */
public final class VirtualTime {

  static final int THROUGHPUT = 1000;

  /**
   * The config key that sets how many messages a mailbox may run in one turn (default {@value
   * #THROUGHPUT}); {@link #oneMessagePerTurn()} sets it to 1.
   */
  public static final String MESSAGES_PER_TURN = "peerpath.virtual-time.messages-per-turn";

  /**
   * The config key that bounds how many tasks may run at one instant of virtual time before a
   * driving call fails, naming the actors then ready (default 0: no bound). Without a bound, an
   * actor that keeps telling itself makes a driving call run forever.
   */
  public static final String MAX_TASKS_PER_INSTANT = "peerpath.virtual-time.max-tasks-per-instant";

  private static final String EXECUTOR = RunQueueExecutorConfigurator.class.getName();

  private static final String DISPATCHER = FootprintDispatcherConfigurator.class.getName();

  private VirtualTime() {}

  /**
   * The overrides that put a system on virtual time: the scheduler, the executor of Pekko's
   * dispatchers (others found in the config are redirected too, see {@link #create}), no JVM
   * shutdown hooks (they would terminate the system from a foreign thread), a local provider
   * (remoting would start network threads), and no throughput deadline (it reads the wall clock). A
   * mailbox may run up to {@value #THROUGHPUT} messages per turn: with one driving thread, fairness
   * among mailboxes buys nothing (the clock cannot move until the queue is empty), and fewer turns
   * measured 14% fewer wall seconds per simulated seed. Runs stay deterministic. No logging of dead
   * letters: Pekko logs only the first few of a system's life, through an actor of its own, so a
   * run on a system that has run others would see other tasks than on a fresh one, and a {@link
   * Schedule} would choose differently. And no timer that a library starts for the system's life
   * (distributed data's serializer cache, below).
   */
  public static Config config() {
    return config(THROUGHPUT);
  }

  /**
   * A user config that gives every mailbox one message per turn, for exploring schedules: other
   * actors may then run between two messages of one mailbox, as on a real dispatcher. Slower than
   * the default; the run is as deterministic.
   */
  public static Config oneMessagePerTurn() {
    return ConfigFactory.parseMap(Map.of(MESSAGES_PER_TURN, 1), "one message per turn");
  }

  static Config config(int throughput) {
    String dispatcher =
        "{ type = \""
            + DISPATCHER
            + "\", executor = \""
            + EXECUTOR
            + "\", throughput-deadline-time = 0ms, throughput = "
            + throughput
            + " }";
    return ConfigFactory.parseString(
        String.join(
            "\n",
            "pekko.scheduler.implementation = \"" + VirtualTimeScheduler.class.getName() + "\"",
            "pekko.actor.default-dispatcher " + dispatcher,
            "pekko.actor.internal-dispatcher " + dispatcher,
            "pekko.actor.default-blocking-io-dispatcher " + dispatcher,
            "pekko.actor.provider = local",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
            "pekko.jvm-shutdown-hooks = off",
            "pekko.log-config-on-start = off",
            "pekko.log-dead-letters = off",
            "pekko.log-dead-letters-during-shutdown = off",
            // Pekko distributed data (on the classpath with the cluster) binds a serializer whose
            // creation, at every system's start, starts a cache-eviction timer repeating every few
            // seconds for the system's life: virtual time would never run out of timers. A local
            // system never replicates data, so that alias gets a serializer that starts nothing
            // (Jackson's, with an identifier of its own: ddata's, now unused).
            "pekko.actor.serializers.pekko-data-replication ="
                + " \"org.apache.pekko.serialization.jackson.JacksonCborSerializer\"",
            "pekko.actor.serialization-identifiers.pekko-data-replication = 12"),
        ConfigParseOptions.defaults().setOriginDescription("peerpath virtual time"));
  }

  /** Same as {@link #create(Behavior, String, Config)} with an empty user config. */
  public static <T> VirtualTimeSystem<T> create(Behavior<T> guardian, String name) {
    return create(guardian, name, ConfigFactory.empty());
  }

  /**
   * Creates a virtual-time actor system with config {@code config()} over {@code userConfig} over
   * {@code ConfigFactory.load()}. The clock starts at 0. The guardian does not start until the
   * first driving call on the returned system; from then on only the driver runs actors.
   */
  public static <T> VirtualTimeSystem<T> create(
      Behavior<T> guardian, String name, Config userConfig) {
    Config user = userConfig.withFallback(ConfigFactory.load());
    int perTurn = user.hasPath(MESSAGES_PER_TURN) ? user.getInt(MESSAGES_PER_TURN) : THROUGHPUT;
    if (perTurn < 1)
      throw new IllegalArgumentException(
          MESSAGES_PER_TURN + " is at least 1 message, not " + perTurn);
    long tasksPerInstant =
        user.hasPath(MAX_TASKS_PER_INSTANT) ? user.getLong(MAX_TASKS_PER_INSTANT) : 0;
    if (tasksPerInstant < 0)
      throw new IllegalArgumentException(
          MAX_TASKS_PER_INSTANT + " is 0 (no bound) or more, not " + tasksPerInstant);
    VirtualWorld world = VirtualWorlds.open(name);
    world.queue().limitTasksPerInstant(tasksPerInstant);
    Config merged = config(perTurn).withFallback(user).resolve();
    Config full =
        ConfigFactory.parseMap(Map.of(VirtualWorlds.ID_KEY, world.id()))
            .withFallback(DispatcherOverrides.of(merged, perTurn))
            .withFallback(merged);

    StartupDrainer drainer = new StartupDrainer(world.queue(), name);
    drainer.start();
    ActorSystem<T> system;
    try {
      system = ActorSystem.create(GuardianGate.around(guardian), name, full);
    } catch (RuntimeException | Error e) {
      drainer.finish();
      VirtualWorlds.remove(world);
      throw e;
    }
    drainer.finish();

    VirtualTimeSystem<T> vts = new VirtualTimeSystem<>(world, system);
    world.attach(vts);
    @SuppressWarnings("unchecked")
    ActorSystem<Object> untyped = (ActorSystem<Object>) (ActorSystem<?>) system;
    untyped.tell(GuardianGate.OPEN);
    return vts;
  }
}
