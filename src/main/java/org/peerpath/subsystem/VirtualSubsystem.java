package org.peerpath.subsystem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.history.HistoryEvent;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;

/**
 * A subsystem run under the virtual-time runtime (docs/architecture.md §10), for tests, replay and
 * simulation: inputs are timers at virtual times measured from the subsystem's start, the driver
 * runs until every command has its reply, and the history is a function of the inputs alone.
 *
 * <p>The subsystem is up before time 0 (trace-v1): {@code start} drives its startup (every actor
 * started, the servers introduced, every adapter incarnated) to quiescence before it returns, and
 * inputs at the same virtual time take effect one at a time in the order they were given, each with
 * everything it sets off at that instant, at time 0 as at any other time ({@link
 * VirtualTimeSystem#inputAt}).
 *
 * <pre>{@code
 * try (var run = VirtualSubsystem.start(SubsystemSettings.traceDefaults())) {
 *   run.submitAt(0, IoCommand.read("r1", 7, 1), "server-1").failAt(ms(1), "adapter-1", FaultMode.CRASH, 0);
 *   run.runUntilReplied(Duration.ofSeconds(1));
 *   assertEquals(Status.GOOD, run.result("r1").status());
 * }
 * }</pre>
 *
 * Drive it from one thread only (the driver); actors run only while a run method is driving.
 */
public final class VirtualSubsystem implements AutoCloseable {
  private final VirtualTimeSystem<?> runtime;
  private final boolean ownsRuntime;
  private final Subsystem subsystem;
  private final ActorRef<CommandResult> collector;
  private final Map<String, CommandResult> results = new LinkedHashMap<>();
  private final long origin;
  private int submitted;
  private int inputsPending;

  /** A fresh runtime of its own. */
  public static VirtualSubsystem start(SubsystemSettings settings) {
    return new VirtualSubsystem(
        VirtualTime.create(Behaviors.empty(), "peerpath-virtual"), true, settings);
  }

  /**
   * A fresh subsystem on a shared runtime (several runs in turn on one ActorSystem); names must
   * differ.
   */
  public static VirtualSubsystem start(VirtualTimeSystem<?> runtime, SubsystemSettings settings) {
    return new VirtualSubsystem(runtime, false, settings);
  }

  /**
   * A fresh runtime of its own, with a subsystem of the builder's making (a disk backend of one's
   * own, say).
   */
  public static VirtualSubsystem start(SubsystemBuilder subsystem) {
    return new VirtualSubsystem(
        VirtualTime.create(Behaviors.empty(), "peerpath-virtual"), true, subsystem);
  }

  private VirtualSubsystem(
      VirtualTimeSystem<?> runtime, boolean ownsRuntime, SubsystemSettings settings) {
    this(runtime, ownsRuntime, Subsystem.builder(settings));
  }

  private VirtualSubsystem(
      VirtualTimeSystem<?> runtime, boolean ownsRuntime, SubsystemBuilder builder) {
    SubsystemSettings settings = builder.settings();
    this.runtime = runtime;
    this.ownsRuntime = ownsRuntime;
    this.origin = runtime.now();
    this.subsystem = builder.spawn(runtime.system());
    this.collector =
        runtime.spawn(
            Behaviors.receive(CommandResult.class)
                .onMessage(
                    CommandResult.class,
                    r -> {
                      results.put(r.id(), r);
                      return Behaviors.same();
                    })
                .build(),
            settings.name() + "-results");
    // Startup takes no virtual time; the first input, even at 0, finds every element running.
    runtime.runUntilQuiescent();
  }

  /**
   * Host-1 sends {@code command} to {@code server} (null: the host's policy chooses) at {@code
   * atNanos}.
   */
  public VirtualSubsystem submitAt(long atNanos, IoCommand command, String server) {
    return submitAt(atNanos, subsystem.settings().hostName(1), command, server);
  }

  /**
   * Host-1 sends {@code command} to {@code server} (null: the host's policy chooses) at {@code at}.
   */
  public VirtualSubsystem submitAt(Duration at, IoCommand command, String server) {
    return submitAt(nanos(at), command, server);
  }

  /**
   * {@code host} sends {@code command} to {@code server} (null: its policy chooses) at {@code at}.
   */
  public VirtualSubsystem submitAt(Duration at, String host, IoCommand command, String server) {
    return submitAt(nanos(at), host, command, server);
  }

  /**
   * Fails {@code adapter} at {@code at}; {@code duration} matters only for a reset.
   *
   * @throws IllegalArgumentException at once for an unknown adapter or a duration out of range
   */
  public VirtualSubsystem failAt(Duration at, String adapter, FaultMode mode, Duration duration) {
    return failAt(nanos(at), adapter, mode, nanos(duration));
  }

