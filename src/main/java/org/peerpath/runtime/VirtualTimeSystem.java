package org.peerpath.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import scala.concurrent.ExecutionContext;

/**
 * A virtual-time actor system and its driver.
 *
 * <p>Driving loop: run queued tasks until none is left (quiescence); then move the clock to the
 * earliest deadline, fire that one timer, and drain to quiescence again. The clock never moves
 * backwards and never moves while tasks are queued, and under FIFO two timers due at the same
 * instant are separated by a drain, so the reactions to the first are complete before the second
 * fires. Under another {@link Schedule} the model's timers due at one instant fire together and the
 * schedule orders what they set off; inputs still fire one at a time, before them.
 *
 * <p><b>Threading.</b> Actors run only inside the driving methods ({@link #runUntilQuiescent},
 * {@link #runFor}, {@link #runUntil}, {@link #close}), on the thread that calls them. They must be
 * called by one thread at a time (another thread may take over between calls, e.g. after a {@code
 * join}); a call while another thread is driving, or from inside a task being run (actor code),
 * fails fast with an {@link IllegalStateException}. Any thread may {@code tell} or {@link #spawn}
 * at any time; the messages are processed when the driver next runs. Do not call the blocking
 * {@code ActorSystem.close()} or {@code Await} on the driver thread: nothing would run while it
 * waits. Work handed to thread pools outside Pekko's dispatchers (e.g. the {@code ...Async} methods
 * of {@code CompletionStage} without an executor) escapes virtual time.
 */
public final class VirtualTimeSystem<T> implements AutoCloseable {

  /** Virtual time granted to termination before {@link #close} gives up. */
  private static final long CLOSE_LIMIT_NANOS = Duration.ofMinutes(10).toNanos();

  private final VirtualWorld world;
  private final ActorSystem<T> system;
  private final AtomicReference<Thread> driver = new AtomicReference<>();

  /** Tasks run during startup; their number varies by thread timing, so it is not counted. */
  private final long startupTasks;

  /** Written only by the driver; hand-overs between driver threads publish it. */
  private long timersFired;

  private volatile boolean closed;

  private Schedule schedule = Schedule.FIFO;

  /**
   * The picker of the schedule last set, whose choices {@link #choicesMade()} tells (null under
   * FIFO); the run queue holds it too while it chooses ({@link #stopChoosing()}).
   */
  private TaskPicker picker;

  /** The search whose schedules {@link #schedule(Schedule)} hands to it, or null. */
  private DepthFirstSearch search;

  VirtualTimeSystem(VirtualWorld world, ActorSystem<T> system) {
    this.world = world;
    this.system = system;
    this.startupTasks = world.queue().tasksRun();
  }

  /** The virtual-time system driving {@code system}. */
  public static VirtualTimeSystem<?> of(ActorSystem<?> system) {
    return VirtualWorlds.find(system.settings().config())
        .orElseThrow(
            () -> new IllegalArgumentException(system.name() + " does not run on virtual time"))
        .owner();
  }

  /** True if {@code system} was created by {@link VirtualTime#create} (closed or not). */
  public static boolean isVirtual(ActorSystem<?> system) {
    return system.settings().config().hasPath(VirtualWorlds.ID_KEY);
  }

  public ActorSystem<T> system() {
    return system;
  }

  /** Virtual nanoseconds since the system was created (the value {@link ModelClock} reports). */
  public long now() {
    return world.clock().nanos();
  }

  /** The clock actors of this system see. */
  public ModelClock clock() {
    return world.clock();
  }

  /** Runs tasks until none is left; the clock does not move. */
  public void runUntilQuiescent() {
    enter();
    try {
      world.queue().drain();
    } finally {
      exit();
    }
  }

  /**
   * Drives timers up to {@code now + d}; returns quiescent with the clock exactly at {@code now +
   * d} (at {@code Long.MAX_VALUE} nanoseconds if that is past the clock's range).
   */
  public void runFor(Duration d) {
    long limit = limit(d);
    enter();
    try {
      do {
        world.queue().drain();
      } while (fireNext(limit));
      world.clock().advanceTo(limit);
    } finally {
      exit();
    }
  }

