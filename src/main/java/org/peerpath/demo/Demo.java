package org.peerpath.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.peerpath.subsystem.Subsystem;
import org.peerpath.subsystem.SubsystemSettings;

/** Runs the demo in real time in one JVM and reports, drawing a live progress line on stderr. */
public final class Demo {
  private final SubsystemSettings settings;
  private final Workload.Plan plan;
  private final boolean progress;
  private final java.nio.file.Path traceOut;
  private final java.nio.file.Path historyOut;

  /**
   * @param traceOut where to write the run as a trace that replay checks, or null
   */
  public Demo(
      SubsystemSettings settings,
      Workload.Plan plan,
      boolean progress,
      java.nio.file.Path traceOut) {
    this(settings, plan, progress, traceOut, null);
  }

  /**
   * @param historyOut where to write the run's history (its events, as replay --history writes
   *     them), or null
   */
  public Demo(
      SubsystemSettings settings,
      Workload.Plan plan,
      boolean progress,
      java.nio.file.Path traceOut,
      java.nio.file.Path historyOut) {
    this.settings = settings;
    this.plan = plan;
    this.progress = progress;
    this.traceOut = traceOut;
    this.historyOut = historyOut;
  }

  public DemoReport run() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "peerpath");
    try {
      long start = System.nanoTime();
      // The report and the recordings read every event, and the run is bounded by its commands.
      Subsystem subsystem =
          Subsystem.spawn(system, settings.toBuilder().historyLimit(Integer.MAX_VALUE).build());
      DemoTally tally = new DemoTally();
      DemoRecording recording = traceOut != null ? new DemoRecording() : null;
      CompletableFuture<DemoTally> done = new CompletableFuture<>();
      system.systemActorOf(
          Workload.create(subsystem, plan, tally, recording, done::complete),
          "workload",
          Props.empty());
      while (!done.isDone()) {
        try {
          done.get(200, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5))
            throw new IllegalStateException("the demo did not finish in 5 minutes");
        }
        if (progress) showProgress(tally.snapshot());
      }
      if (progress) System.err.println();
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      subsystem.stop();
      if (recording != null) {
        var trace =
            recording.trace(
                java.util.Objects.toString(traceOut.getFileName(), traceOut.toString()),
                settings,
                subsystem.history().events());
        org.peerpath.trace.TraceWriter.write(
            trace,
            "recorded by bin/peerpath demo --fail "
                + plan.fault().wireName()
                + " --commands "
                + plan.commands()
                + " --seed "
                + plan.seed()
                + "; replay checks every reply",
            traceOut);
      }
      if (historyOut != null)
        org.peerpath.trace.HistoryWriter.write(subsystem.history().events(), historyOut);
      return DemoReport.of(
          tally.snapshot(), subsystem.history().events(), plan.fault().wireName(), elapsed);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private long lastLine;

  /** Redraws one line on a terminal; elsewhere (a log, CI) prints a line a second. */
  private void showProgress(DemoTally.Snapshot t) {
    if (System.console() != null) {
      System.err.print("\r" + progressLine(t));
    } else if (System.nanoTime() - lastLine > 1_000_000_000L) {
      lastLine = System.nanoTime();
      System.err.println(progressLine(t));
    }
  }

  private String progressLine(DemoTally.Snapshot t) {
    int width = 30;
    int total = plan.commands();
    int filled = (int) ((long) width * Math.min(t.workloadReplies(), total) / total);
    return String.format(
        "[%s%s] %d/%d commands  ok %d  busy %d  errors %d  direct %d  peer %d  read-back %d   ",
        "#".repeat(filled),
        ".".repeat(width - filled),
        t.workloadReplies(),
        total,
        t.ok(),
        t.busy(),
        t.errors(),
        t.direct(),
        t.peer(),
        t.readBackReplies());
  }

  public static String describe(SubsystemSettings s, Workload.Plan p) {
    return String.format(
        "peerpath demo: %d servers, %d blocks of %d bytes, %d commands (%d in flight); adapter-1 fails (%s) "
            + "after command %d and is repaired after command %d%n",
        s.servers(),
        s.blocks(),
        s.blockSize(),
        p.commands(),
        p.concurrency(),
        p.fault().wireName(),
        p.failAfter(),
        p.repairAfter());
  }
}
