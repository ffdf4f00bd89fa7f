package org.peerpath.disk;

import java.io.IOException;
import org.apache.pekko.util.ByteString;

/**
 * Where the disk's blocks live: the extension point for a storage medium of one's own (a sparse
 * file, a remote block service, a device that fails on chosen blocks). The disk (108) keeps what
 * the patent needs around it (fencing of stale adapter incarnations, a write id applied at most
 * once, the disk's latency, the history's events); a backend only stores and returns bytes.
 *
 * <p>The contract:
 *
 * <ul>
 *   <li>Only the Disk actor calls a backend, one call at a time, so a backend needs no locking of
 *       its own (but may be read by a test while the subsystem is idle).
 *   <li>{@link #read} returns a new array of exactly {@code blocks × blockSize()} bytes; blocks
 *       never written read as zeros.
 *   <li>{@link #write} is given whole blocks ({@code data.size()} a multiple of {@code
 *       blockSize()}) and returns only once they are durable for this medium: the host is answered
 *       GOOD after it returns, and a GOOD write must never be lost.
 *   <li>The disk checks every range against {@link #blocks()} before it calls, so a backend sees
 *       only ranges inside it.
 *   <li>An {@link IOException} from {@code read} or {@code write} ends that command {@code
 *       MEDIUM_ERROR}, with the exception's message; the disk goes on serving other commands. An
 *       unchecked exception (a bug in the backend) is treated the same: the command ends {@code
 *       MEDIUM_ERROR} with a message naming the exception, the disk logs it and goes on serving.
 *   <li>{@link #close} is called once, when the subsystem stops.
 * </ul>
 *
 * A backend of one's own is given to {@code Subsystem.builder(settings).diskBackend(backend)}; its
 * {@code blockSize()} and {@code blocks()} must equal the settings' geometry. {@link InMemoryDisk}
 * and {@link FileDisk} are the built-in ones.
 */
public interface DiskBackend extends AutoCloseable {
  /** Reads {@code blocks} blocks from {@code lba}. */
  byte[] read(long lba, int blocks) throws IOException;

  /** Writes {@code data} (whole blocks) from {@code lba}, durably, before it returns. */
  void write(long lba, ByteString data) throws IOException;

  /** Bytes per block: a power of two, 512..65536. */
  int blockSize();

  /** The number of blocks. */
  long blocks();

  @Override
  void close() throws IOException;
}
