package org.peerpath.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.runtime.Choices;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;

/**
 * One test's virtual-time actor system: spawn the actors under test and probes, drive virtual time,
 * then assert on what the probes recorded. Nothing runs between two driving calls, and nothing
 * sleeps: a test of many virtual seconds takes milliseconds.
 *
 * <p>The system is started and driven to quiescence (under FIFO) before the test gets it, so a
 * {@link Schedule} in force orders only what the test sets off. The {@link VirtualTimeExtension}
 * makes one per test and closes it afterwards; outside JUnit, {@link #create} and
 * try-with-resources do the same.
 *
 * <p>Drive from the test's thread only (the one that created the kit). Do not use Pekko's blocking
 * helpers ({@code TestProbe.expectMessage}, {@code ActorTestKit.spawn}, {@code Await}) here: they
 * wait for actors that only the driver runs, and the driver is the thread that waits.
 */
public final class VirtualTimeKit implements AutoCloseable {

  /**
   * How many tasks a kit's system may run at one instant of virtual time before the driving call
   * fails ({@link VirtualTime#MAX_TASKS_PER_INSTANT}), with an {@link IllegalStateException} that
   * names the actors then ready: an actor that keeps telling itself, or two that keep answering
   * each other at once, never let the clock move, and would make the test hang. Far more than a
   * test's actors run at one instant.
   */
  public static final long MAX_TASKS_PER_INSTANT = 10_000_000;

  private final VirtualTimeSystem<Void> driver;

  /** True when the kit made its system; else it borrowed it, and gives it back on close. */
  private final boolean owner;

  private final long tasksBefore;
  private final long timersBefore;
  private final long origin;
  private final List<ActorRef<?>> spawned = new ArrayList<>();
  private final AtomicInteger probes = new AtomicInteger();
  private final Runnable returned;
  private boolean closed;

  private VirtualTimeKit(
      VirtualTimeSystem<Void> driver, Schedule schedule, boolean owner, Runnable returned) {
    this.driver = driver;
    this.owner = owner;
    this.returned = returned;
    driver.schedule(Schedule.FIFO);
    driver.runUntilQuiescent();
    driver.schedule(schedule);
    this.tasksBefore = driver.tasksRun();
    this.timersBefore = driver.timersFired();
    this.origin = driver.now();
  }

  /**
   * A kit on a virtual-time system of the runtime's default settings, run oldest task first: the
   * order every plain virtual-time test and simulation sees.
   *
   * @param name the actor system's name (letters, digits, '-' and '_'; others are replaced)
   */
  public static VirtualTimeKit create(String name) {
    return new VirtualTimeKit(
        VirtualTime.create(Behaviors.empty(), systemName(name), bounded()),
        Schedule.FIFO,
        true,
        () -> {});
  }

  /**
   * A kit whose mailboxes run one message per turn ({@link VirtualTime#oneMessagePerTurn()}), and
   * whose ready tasks run in the order {@code schedule} chooses: the kit of one explored schedule.
   */
  public static VirtualTimeKit create(String name, Schedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    return new VirtualTimeKit(oneMessagePerTurn(name), schedule, true, () -> {});
  }

  /** A kit on {@code system}, which it closes: a new system of one run of an exploration. */
  static VirtualTimeKit owning(VirtualTimeSystem<Void> system, Schedule schedule) {
    return new VirtualTimeKit(system, schedule, true, () -> {});
  }

  /**
   * A kit on {@code system}, which it does not close: it stops the actors it spawned instead, and
   * drives the system until they have stopped, so that the next kit finds it as this one did; then
   * it runs {@code returned}.
   */
  static VirtualTimeKit borrowing(
      VirtualTimeSystem<Void> system, Schedule schedule, Runnable returned) {
    return new VirtualTimeKit(system, schedule, false, returned);
  }

