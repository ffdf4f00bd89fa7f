package org.peerpath.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;
import org.peerpath.subsystem.Subsystem;

/**
 * {@code bin/peerpath bench --scaling}: what a command costs as the subsystem grows, in servers (at
 * a fixed number of commands in flight, spread over every server) and in commands outstanding (on
 * two servers). Each point is a subsystem of its own: a short settling run, then a timed closed
 * loop for commands per second; after all of them, the heap per command in flight at each point
 * ({@link InFlightMemory}). On a machine of few cores the commands per second of the whole cannot
 * grow with the servers: the question is whether they fall, that is whether a command costs more as
 * there are more of everything.
 */
public final class Scaling {

  /** What to run; lists in ascending order, without repeats. */
  public record Options(
      List<Integer> servers,
      List<Integer> outstanding,
      int serversOutstanding,
      double seconds,
      double warmupSeconds) {

    public Options {
      servers = List.copyOf(servers);
      outstanding = List.copyOf(outstanding);
    }
  }

  /** Commands in flight while the servers grow; and the servers while the commands grow. */
  public static final int SERVERS_OUTSTANDING = 256;

  public static final int OUTSTANDING_SERVERS = 2;

  private final Options options;
  private final Consumer<String> progress;
  private final ByteString payload = ByteString.fromArrayUnsafe(new byte[Bench.PAYLOAD_BYTES]);

  public Scaling(Options options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
  }

  public ScalingReport run() throws Exception {
    List<int[]> points = new ArrayList<>();
    for (int servers : options.servers())
      points.add(new int[] {servers, options.serversOutstanding()});
    for (int outstanding : options.outstanding())
      points.add(new int[] {OUTSTANDING_SERVERS, outstanding});
    List<ClosedLoop.Tally> tallies = throughputs(points);
    // Apart from the throughputs, so that nothing else runs, or is still stopping, while the heap
    // is read.
    List<ScalingReport.Row> rows = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      int servers = points.get(i)[0];
      int outstanding = points.get(i)[1];
      Double bytes = InFlightMemory.bytesPerCommand(servers, outstanding, payload);
      progress.accept(
          String.format(
              "memory %d/%d: %d servers, %d outstanding: %s",
              i + 1,
              points.size(),
              servers,
              outstanding,
              bytes == null ? "not measured" : String.format("%,.0f bytes per command", bytes)));
      ClosedLoop.Tally t = tallies.get(i);
      rows.add(
          new ScalingReport.Row(
              servers,
              outstanding,
              Bench.round(t.perSec(), 1),
              Bench.round(t.perSec() / servers, 1),
              bytes == null ? null : Bench.round(bytes, 0),
              t.failed()));
    }
    int byServers = options.servers().size();
    return new ScalingReport(
        rows.subList(0, byServers), rows.subList(byServers, rows.size()), options);
  }

  /** Each point's commands per second, {servers, outstanding} each, in one ActorSystem. */
  private List<ClosedLoop.Tally> throughputs(List<int[]> points) throws Exception {
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), "peerpath-bench-scaling", Bench.QUIET);
    try {
      Loops loops = new Loops(system);
      progress.accept(
          String.format(
              "warming up (%.1f s, spread over the %d points)",
              options.warmupSeconds(), points.size()));
      // Every point once, so that the code of each size is compiled before any is measured: one
      // warm-up at a single point left the first points measured on a machine still compiling.
      for (int[] p : points)
        throughput(loops, p[0], p[1], Bench.nanos(options.warmupSeconds()) / points.size());
      List<ClosedLoop.Tally> tallies = new ArrayList<>();
      for (int[] p : points) {
        ClosedLoop.Tally t = throughput(loops, p[0], p[1], Bench.nanos(options.seconds()));
        tallies.add(t);
        progress.accept(
            String.format(
                "throughput %d/%d: %d servers, %d outstanding: %,.0f commands/s",
                tallies.size(), points.size(), p[0], p[1], t.perSec()));
      }
      return tallies;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A closed loop over every server of a fresh subsystem: unmeasured for a quarter of {@code
   * nanos}, while the new subsystem's maps and queues grow to their size, then timed.
   */
  private ClosedLoop.Tally throughput(Loops loops, int servers, int outstanding, long nanos)
      throws Exception {
    Subsystem s =
        Subsystem.spawn(
            loops.system(),
            Bench.settings("scaling-" + servers + "-" + outstanding, servers, outstanding));
    try {
      List<String> all = IntStream.rangeClosed(1, servers).mapToObj(i -> "server-" + i).toList();
      ClosedLoop.Load load = new ClosedLoop.Load(all, payload, outstanding, "s").untimed();
      ClosedLoop.Tally settle = loops.timed(s, load, nanos / 4);
      ClosedLoop.Tally t = loops.timed(s, load, nanos);
      return new ClosedLoop.Tally(
          t.good(), t.peer(), settle.failed() + t.failed(), null, t.elapsedNanos());
    } finally {
      s.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
