package org.peerpath.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one server (102/104) needs to know: its own name and its adapter's and memory's, the disk's
 * geometry its commands are checked against, how many commands it holds at once, when a command
 * completes (claims 5, 7), and its two clocks. The subsystem's settings build one per server
 * ({@code SubsystemSettings.serverSettings(i)}), having checked every value; this record only
 * refuses what no server could run with.
 *
 * @param name the server's name, {@code server-i}
 * @param adapterName the adapter it spawns, {@code adapter-i}
 * @param memoryName the memory it owns, {@code memory-i}
 * @param blockSize the disk's block size in bytes
 * @param blocks the disk's number of blocks
 * @param maxTransferBlocks the largest command, in blocks (a longer one is answered BAD_REQUEST)
 * @param queueDepth the most host commands it holds at once (one more is answered BUSY)
 * @param completion when a command may answer its host
 * @param watchdog how long a health check of its adapter may stay unanswered
 * @param deadline a command's whole lifetime
 */
public record ServerSettings(
    String name,
    String adapterName,
    String memoryName,
    int blockSize,
    long blocks,
    int maxTransferBlocks,
    int queueDepth,
    CompletionRule completion,
    Duration watchdog,
    Duration deadline) {

  public ServerSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(adapterName, "adapterName");
    Objects.requireNonNull(memoryName, "memoryName");
    Objects.requireNonNull(completion, "completion");
    if (blockSize < 1 || blocks < 1 || maxTransferBlocks < 1 || queueDepth < 1)
      throw new IllegalArgumentException("a server needs a disk, a transfer and a queue");
    if (watchdog.isNegative() || watchdog.isZero() || deadline.isNegative() || deadline.isZero())
      throw new IllegalArgumentException("a server's watchdog and deadline must be positive");
  }

  /** The bytes of the largest command: the size of each slot in the server's memory. */
  public long bytesPerCommandMax() {
    return (long) maxTransferBlocks * blockSize;
  }
}