  /** A virtual-time system whose mailboxes run one message per turn. */
  static VirtualTimeSystem<Void> oneMessagePerTurn(String name) {
    return VirtualTime.create(
        Behaviors.empty(),
        systemName(name),
        VirtualTime.oneMessagePerTurn().withFallback(bounded()));
  }

  /** The user config of a kit's system: at most {@link #MAX_TASKS_PER_INSTANT} at one instant. */
  private static Config bounded() {
    return ConfigFactory.parseMap(
        Map.of(VirtualTime.MAX_TASKS_PER_INSTANT, MAX_TASKS_PER_INSTANT), "the testkit's bound");
  }

  /** Spawns {@code behavior} as a top-level actor; it starts when the kit is next driven. */
  public <M> ActorRef<M> spawn(Behavior<M> behavior, String name) {
    ActorRef<M> ref = driver.spawn(behavior, name);
    spawned.add(ref);
    return ref;
  }

  /**
   * A probe for messages of type {@code type}, named after it: {@code probe-1-String}, {@code
   * probe-2-byte--} (what an actor name cannot hold becomes '-').
   */
  public <M> RecordingProbe<M> probe(Class<M> type) {
    return probe(
        type,
        "probe-"
            + probes.incrementAndGet()
            + "-"
            + type.getSimpleName().replaceAll("[^A-Za-z0-9_-]", "-"));
  }

  /** A probe named {@code name} (an actor name: unique among the kit's top-level actors). */
  public <M> RecordingProbe<M> probe(Class<M> type, String name) {
    return RecordingProbe.spawn(this, type, name);
  }

  /** Runs every ready task, and what they set off, until none is left; the clock does not move. */
  public void runUntilQuiescent() {
    driver.runUntilQuiescent();
  }

  /** Drives timers up to {@code now + d}: returns quiescent, with the clock exactly there. */
  public void runFor(Duration d) {
    driver.runFor(d);
  }

  /**
   * Drives until {@code done} holds (checked each time nothing is ready) or {@code maxVirtual} of
   * virtual time has passed; returns whether {@code done} held.
   */
  public boolean runUntil(BooleanSupplier done, Duration maxVirtual) {
    return driver.runUntil(done, maxVirtual);
  }

  /** Virtual time since the kit was made. */
  public Duration now() {
    return Duration.ofNanos(driver.now() - origin);
  }

  /** The actor system, for what the kit does not wrap (its scheduler, its config, ...). */
  public ActorSystem<Void> system() {
    return driver.system();
  }

  /** The runtime's driver of the system, for what the kit does not wrap ({@code inputAt}, ...). */
  public VirtualTimeSystem<Void> driver() {
    return driver;
  }

  /** The order the ready tasks run in. */
  public Schedule schedule() {
    return driver.schedule();
  }

  /**
   * The choices the schedule has made so far where more than one task was ready: {@code
   * Schedule.ofChoices(choicesMade().chosen())} runs the same order again (empty under FIFO).
   */
  public Choices choicesMade() {
    return driver.choicesMade();
  }

  /** Tasks run since the kit was made: an actor's turn at its mailbox is one. */
  public long steps() {
    return driver.tasksRun() - tasksBefore;
  }

  /** Timers fired since the kit was made. */
  public long timersFired() {
    return driver.timersFired() - timersBefore;
  }

  /**
   * Terminates the system, driving it until it has; a kit of an exploration that shares its system
   * among runs stops the actors it spawned instead. Idempotent.
   */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    if (owner) {
      driver.close();
      return;
    }
    driver.schedule(Schedule.FIFO);
    var classic = Adapter.toClassic(driver.system());
    for (ActorRef<?> ref : spawned) classic.stop(Adapter.toClassic(ref));
    driver.runUntilQuiescent();
    returned.run();
  }

  /**
   * {@code name} as an actor system's name: letters, digits, '-' and '_', a letter or digit first.
   */
  static String systemName(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_-]", "-");
    return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) ? "kit-" + s : s;
  }
}
