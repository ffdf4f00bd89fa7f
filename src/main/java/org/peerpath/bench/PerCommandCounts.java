package org.peerpath.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.subsystem.Subsystem;

/**
 * What one command costs the runtime on each path, counted rather than assumed: the messages the
 * model's actors receive ({@link CountingMailbox}) and the run-queue tasks the dispatcher runs for
 * them ({@link CountingExecutor}), over {@code commands} commands sent one at a time, divided by
 * the commands. A separate ActorSystem whose mailboxes and executor count, so that only this short
 * run pays for the counting. The servers' watchdogs add a few messages and tasks every 125 ms, well
 * under 0.01 per command.
 */
final class PerCommandCounts {

  /** Messages and tasks per command, each by path ({@code direct}, {@code peer}). */
  record Counts(Map<String, Double> messages, Map<String, Double> tasks) {}

  private static final Config COUNTING =
      ConfigFactory.parseString(
              "pekko.actor.typed.default-mailbox.mailbox-type = \""
                  + CountingMailbox.class.getName()
                  + "\"\npeerpath.adapter-mailbox { mailbox-type = \""
                  + CountingMailbox.class.getName()
                  + "\"\ncontrol-aware = on }"
                  + "\npekko.actor.default-dispatcher.executor = \""
                  + CountingExecutor.class.getName()
                  + "\"")
          .withFallback(Bench.QUIET);

  private PerCommandCounts() {}

  static Counts count(ByteString payload, long commands) throws Exception {
    ActorSystem<Void> counting =
        ActorSystem.create(Behaviors.empty(), "peerpath-bench-count", COUNTING);
    try {
      Loops loops = new Loops(counting);
      Subsystem direct = Subsystem.spawn(counting, Bench.settings("count-direct", 1));
      Subsystem peer = Subsystem.spawn(counting, Bench.settings("count-peer", 1));
      peer.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
      ClosedLoop.Load oneAtATime = new ClosedLoop.Load(List.of("server-1"), payload, 1, "w");
      // Until server-1 has turned to forwarding, commands still go the direct path.
      loops.counted(peer, oneAtATime, 100);
      loops.counted(direct, oneAtATime, 100);
      Map<String, Double> messages = new LinkedHashMap<>();
      Map<String, Double> tasks = new LinkedHashMap<>();
      for (String path : List.of("direct", "peer")) {
        Subsystem s = path.equals("direct") ? direct : peer;
        long messagesBefore = CountingMailbox.enqueued();
        long tasksBefore = CountingExecutor.executed();
        ClosedLoop.Tally t =
            loops.counted(s, new ClosedLoop.Load(List.of("server-1"), payload, 1, "c"), commands);
        if (path.equals("peer") && t.peer() != t.good())
          throw new IllegalStateException(
              t.peer() + " of " + t.good() + " counted commands went the peer path, not all");
        long done = Math.max(1, t.good() + t.failed());
        messages.put(path, perCommand(CountingMailbox::enqueued, messagesBefore, done));
        tasks.put(path, perCommand(CountingExecutor::executed, tasksBefore, done));
      }
      return new Counts(messages, tasks);
    } finally {
      counting.terminate();
      counting.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Counted since {@code before}, per command, to two decimals. Counted: Subsystem.submit's message
   * to the host and the host's reply to the client, as well as every message between the model's
   * elements; and each run of their mailboxes.
   */
  private static double perCommand(LongSupplier counter, long before, long commands) {
    return Math.round((counter.getAsLong() - before) * 100.0 / commands) / 100.0;
  }
}
