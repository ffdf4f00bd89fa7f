package org.peerpath.simulation;

import java.util.Map;
import java.util.TreeMap;
import org.peerpath.history.Durations;
import org.peerpath.server.Completion;

/**
 * Everything one seed drew, named property first so a failure report can be read at a glance.
 * Latencies are per directed path; faults happen only in the safety phase, after which every failed
 * adapter is repaired and the liveness commands must all end GOOD. Load: a safety command starts a
 * burst (up to {@code burstSizeMax} commands to one server at one instant) with {@code
 * burstProbability}; {@code queueDepth} is the servers' admission limit (0: the trace default, in
 * practice none).
 */
public record SimulationKnobs(
    long seed,
    int servers,
    int hosts,
    int blockSize,
    int workingSetBlocks,
    int maxBlocksPerCommand,
    double writeProbability,
    double badRequestProbability,
    Completion completion,
    long watchdogNanos,
    long deadlineNanos,
    long diskLatencyNanos,
    long latencyDefaultNanos,
    Map<String, Long> latencyPathNanos,
    long interarrivalMeanNanos,
    int safetyCommands,
    int livenessCommands,
    int faults,
    double repairProbability,
    int queueDepth,
    double burstProbability,
    int burstSizeMax) {

  public SimulationKnobs {
    latencyPathNanos = Map.copyOf(latencyPathNanos);
  }

  /** One line per knob, as the run prints it for a seed. */
  public String describe() {
    var paths = new TreeMap<String, String>();
    latencyPathNanos.forEach((k, v) -> paths.put(k, Durations.format(v)));
    return String.format(
        "seed=%d servers=%d hosts=%d block_size=%d working_set_blocks=%d max_blocks_per_command=%d "
            + "write_probability=%.2f bad_request_probability=%.2f completion=%s watchdog=%s deadline=%s disk_latency=%s "
            + "latency_default=%s latency_paths=%s interarrival_mean=%s safety_commands=%d liveness_commands=%d faults=%d "
            + "repair_probability=%.2f queue_depth=%s burst_probability=%.2f burst_size_max=%d",
        seed,
        servers,
        hosts,
        blockSize,
        workingSetBlocks,
        maxBlocksPerCommand,
        writeProbability,
        badRequestProbability,
        completion.wireName(),
        Durations.format(watchdogNanos),
        Durations.format(deadlineNanos),
        Durations.format(diskLatencyNanos),
        Durations.format(latencyDefaultNanos),
        paths,
        Durations.format(interarrivalMeanNanos),
        safetyCommands,
        livenessCommands,
        faults,
        repairProbability,
        queueDepth == 0 ? "default" : String.valueOf(queueDepth),
        burstProbability,
        burstSizeMax);
  }

  /** The longest latency of any path, for how long news takes to travel. */
  public long maxLatencyNanos() {
    return new org.peerpath.fabric.PathLatencies(latencyDefaultNanos, latencyPathNanos).maxNanos();
  }
}