  /**
   * Repairs {@code adapter} at {@code at}.
   *
   * @throws IllegalArgumentException at once for an unknown adapter
   */
  public VirtualSubsystem repairAt(Duration at, String adapter) {
    return repairAt(nanos(at), adapter);
  }

  private static long nanos(Duration d) {
    return org.peerpath.history.Durations.saturatedNanos(d);
  }

  public VirtualSubsystem submitAt(long atNanos, String host, IoCommand command, String server) {
    subsystem.host(host);
    at(atNanos, () -> subsystem.submit(host, command, server, collector));
    submitted++; // only once the input is scheduled: a refused one is not waited for
    return this;
  }

  /**
   * @throws IllegalArgumentException at once for an unknown adapter or a duration out of range
   */
  public VirtualSubsystem failAt(long atNanos, String adapter, FaultMode mode, long durationNanos) {
    Control.Command fault = subsystem.failure(adapter, mode, durationNanos);
    return at(atNanos, () -> subsystem.inject(fault));
  }

  /**
   * @throws IllegalArgumentException at once for an unknown adapter or server
   */
  public VirtualSubsystem repairAt(long atNanos, String target) {
    Control.Command repair = subsystem.repairOf(target);
    return at(atNanos, () -> subsystem.inject(repair));
  }

  /**
   * Cuts every path between the nodes of {@code a} and {@code b} at {@code at}.
   *
   * @throws IllegalArgumentException at once for an unknown element, or two on one node
   */
  public VirtualSubsystem partitionAt(Duration at, String a, String b) {
    return partitionAt(nanos(at), a, b);
  }

  /**
   * Heals one cut between the nodes of {@code a} and {@code b} at {@code at}.
   *
   * @throws IllegalArgumentException at once for an unknown element, or two on one node
   */
  public VirtualSubsystem healAt(Duration at, String a, String b) {
    return healAt(nanos(at), a, b);
  }

  public VirtualSubsystem partitionAt(long atNanos, String a, String b) {
    Control.Command cut = subsystem.partitionOf(a, b);
    return at(atNanos, () -> subsystem.inject(cut));
  }

  public VirtualSubsystem healAt(long atNanos, String a, String b) {
    Control.Command heal = subsystem.healOf(a, b);
    return at(atNanos, () -> subsystem.inject(heal));
  }

  /**
   * Runs {@code input} at {@code atNanos} of the subsystem's time, once what the inputs before it
   * at that time set off has run (see the class comment).
   *
   * @throws IllegalArgumentException if that time has passed or is past the end of virtual time
   */
  public VirtualSubsystem at(long atNanos, Runnable input) {
    if (atNanos < now())
      throw new IllegalArgumentException("virtual time " + atNanos + " ns has already passed");
    if (atNanos > Long.MAX_VALUE - origin - 1) {
      throw new IllegalArgumentException(
          "virtual time " + atNanos + " ns is past the end of virtual time");
    }
    inputsPending++;
    runtime.inputAt(
        origin + atNanos,
        () -> {
          inputsPending--;
          try {
            input.run();
          } catch (RuntimeException e) {
            runtime.system().log().error("input at {} ns failed", atNanos, e);
          }
        });
    return this;
  }

  /**
   * Drives until every input has happened and every submitted command has its reply; false if
   * {@code maxVirtual} passed first.
   */
  public boolean runUntilReplied(Duration maxVirtual) {
    return runUntilReplied(maxVirtual, virtualNanos -> {});
  }

  /**
   * As {@link #runUntilReplied(Duration)}, telling {@code progress} now and then (every 1024 steps
   * of the runtime) how far the run has come: the virtual nanoseconds since this subsystem started.
   * It runs on the driving thread, and must be quick.
   */
  public boolean runUntilReplied(Duration maxVirtual, java.util.function.LongConsumer progress) {
    int[] steps = {0};
    return runtime.runUntil(
        () -> {
          if ((++steps[0] & 1023) == 0) progress.accept(now());
          return inputsPending == 0 && results.size() >= submitted;
        },
        maxVirtual);
  }

  public void runFor(Duration d) {
    runtime.runFor(d);
  }

  /** Nanoseconds since this subsystem started. */
  public long now() {
    return runtime.now() - origin;
  }

  public CommandResult result(String id) {
    CommandResult r = results.get(id);
    if (r == null) throw new IllegalStateException("command " + id + " has no reply (yet)");
    return r;
  }

  public Map<String, CommandResult> results() {
    return Map.copyOf(results);
  }

  public List<HistoryEvent> history() {
    return subsystem.history().events();
  }

  public Subsystem subsystem() {
    return subsystem;
  }

  public VirtualTimeSystem<?> runtime() {
    return runtime;
  }

  @Override
  public void close() {
    subsystem.stop();
    org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(runtime.system())
        .stop(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(collector));
    if (ownsRuntime) runtime.close();
    else runtime.runUntilQuiescent();
  }
}
