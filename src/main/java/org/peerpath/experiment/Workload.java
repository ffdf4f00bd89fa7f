package org.peerpath.experiment;

import java.util.Random;

/**
 * What the host's clients ask for: each client belongs to one server (its home) and mostly works on
 * that server's hot set, the locality that makes a per-server cache pay. A command is a read with
 * probability {@code readFraction}; its block is, with probability {@code locality}, one of the
 * home server's {@code hotBlocks} (server-1's hot set at the start of the disk, server-2's right
 * after it), else any block of the disk, all equally likely.
 *
 * <p>One Random seeded with the run's seed gives every client a stream of its own, so each client
 * asks for the same commands in the same order under every policy: the policies are compared on the
 * same workload, not on three draws of it.
 */
final class Workload {
  /** One command a client sends: a read or a write of one block. */
  record Request(boolean read, long block) {}

  private final Random[] streams;
  private final int clientsPerServer;
  private final double readFraction;
  private final double locality;
  private final long hotBlocks;
  private final long blocks;

  Workload(ExperimentSettings s, long seed) {
    this.clientsPerServer = s.clientsPerServer();
    this.readFraction = s.readFraction();
    this.locality = s.locality();
    this.hotBlocks = s.hotBlocks();
    this.blocks = s.blocks();
    Random root = new Random(seed);
    streams = new Random[2 * clientsPerServer];
    for (int c = 0; c < streams.length; c++) streams[c] = new Random(root.nextLong());
  }

  int clients() {
    return streams.length;
  }

  /** The server (0 or 1) whose clients {@code client} belongs to. */
  int home(int client) {
    return client / clientsPerServer;
  }

  /** The next command of {@code client}. */
  Request next(int client) {
    Random r = streams[client];
    boolean read = r.nextDouble() < readFraction;
    long block =
        r.nextDouble() < locality
            ? home(client) * hotBlocks + r.nextLong(hotBlocks)
            : r.nextLong(blocks);
    return new Request(read, block);
  }
}
