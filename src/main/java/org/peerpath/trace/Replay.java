package org.peerpath.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.history.HistoryEvent;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.SharedState;
import org.peerpath.runtime.VirtualTime;
import org.peerpath.runtime.VirtualTimeSystem;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.subsystem.VirtualSubsystem;
import org.peerpath.trace.check.Invariants;
import org.peerpath.trace.check.Violation;

/**
 * Replays a trace on a fresh subsystem under the virtual-time runtime and checks its expectations
 * and the invariants of docs/spec/trace-format.md. The same trace gives the same history, event for
 * event, on every run. The checks need every event of the run, so a replay whose settings keep no
 * history, or fewer events than the run had (history-limit), does not pass. From a JUnit test:
 *
 * <pre>{@code
 * ReplayReport report = Replay.run(TraceReader.readResource("peerpath/examples/notice-overtakes-csw.jsonl"));
 * assertTrue(report.passed(), report.summary());
 * }</pre>
 */
public final class Replay {
  /** The violation of a replay whose history lacks events, so that nothing could be checked. */
  public static final String COMPLETE_HISTORY = "complete-history";

  private static final AtomicLong RUNS = new AtomicLong();

  private Replay() {}

  /** On a runtime of its own (one message per turn if the trace has a schedule). */
  public static ReplayReport run(Trace trace) {
    try (VirtualTimeSystem<Void> runtime = runtimeFor(trace, "replay")) {
      return run(trace, runtime, UnaryOperator.identity());
    }
  }

  /**
   * A runtime that can replay {@code trace}: one message per turn if it has a schedule line (its
   * choices mean that grain), else the default.
   */
  public static VirtualTimeSystem<Void> runtimeFor(Trace trace, String name) {
    return VirtualTime.create(
        Behaviors.empty(),
        name,
        trace.schedule() == null
            ? com.typesafe.config.ConfigFactory.empty()
            : VirtualTime.oneMessagePerTurn());
  }

  /**
   * On a shared runtime (many traces in turn on one ActorSystem, each with its own subsystem and
   * time origin). {@code adjust} changes the settings after the trace's config is applied. The
   * trace's schedule (FIFO if it has none) orders the runtime's ready tasks from the start of the
   * run; {@link VirtualTimeSystem#choicesMade()} then tells the choices it made.
   *
   * @throws IllegalArgumentException if the trace has a schedule and the runtime runs more than one
   *     message per turn ({@link #runtimeFor})
   */
  public static ReplayReport run(
      Trace trace, VirtualTimeSystem<?> runtime, UnaryOperator<SubsystemSettings> adjust) {
    return run(trace, runtime, adjust, virtualNanos -> {});
  }

  /**
   * As above, telling {@code progress} now and then, on the driving thread, how much virtual time
   * the run has gone through (at most {@link #longestRunNanos}): for a replay that runs long.
   */
  public static ReplayReport run(
      Trace trace,
      VirtualTimeSystem<?> runtime,
      UnaryOperator<SubsystemSettings> adjust,
      java.util.function.LongConsumer progress) {
    if (trace.schedule() != null && runtime.messagesPerTurn() != 1)
      throw new IllegalArgumentException(
          "trace "
              + trace.name()
              + " has a schedule, whose choices are among single messages: replay it on a runtime"
              + " made with VirtualTime.oneMessagePerTurn() (Replay.runtimeFor does)");
    runtime.schedule(Schedule.FIFO);
    SubsystemSettings settings =
        adjust.apply(settings(trace).withName("replay-" + RUNS.incrementAndGet()));
    try (VirtualSubsystem run = VirtualSubsystem.start(runtime, settings)) {
      // From time 0 on: the subsystem starts oldest first on any runtime, fresh or shared, so that
      // the schedule's first choice is the same choice on both.
      if (trace.schedule() != null) {
        // Two turns that record events are not independent: the checks read the history's order.
        run.subsystem().history().listen(e -> SharedState.touched("history"));
        runtime.schedule(trace.schedule());
      }
      long last = schedule(trace, run);
      // Every command ends within its lifetime (the host's resends included); a little longer, so
      // that a stray second reply would show.
      run.runUntilReplied(Duration.ofNanos(last + settings.commandLifetime().toNanos()), progress);
      run.runFor(Duration.ofNanos(Invariants.newsNanos(settings)));
      // The subsystem's stop, which follows, no check sees: oldest first, so that the choices the
      // schedule made (VirtualTimeSystem.choicesMade) are the checked run's alone.
      runtime.stopChoosing();
      List<HistoryEvent> history = run.history();
      Map<String, CommandResult> replies = replies(trace, run.results());
      Violation incomplete = incomplete(settings, history, run.subsystem().history().dropped());
      return new ReplayReport(
          trace.name(),
          settings,
          replies,
          trace.expectations().size(),
          unmet(trace, replies),
          incomplete != null
              ? List.of(incomplete)
              : Invariants.check(trace, settings, replies, history),
          history,
          run.now());
    }
  }

