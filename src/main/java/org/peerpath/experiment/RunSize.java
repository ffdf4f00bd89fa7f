package org.peerpath.experiment;

import static org.peerpath.experiment.ExperimentSettings.transfer;
import static org.peerpath.experiment.Topology.CONTROL_BYTES;

/**
 * How large a run of some settings can get, known before it starts, so that a run of hours or one
 * that would exhaust the heap is refused with its reason instead of starting. Every command crosses
 * a host link both ways and takes a server's core for {@code command-time}, so a policy completes
 * at most the fewer of: every client answered as fast as those allow, for the whole run; the
 * servers' cores busy with nothing else; the host links busy with nothing but commands. Each
 * completed command keeps two latencies (8 bytes each, in arrays that grow by doubling) until the
 * end, and each cache block about 40 bytes of bookkeeping.
 */
public record RunSize(long commandsPerPolicy, long heapBytes) {
  /** Bytes a completed command keeps, doubling's slack included. */
  static final long BYTES_PER_COMMAND = 32;

  /** Bytes a cache block's bookkeeping takes: its slot and two index entries. */
  static final long BYTES_PER_CACHE_BLOCK = 40;

  public static RunSize of(ExperimentSettings s) {
    long end = s.end();
    long clients = 2L * s.clientsPerServer();
    long hostCrossing = transfer(CONTROL_BYTES, s.hostLinkBandwidth());
    long fastest = 2 * (s.hostLinkLatency() + hostCrossing) + s.serverCommandTime();
    double byClients = (double) clients * end / fastest;
    double byCores =
        s.serverCommandTime() == 0
            ? Double.MAX_VALUE
            : 2.0 * s.serverCores() * end / s.serverCommandTime();
    double byHostLinks = 2.0 * end / hostCrossing;
    double commands = Math.min(byClients, Math.min(byCores, byHostLinks));
    int policies = Policy.values().length;
    double heap =
        policies * (commands * BYTES_PER_COMMAND + 2.0 * s.cacheBlocks() * BYTES_PER_CACHE_BLOCK);
    return new RunSize(saturate(commands), saturate(heap));
  }

  private static long saturate(double v) {
    return v >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(v);
  }
}
