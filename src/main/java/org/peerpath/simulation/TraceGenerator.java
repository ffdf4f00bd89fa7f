package org.peerpath.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Elements;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.server.Completion;
import org.peerpath.trace.ConfigBuilder;
import org.peerpath.trace.Trace;

/**
 * Draws one seed's scenario as a trace: a topology of 1..4 servers, latencies down to the
 * microsecond, concurrent commands on a few shared blocks, and crashes, resets, hangs and repairs
 * at random times, mid-command included, and in some seeds load: bursts of commands at one instant
 * and a small queue depth (the safety phase); then every failed adapter is repaired and a last
 * batch of commands is expected to end GOOD (the liveness phase). One {@link Random} seeded once
 * drives every choice, in a fixed order; load has a stream of its own, and so have trace-v1's
 * whole-server faults (servers' nodes crashed and restarted, partitions cut and healed, in about a
 * third of the seeds with two servers or more): a seed that draws none of either is the scenario it
 * was before they existed.
 */
public final class TraceGenerator {
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;

  private TraceGenerator() {}

  public record Scenario(SimulationKnobs knobs, Trace trace) {}

  public static Scenario generate(long seed, int commands) {
    Random r = new Random(seed);
    int servers = pick(r, new int[] {1, 2, 2, 2, 2, 2, 3, 3, 4, 4});
    long watchdog = (500 + r.nextInt(4500)) * US;
    Map<String, Long> paths = new TreeMap<>();
    for (int i = 1; i <= servers; i++) {
      // A health check's round trip stays well inside the watchdog, so a healthy adapter never
      // looks hung.
      if (r.nextBoolean())
        paths.put(
            Elements.server(i) + "->" + Elements.adapter(i),
            (long) r.nextInt((int) (watchdog / 4 / US) + 1) * US);
      if (r.nextInt(3) == 0)
        paths.put(Elements.adapter(i) + "->" + Elements.DISK, r.nextInt(300) * US);
      for (int j = 1; j <= servers; j++) {
        if (i == j) continue;
        if (r.nextInt(5) < 2)
          paths.put(
              Elements.adapter(j) + "->" + Elements.memory(i),
              r.nextInt(2000) * US + r.nextInt(1000));
        if (r.nextInt(5) < 2)
          paths.put(Elements.server(j) + "->" + Elements.server(i), r.nextInt(1500) * US);
      }
    }
    int liveness = Math.max(4, commands / 10);
    // Load comes from a stream of its own, so that a seed that draws none is the scenario it was
    // before load existed.
    Random load = new Random(seed * 0x9E3779B97F4A7C15L + 0x5DEECE66DL);
    boolean loaded = load.nextInt(3) == 0;
    int queueDepth = loaded && load.nextBoolean() ? pick(load, new int[] {1, 2, 4, 8, 16}) : 0;
    double burstProbability = loaded ? 0.05 + 0.25 * load.nextDouble() : 0;
    int burstSizeMax = loaded ? 2 + load.nextInt(31) : 1;
    // Some seeds put a server's health check close to its limit (a round trip just under the
    // watchdog), where
    // a watchdog that judged a check too early would take a working adapter for hung
    // (no-false-failover).
    if (load.nextInt(4) == 0) {
      int i = 1 + load.nextInt(servers);
      long half = (watchdog - 1) / 2;
      paths.put(
          Elements.server(i) + "->" + Elements.adapter(i),
          half - (long) (load.nextDouble() * half / 4));
    }
    var knobs =
        new SimulationKnobs(
            seed,
            servers,
            r.nextInt(5) == 0 ? 2 : 1,
            pick(r, new int[] {512, 1024, 4096}),
            1 + r.nextInt(8),
            1 + r.nextInt(3),
            0.3 + 0.4 * r.nextDouble(),
            r.nextInt(4) == 0 ? 0.03 : 0,
            r.nextInt(5) == 0 ? Completion.CSW_ONLY : Completion.BOTH,
            watchdog,
            500 * MS,
            r.nextBoolean() ? 0 : r.nextInt(300) * US,
            r.nextBoolean() ? 0 : r.nextInt(50) * US,
            paths,
            (20 + r.nextInt(280)) * US,
            Math.max(0, commands - liveness),
            Math.min(commands, liveness),
            r.nextInt(2 * servers + 2),
            0.3 + 0.5 * r.nextDouble(),
            queueDepth,
            burstProbability,
            burstSizeMax);
    Random cluster = new Random(seed * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
    return new Scenario(knobs, trace(knobs, r, load, cluster));
  }

  /**
   * The safety phase's commands, then its faults, then the repairs and the liveness phase's
   * commands, in time order.
   */
  private static Trace trace(SimulationKnobs k, Random r, Random load, Random cluster) {
    var config =
        Trace.Config.builder()
            .servers(k.servers())
            .blockSize(k.blockSize())
            .blocks(64)
            .completion(k.completion())
            .watchdog(Duration.ofNanos(k.watchdogNanos()))
            .deadline(Duration.ofNanos(k.deadlineNanos()))
            .diskLatency(Duration.ofNanos(k.diskLatencyNanos()))
            .latencyDefault(Duration.ofNanos(k.latencyDefaultNanos()));
    k.latencyPathNanos().forEach((path, nanos) -> config.latency(path, Duration.ofNanos(nanos)));
    if (k.queueDepth() != 0) config.queueDepth(k.queueDepth());
    List<Trace.Input> inputs = new ArrayList<>();
    List<Trace.Expectation> expectations = new ArrayList<>();
    long safetyEnd = safetyCommands(k, r, load, inputs);
    long lastResetEnd = faults(k, r, safetyEnd, inputs);
    long unreachableAfter = wholeServerFaults(k, cluster, safetyEnd, inputs, config);
    long repairAt = Math.max(safetyEnd, lastResetEnd) + MS;
    if (unreachableAfter > 0) {
      // Every node back and every cut healed (a heal of what holds no cut changes nothing), each
      // learnt at once, before the adapters are repaired.
      for (int i = 1; i <= k.servers(); i++)
        inputs.add(new Trace.Repair(repairAt, 0, Elements.server(i)));
      for (Trace.Input i : List.copyOf(inputs)) {
        if (i instanceof Trace.Partition p) inputs.add(new Trace.Heal(repairAt, 0, p.a(), p.b()));
      }
    }
    for (int i = 1; i <= k.servers(); i++)
      inputs.add(new Trace.Repair(repairAt, 0, Elements.adapter(i)));
    long livenessStart =
        repairAt
            + 4 * k.watchdogNanos()
            + 4 * k.maxLatencyNanos()
            + k.diskLatencyNanos()
            + 2 * unreachableAfter
            + MS;
    long patience = k.deadlineNanos() + unreachableAfter + 2 * k.maxLatencyNanos();
    if (unreachableAfter > 0 && k.queueDepth() > 0) {
      // A message lost on a cut too short to be noticed leaves its command to its deadline, or to
      // the host's patience, which then resends it: the liveness phase needs the servers' queues
      // empty, so it starts once such a resend has had its own deadline too.
      livenessStart += patience + k.deadlineNanos();
    }
    if (k.queueDepth() > 0) {
      // A command the host resent (after NO_PATH, say) that meets a full server is sent again
      // after a backoff of up to 15/8 of a sixty-fourth of the patience (Host.busyBackoff), and
      // may meet a full server again behind the other resent ones: the liveness phase waits out
      // a quarter of the patience, eight such backoffs, so that their last one has found room.
      livenessStart += patience / 4;
    }
    // Under a queue depth the liveness commands must find room: by now the safety phase's have
    // ended (a
    // command still held would be a liveness bug of its own), and each one finishes before the next
    // is sent.
    livenessCommands(k, r, livenessStart, k.safetyCommands(), inputs, expectations);
    inputs.sort(java.util.Comparator.comparingLong(Trace.Input::atNanos));
    return new Trace("seed-" + k.seed(), config.build(), inputs, expectations);
  }

  /**
   * Commands at random intervals from time zero, some of them bursts of commands to one server at
   * one instant; returns the time of the last one.
   */
  private static long safetyCommands(
      SimulationKnobs k, Random r, Random load, List<Trace.Input> inputs) {
    long at = 0;
    for (int i = 0; i < k.safetyCommands(); ) {
      at += (long) (-Math.log(1 - r.nextDouble()) * k.interarrivalMeanNanos());
      boolean burst = k.burstProbability() > 0 && load.nextDouble() < k.burstProbability();
      int size = burst ? 2 + load.nextInt(k.burstSizeMax() - 1) : 1;
      String server = burst ? Elements.server(1 + load.nextInt(k.servers())) : null;
      for (int j = 0; j < size && i < k.safetyCommands(); j++, i++) {
        Trace.Command c = command(k, r, at, "s" + i, i + 1, false);
        inputs.add(
            server == null
                ? c
                : new Trace.Command(
                    c.atNanos(),
                    0,
                    c.id(),
                    c.host(),
                    server,
                    c.op(),
                    c.lba(),
                    c.blocks(),
                    c.data()));
      }
    }
    return at;
  }

  /**
   * Crashes, resets and hangs at random times of the safety phase, some repaired; returns when the
   * last reset ends.
   */
  private static long faults(
      SimulationKnobs k, Random r, long safetyEnd, List<Trace.Input> inputs) {
    long lastResetEnd = 0;
    for (int f = 0; f < k.faults(); f++) {
      int adapter = 1 + r.nextInt(k.servers());
      long when = (long) (r.nextDouble() * safetyEnd);
      FaultMode mode = FaultMode.values()[r.nextInt(3)];
      long duration = mode == FaultMode.RESET ? (200 + r.nextInt(7800)) * US : 0;
      inputs.add(new Trace.Fail(when, 0, Elements.adapter(adapter), mode, duration));
      lastResetEnd = Math.max(lastResetEnd, when + duration);
      if (mode != FaultMode.RESET && r.nextDouble() < k.repairProbability()) {
        inputs.add(
            new Trace.Repair(
                when + (long) (r.nextDouble() * Math.max(1, safetyEnd - when)),
                0,
                Elements.adapter(adapter)));
      }
    }
    return lastResetEnd;
  }

  /**
   * Trace-v1's whole-server faults at random times of the safety phase, drawn from {@code r} (a
   * stream of their own) for about a third of the seeds with two servers or more: servers' nodes
   * crashed, most restarted a while later, and partitions between two nodes (hosts, servers, the
   * disk), most healed a while later. Returns the {@code unreachableAfter} it set in {@code
   * config}, or 0 if it drew none.
   */
  private static long wholeServerFaults(
      SimulationKnobs k, Random r, long safetyEnd, List<Trace.Input> inputs, ConfigBuilder config) {
    if (k.servers() < 2 || r.nextInt(3) != 0) return 0;
    long unreachableAfter = (1 + r.nextInt(20)) * MS;
    config.unreachableAfter(Duration.ofNanos(unreachableAfter));
    List<String> nodes = new ArrayList<>();
    for (int h = 1; h <= k.hosts(); h++) nodes.add(Elements.host(h));
    for (int i = 1; i <= k.servers(); i++) nodes.add(Elements.server(i));
    nodes.add(Elements.DISK);
    int faults = 1 + r.nextInt(3);
    for (int f = 0; f < faults; f++) {
      long when = (long) (r.nextDouble() * safetyEnd);
      long until = when + (long) (r.nextDouble() * Math.max(1, safetyEnd - when));
      boolean back = r.nextDouble() < 0.7;
      if (r.nextBoolean()) {
        String server = Elements.server(1 + r.nextInt(k.servers()));
        inputs.add(new Trace.Fail(when, 0, server, FaultMode.CRASH, 0));
        if (back) inputs.add(new Trace.Repair(until, 0, server));
      } else {
        String a = nodes.get(r.nextInt(nodes.size()));
        String b = nodes.get(r.nextInt(nodes.size() - 1));
        if (b.equals(a)) b = nodes.get(nodes.size() - 1);
        inputs.add(new Trace.Partition(when, 0, a, b));
        if (back) inputs.add(new Trace.Heal(until, 0, a, b));
      }
    }
    return unreachableAfter;
  }

  /**
   * Commands from {@code start} on, each expected to end GOOD. Every command takes the next value
   * number (so that every write is distinct), after the {@code numbersUsed} of the safety phase.
   */
  private static void livenessCommands(
      SimulationKnobs k,
      Random r,
      long start,
      int numbersUsed,
      List<Trace.Input> inputs,
      List<Trace.Expectation> expectations) {
    long at = start;
    for (int i = 0; i < k.livenessCommands(); i++) {
      at += (long) (-Math.log(1 - r.nextDouble()) * k.interarrivalMeanNanos());
      if (k.queueDepth() > 0 && i > 0) at += oneCommandNanos(k);
      Trace.Command c = command(k, r, at, "l" + i, numbersUsed + i + 1, true);
      inputs.add(c);
      expectations.add(Trace.Expectation.builder(c.id()).status(Status.GOOD).build());
    }
  }

  /**
   * More than one command takes with every adapter working: its trips on the slowest path, and the
   * disk twice over.
   */
  private static long oneCommandNanos(SimulationKnobs k) {
    return 24 * k.maxLatencyNanos() + 2 * k.diskLatencyNanos() + MS;
  }

  /**
   * A read or a write of a few shared blocks; every write carries its own fill byte, so values can
   * be told apart.
   */
  private static Trace.Command command(
      SimulationKnobs k, Random r, long at, String id, int writeNumber, boolean liveness) {
    int blocks = 1 + r.nextInt(Math.min(k.maxBlocksPerCommand(), k.workingSetBlocks()));
    long lba = r.nextInt(k.workingSetBlocks() - blocks + 1);
    if (!liveness && r.nextDouble() < k.badRequestProbability())
      lba = 64 - blocks + 1 + r.nextInt(4);
    String host = Elements.host(1 + r.nextInt(k.hosts()));
    String server = Elements.server(1 + r.nextInt(k.servers()));
    if (r.nextDouble() < k.writeProbability()) {
      return new Trace.Command(
          at,
          0,
          id,
          host,
          server,
          Op.WRITE,
          lba,
          blocks,
          value(writeNumber, blocks * k.blockSize()));
    }
    return new Trace.Command(
        at, 0, id, host, server, Op.READ, lba, blocks, ByteString.emptyByteString());
  }

  /**
   * The bytes of write number {@code n}, distinct from every other write's and from the zeros a
   * block starts with, so the linearizability check can tell values apart (and use its fast zone
   * check): one fill byte for the first 255 writes (compact in a trace), then the pattern 0, n >>
   * 8, n & 255 repeated, which is never uniform and never all zeros.
   */
  static ByteString value(int n, int length) {
    byte[] data = new byte[length];
    if (n <= 255) {
      java.util.Arrays.fill(data, (byte) n);
    } else {
      for (int i = 0; i < length; i++) data[i] = (byte) (i % 3 == 0 ? 0 : i % 3 == 1 ? n >> 8 : n);
    }
    return ByteString.fromArrayUnsafe(data);
  }

  private static int pick(Random r, int[] choices) {
    return choices[r.nextInt(choices.length)];
  }
}