  /**
   * Why the history cannot be checked, or null if it holds every event of the run. The invariants
   * read the whole history: one with its oldest events dropped, or none kept, would pass checks it
   * cannot make, so a replay with such settings fails rather than pass unchecked.
   */
  private static Violation incomplete(
      SubsystemSettings settings, List<HistoryEvent> history, long dropped) {
    if (!settings.keepHistory()) {
      return new Violation(
          COMPLETE_HISTORY,
          "the run kept no history (keep-history is off): every check needs all its events");
    }
    if (dropped > 0) {
      return new Violation(
          COMPLETE_HISTORY,
          "the history kept only "
              + history.size()
              + " of the run's "
              + (history.size() + dropped)
              + " events (history-limit "
              + settings.historyLimit()
              + "): every check needs them all");
    }
    return null;
  }

  /** The settings a trace runs with: its config over the trace defaults. */
  public static SubsystemSettings settings(Trace trace) {
    return trace.config().applyTo(SubsystemSettings.traceDefaults(), trace.hosts());
  }

  /**
   * The most virtual time a replay of {@code trace} runs: to its last input, a command's lifetime
   * after it, and the time news takes to travel. Every time is at most 1000000s, so the sum cannot
   * overflow.
   */
  public static long longestRunNanos(Trace trace, SubsystemSettings settings) {
    long last = 0;
    for (Trace.Input i : trace.inputs()) last = Math.max(last, i.atNanos());
    return org.peerpath.history.Durations.saturatingAdd(
        last + Invariants.newsNanos(settings), settings.commandLifetime().toNanos());
  }

  /** Makes every input of the trace a timer of {@code run}; returns the time of the last one. */
  private static long schedule(Trace trace, VirtualSubsystem run) {
    long last = 0;
    for (Trace.Input input : trace.inputs()) {
      last = Math.max(last, input.atNanos());
      if (input instanceof Trace.Command c) {
        run.submitAt(
            c.atNanos(),
            c.host(),
            new IoCommand(c.id(), c.op(), c.lba(), c.blocks(), c.data()),
            c.server());
      } else if (input instanceof Trace.Fail f) {
        run.failAt(f.atNanos(), f.target(), f.mode(), f.durationNanos());
      } else if (input instanceof Trace.Repair r) {
        run.repairAt(r.atNanos(), r.target());
      } else if (input instanceof Trace.Partition p) {
        run.partitionAt(p.atNanos(), p.a(), p.b());
      } else {
        Trace.Heal h = (Trace.Heal) input;
        run.healAt(h.atNanos(), h.a(), h.b());
      }
    }
    return last;
  }

  /** The replies, in the trace's order of commands. */
  private static Map<String, CommandResult> replies(
      Trace trace, Map<String, CommandResult> results) {
    Map<String, CommandResult> replies = new LinkedHashMap<>();
    for (Trace.Command c : trace.commands()) {
      CommandResult r = results.get(c.id());
      if (r != null) replies.put(c.id(), r);
    }
    return replies;
  }

  private static List<String> unmet(Trace trace, Map<String, CommandResult> replies) {
    List<String> out = new ArrayList<>();
    for (Trace.Expectation e : trace.expectations()) {
      CommandResult r = replies.get(e.id());
      String where = e.line() > 0 ? "line " + e.line() + ": " : "";
      if (r == null) {
        out.add(where + e.id() + " has no reply");
        continue;
      }
      if (e.status() != null && e.status() != r.status()) {
        out.add(
            where
                + e.id()
                + " expected status "
                + e.status()
                + ", got "
                + r.status()
                + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
      }
      if (e.data() != null && !e.data().equals(r.data())) {
        out.add(
            where
                + e.id()
                + " expected other data: "
                + Describe.bytes(e.data())
                + ", got "
                + Describe.bytes(r.data()));
      }
      mismatch(out, where, e.id(), "path", e.path(), r.path());
      mismatch(out, where, e.id(), "servedBy", e.servedBy(), r.servedBy());
      mismatch(out, where, e.id(), "order", e.order(), r.order());
    }
    return out;
  }

  /** Names both sides as a trace writes them: an enum's toString is its wire name. */
  private static void mismatch(
      List<String> out, String where, String id, String field, Object expected, Object actual) {
    if (expected != null && !expected.equals(actual)) {
      out.add(where + id + " expected " + field + " " + expected + ", got " + actual);
    }
  }
}