  /**
   * Drives until {@code done} holds (checked at every quiescence) or the clock would pass {@code
   * now + maxVirtual} (saturated as in {@link #runFor}). Returns true with the clock where {@code
   * done} first held; false with the clock at the limit, also when no timer is left to fire.
   */
  public boolean runUntil(BooleanSupplier done, Duration maxVirtual) {
    long limit = limit(maxVirtual);
    enter();
    try {
      while (true) {
        world.queue().drain();
        if (done.getAsBoolean()) {
          return true;
        }
        if (!fireNext(limit)) {
          world.clock().advanceTo(limit);
          return false;
        }
      }
    } finally {
      exit();
    }
  }

  /**
   * Runs {@code input} on the driver at virtual time {@code atNanos} of this system's clock, as a
   * timer that fires only at quiescence, also when it is due already (unlike Pekko's zero delay,
   * which hands a task over at once). Inputs at one instant thus run one at a time, in the order
   * they were given, each after everything the one before set off at that instant has run; none
   * runs before the work already queued (an actor's start, say) is done; and they come before the
   * model's own timers due at that instant (a message arriving, a tick), whenever those were
   * scheduled. Any thread may call it; the input runs when the driver next reaches {@code atNanos}.
   *
   * @throws IllegalArgumentException if {@code atNanos} has passed
   */
  public Cancellable inputAt(long atNanos, Runnable input) {
    return world.scheduler().scheduleAt(atNanos, input, ExecutionContext.parasitic$.MODULE$);
  }

  /** Creates a system-level actor (returns at once; it starts when the driver next runs). */
  public <U> ActorRef<U> spawn(Behavior<U> behavior, String name) {
    return system.systemActorOf(behavior, name, Props.empty());
  }

  /**
   * Orders the ready tasks by {@code s} from the next driving call on, with a fresh picker (so the
   * same schedule set again makes the same choices again on the same inputs). {@link Schedule#FIFO}
   * restores the default. Call it between driving calls, not from actor code.
   */
  public void schedule(Schedule s) {
    betweenDrivingCalls("changes");
    schedule = java.util.Objects.requireNonNull(s, "schedule");
    picker = search != null && s.equals(search.current()) ? search.picker() : s.picker();
    world.queue().picker(picker);
  }

  /**
   * Puts {@code s} in charge of the runs of its schedules: from now on, {@link #schedule(Schedule)}
   * with the schedule {@code s.next()} returned last follows the search past the schedule's
   * choices, instead of going oldest first (null: no search). Call it between driving calls.
   *
   * @throws IllegalStateException if a dispatcher of the system is of a type that does not tell
   *     whom it delivers to (a balancing dispatcher)
   */
  public void search(DepthFirstSearch s) {
    betweenDrivingCalls("takes a search");
    if (s != null) {
      var others = DispatcherOverrides.withoutFootprints(system.settings().config());
      if (!others.isEmpty())
        throw new IllegalStateException(
            "a search over schedules needs every dispatcher of "
                + system.name()
                + " to tell whom it delivers to, and these do not: "
                + String.join(", ", others));
    }
    search = s;
  }

  /**
   * Runs the ready tasks oldest first from the next driving call on, and fires timers due at one
   * instant one at a time, as under FIFO, while {@link #schedule()} and {@link #choicesMade()}
   * still tell the schedule last set and the choices it made until now. For what follows a run that
   * has been checked, such as its subsystem's stop: choices there could change nothing checked, and
   * a search over the choices that took them as its own would vary them first. Call it between
   * driving calls; {@link #schedule(Schedule)} chooses again.
   */
  public void stopChoosing() {
    betweenDrivingCalls("stops choosing");
    world.queue().picker(null);
  }

