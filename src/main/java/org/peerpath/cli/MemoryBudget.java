package org.peerpath.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.peerpath.command.Op;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.Trace;

/**
 * How much heap a run needs, estimated before it starts, so that a run too large for this Java is
 * refused with the limit and how to raise it (docs/spec/command-line.md: bad input, nothing run)
 * instead of dying of an OutOfMemoryError part way. The figures were measured (docs/traces.md,
 * "Memory"): a replayed trace holds every write's data and about 250 bytes more per command, and
 * its report the history (about six events), the replies and every read's data, about 800 bytes
 * plus the data. A simulated seed's scenario is drawn as it runs, so its estimate is that of the
 * largest one a seed can draw: 4 KiB blocks, up to 3 per command, 70% writes, run twice for the
 * determinism check with both reports held at once, about 12.5 KB per command. The demo keeps its
 * history (about 1 KB per command) and, with --trace-out, every write's data as well.
 */
final class MemoryBudget {
  /** Live bytes a simulated seed keeps per command, at most. */
  static final long SEED_BYTES_PER_COMMAND = 12_500;

  /**
   * Live bytes a finished seed keeps until the summary (its result and the knobs it drew), on
   * average.
   */
  static final long BYTES_PER_SEED_RESULT = 1_000;

  /** Live bytes a replayed trace keeps per command, besides the data of its writes and reads. */
  static final long TRACE_BYTES_PER_COMMAND = 1_050;

  /** Live bytes the demo keeps per command: its history, for the summary. */
  static final long DEMO_BYTES_PER_COMMAND = 1_000;

  /**
   * Live bytes the demo's recording adds per command: the data of its writes (up to 4 blocks of 4
   * KiB, half the commands).
   */
  static final long RECORDING_BYTES_PER_COMMAND = 7_000;

  /**
   * Heap per live byte, so that the collector still has room to work (at 1.05 a run crawls,
   * collecting).
   */
  static final double HEADROOM = 1.5;

  /**
   * The JVM's and an actor system's own heap, before any seed or trace (20 seeds of 200 commands
   * run in 16 MB).
   */
  static final long BASE_BYTES = 24L << 20;

  /** Each further simulation worker's actor system. */
  static final long WORKER_BYTES = 8L << 20;

  /**
   * Heap while a trace file is read, per byte of the file: its bytes, their decoding, the text and
   * its lines.
   */
  static final long READ_BYTES_PER_FILE_BYTE = 6;

  private MemoryBudget() {}

  static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /**
   * Why {@code workers} workers running seeds of {@code commands} commands do not fit, or null if
   * they do.
   */
  static String simulate(long seeds, long commands, int workers) {
    long fixed =
        plus(BASE_BYTES + (workers - 1) * WORKER_BYTES, need(times(seeds, BYTES_PER_SEED_RESULT)));
    long need = plus(fixed, times(workers, need(times(commands, SEED_BYTES_PER_COMMAND))));
    if (need <= maxHeap()) return null;
    long fit = Math.max(0, (maxHeap() - fixed) / workers / need(SEED_BYTES_PER_COMMAND));
    String fewer =
        fit > 0
            ? "at most "
                + fit
                + " --commands per seed"
                + (workers > 1 ? " (more with fewer --threads)" : "")
            : "fewer --seeds";
    return String.format(
        "%d seed%s of %d command%s on %d worker%s %s",
        seeds,
        seeds == 1 ? "" : "s",
        commands,
        commands == 1 ? "" : "s",
        workers,
        workers == 1 ? "" : "s",
        tooMuch(need, "run " + fewer));
  }

  /**
   * Why a demo of {@code commands} commands, recorded as a trace if {@code recording}, does not
   * fit, or null if it does.
   */
  static String demo(long commands, boolean recording) {
    long perCommand = DEMO_BYTES_PER_COMMAND + (recording ? RECORDING_BYTES_PER_COMMAND : 0);
    long need = plus(BASE_BYTES, need(times(commands, perCommand)));
    if (need <= maxHeap()) return null;
    return String.format(
        "%d commands%s (the history of every command%s) %s",
        commands,
        recording ? " with --trace-out" : "",
        recording ? ", the data of every write for the trace" : "",
        tooMuch(need, "give fewer --commands"));
  }

  /** Why the trace files cannot even be read in this heap, or null. */
  static String read(List<Path> files) throws IOException {
    long bytes = 0;
    for (Path f : files) bytes += Files.size(f);
    long need = plus(BASE_BYTES, times(bytes, READ_BYTES_PER_FILE_BYTE));
    if (need <= maxHeap()) return null;
    return "reading "
        + size(bytes)
        + " of traces "
        + tooMuch(need, "replay fewer or smaller traces at once");
  }

  /** Why replaying {@code traces} (all kept until the report) does not fit, or null if it does. */
  static String replay(List<Trace> traces) {
    long live = 0;
    for (Trace t : traces) live = plus(live, live(t));
    long need = plus(BASE_BYTES, need(live));
    if (need <= maxHeap()) return null;
    String what = traces.size() == 1 ? traces.get(0).name() : traces.size() + " traces";
    return "replaying "
        + what
        + " (its commands, the data they write and read, the history) "
        + tooMuch(need, traces.size() == 1 ? "shorten the trace" : "replay fewer traces at once");
  }

  /**
   * What one trace keeps: its commands; a write's data three times (in the trace, in its server's
   * memory, on the in-memory disk); a read's data twice (in its server's memory and in the reply).
   */
  private static long live(Trace t) {
    SubsystemSettings s = Replay.settings(t);
    long bytes = 0;
    for (Trace.Command c : t.commands()) {
      bytes = plus(bytes, TRACE_BYTES_PER_COMMAND + 3L * c.data().size());
      if (c.op() == Op.READ && c.blocks() > 0 && c.blocks() <= s.maxTransferBlocks()) {
        bytes = plus(bytes, 2L * c.blocks() * s.blockSize());
      }
    }
    return bytes;
  }

  private static long need(long live) {
    return (long) Math.min(Long.MAX_VALUE, live * HEADROOM);
  }

  /**
   * a * b, or the largest long if that is larger: a run of 2147483647 seeds of 2147483647 commands
   * must not fit by overflowing.
   */
  private static long times(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
  }

  private static long plus(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /**
   * "would need up to N of memory, and this Java may use at most M: how to raise it, or {@code
   * otherwise}".
   */
  private static String tooMuch(long need, String otherwise) {
    if (need == Long.MAX_VALUE)
      return "would need more memory than any Java can have: " + otherwise;
    return "would need up to "
        + size(need)
        + " of memory, and this Java may use at most "
        + size(maxHeap())
        + ": "
        + howToRaise(need)
        + ", or "
        + otherwise;
  }

  /** How to give Java at least {@code bytes} of heap. */
  static String howToRaise(long bytes) {
    return "give Java more with PEERPATH_JAVA_OPTS=-Xmx"
        + xmx(bytes)
        + " (bin/peerpath passes it to java)";
  }

  /**
   * An -Xmx value of at least {@code bytes}: whole megabytes below a gigabyte, whole gigabytes
   * above.
   */
  static String xmx(long bytes) {
    long mb = Math.min(bytes, Long.MAX_VALUE / 2) >> 20;
    return mb < 1024 ? (mb + 1) + "m" : ((mb >> 10) + 1) + "g";
  }

  /** A size in megabytes or, from one gigabyte on, in gigabytes. */
  static String size(long bytes) {
    if (bytes == Long.MAX_VALUE) return "no limit";
    long mb = bytes >> 20;
    return mb < 1024
        ? mb + " MB"
        : String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
  }
}
