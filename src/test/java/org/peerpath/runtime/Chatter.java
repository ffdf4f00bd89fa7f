package org.peerpath.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Test scenario: a hub that fans work out to a few workers on a periodic timer; workers answer
 * after timers of different (seeded pseudo-random) delays, and each answer is passed on to the next
 * worker. Every actor appends "time actor event" lines to one log (safe: under virtual time only
 * the driver runs actors).
 */
final class Chatter {

  sealed interface Msg permits Tick, Work, Reply, Gossip, Done {}

  record Tick() implements Msg {}

  record Work(int round) implements Msg {}

  record Reply(int round) implements Msg {}

  record Gossip(int from, int round) implements Msg {}

  record Done(int worker, int round) implements Msg {}

  private Chatter() {}

  /** A guardian running the scenario with {@code workers} workers, logging into {@code log}. */
  static Behavior<Msg> hub(int workers, List<String> log) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  ModelClock clock = ModelClock.of(ctx.getSystem());
                  List<ActorRef<Msg>> team = new ArrayList<>();
                  for (int i = 0; i < workers; i++) {
                    team.add(ctx.spawn(worker(i, ctx.getSelf(), log), "worker-" + i));
                  }
                  timers.startTimerAtFixedRate("tick", new Tick(), Duration.ofNanos(700_000));
                  int[] round = {0};
                  return Behaviors.receive(Msg.class)
                      .onMessage(
                          Tick.class,
                          t -> {
                            round[0]++;
                            log.add(clock.nanos() + " hub tick " + round[0]);
                            team.forEach(w -> w.tell(new Work(round[0])));
                            return Behaviors.same();
                          })
                      .onMessage(
                          Done.class,
                          d -> {
                            log.add(clock.nanos() + " hub done " + d.worker() + "/" + d.round());
                            team.get((d.worker() + 1) % workers)
                                .tell(new Gossip(d.worker(), d.round()));
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  private static Behavior<Msg> worker(int id, ActorRef<Msg> hub, List<String> log) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  ModelClock clock = ModelClock.of(ctx.getSystem());
                  Random random = new Random(id);
                  String me = "worker-" + id;
                  return Behaviors.receive(Msg.class)
                      .onMessage(
                          Work.class,
                          w -> {
                            long delay = (id + 1) * 130_000L + random.nextInt(50_000);
                            timers.startSingleTimer(
                                "reply-" + w.round(),
                                new Reply(w.round()),
                                Duration.ofNanos(delay));
                            log.add(clock.nanos() + " " + me + " work " + w.round() + " +" + delay);
                            return Behaviors.same();
                          })
                      .onMessage(
                          Reply.class,
                          r -> {
                            hub.tell(new Done(id, r.round()));
                            return Behaviors.same();
                          })
                      .onMessage(
                          Gossip.class,
                          g -> {
                            log.add(
                                clock.nanos()
                                    + " "
                                    + me
                                    + " gossip from "
                                    + g.from()
                                    + " round "
                                    + g.round());
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  /** Closing log line: the clock and the driver's counters, which must be reproducible too. */
  static String endLine(VirtualTimeSystem<?> vts) {
    return vts.now() + " end tasks=" + vts.tasksRun() + " timers=" + vts.timersFired();
  }

  /** Runs the scenario for {@code virtual} on a fresh system and returns its log. */
  static List<String> run(String name, int workers, Duration virtual) {
    List<String> log = new ArrayList<>();
    try (VirtualTimeSystem<Msg> vts = VirtualTime.create(hub(workers, log), name)) {
      vts.runFor(virtual);
      log.add(endLine(vts));
    }
    return log;
  }
}