  private void betweenDrivingCalls(String what) {
    if (driver.get() != null)
      throw new IllegalStateException(
          "the schedule of "
              + system.name()
              + " "
              + what
              + " between driving calls, not during one");
  }

  /**
   * How many messages a mailbox runs in one turn: 1 for a system made with {@link
   * VirtualTime#oneMessagePerTurn()}, else the default of many.
   */
  public int messagesPerTurn() {
    return system.settings().config().getInt("pekko.actor.default-dispatcher.throughput");
  }

  /** The schedule in force (last set by {@link #schedule(Schedule)}; FIFO by default). */
  public Schedule schedule() {
    return schedule;
  }

  /**
   * The choices made since the schedule was last set, where more than one task was ready: {@link
   * Schedule#ofChoices} with them runs the same order again. Empty under FIFO, which records none.
   */
  public Choices choicesMade() {
    return picker == null ? new Choices(new int[0], new int[0]) : picker.choicesMade();
  }

  /** Tasks the driver has run so far (startup work excluded). */
  public long tasksRun() {
    return world.queue().tasksRun() - startupTasks;
  }

  /** Timers fired so far by the driver. */
  public long timersFired() {
    return timersFired;
  }

  /** Timers scheduled and not yet fired or cancelled (Pekko's own included). */
  public int pendingTimers() {
    return world.scheduler().pendingTimers();
  }

  /**
   * Terminates the system and drives until it has terminated (bounded by 10 virtual minutes; throws
   * {@link IllegalStateException} if that is not enough). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    enter();
    boolean terminated;
    // A driving call that an interrupt ended leaves the flag set; the stop must still run.
    boolean interrupted = Thread.interrupted();
    // The stop runs oldest first: choices in it could change nothing a run checked, and a search
    // would take them for its own (their actors, Pekko's, are named anew in every system).
    world.queue().picker(null);
    try {
      system.terminate();
      long limit = VirtualTimeScheduler.saturatedAdd(now(), CLOSE_LIMIT_NANOS);
      do {
        world.queue().drain();
        terminated = system.whenTerminated().isCompleted();
      } while (!terminated && fireNext(limit));
    } finally {
      closed = true;
      VirtualWorlds.remove(world);
      exit();
      if (interrupted) Thread.currentThread().interrupt();
    }
    if (!terminated) {
      throw new IllegalStateException(
          "actor system "
              + system.name()
              + " did not terminate within "
              + Duration.ofNanos(CLOSE_LIMIT_NANOS)
              + " of virtual time");
    }
  }

  /** The virtual time {@code d} after now, saturated at the end of the clock's range. */
  private long limit(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(
          "cannot drive for a negative duration (" + d + "): virtual time only moves forward");
    }
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos =
          Long.MAX_VALUE; // a Duration holds far more than a long's nanoseconds: the end of time
      // anyway
    }
    return VirtualTimeScheduler.saturatedAdd(now(), nanos);
  }

  /**
   * Fires the next timer; under a schedule other than FIFO, with it every other timer of the model
   * due at that instant, so that the schedule orders what they set off (a real run would run those
   * at once too).
   */
  private boolean fireNext(long limit) {
    int fired = world.scheduler().fireNext(limit, world.queue().picker() != null);
    timersFired += fired;
    return fired > 0;
  }

  private void enter() {
    if (closed) {
      throw new IllegalStateException("virtual-time system " + system.name() + " is closed");
    }
    Thread me = Thread.currentThread();
    Thread owner = driver.compareAndExchange(null, me);
    if (owner == me) {
      throw new IllegalStateException(
          "driving method of "
              + system.name()
              + " called from inside a task the driver is running (e.g. from actor code)");
    }
    if (owner != null) {
      throw new IllegalStateException(
          "virtual-time system "
              + system.name()
              + " is being driven by thread '"
              + owner.getName()
              + "'; driving methods must be called from one thread at a time");
    }
    world.queue().driving(true);
  }

  private void exit() {
    world.queue().driving(false);
    driver.set(null);
  }
}
