package org.peerpath.demo.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.trace.check.BlockOperation;

/**
 * The clustered demo's history as a Jepsen client keeps it: every command's invocation (when the
 * launcher sent it to the host), its outcome and its completion (when the launcher had the answer),
 * on the launcher's clock. The workload actor writes it; the progress line reads it from another
 * thread, hence synchronized.
 *
 * <p>Outcomes, as Jepsen's clients give them:
 *
 * <ul>
 *   <li><b>ok</b>: GOOD.
 *   <li><b>failed</b>, left out of the check: a write answered BAD_REQUEST or BUSY, which say that
 *       nothing was done (the host answers BUSY only to a command it sent once: one it resent and
 *       still finds busy it answers TIMEOUT, since a server it gave the command up on may have done
 *       it); and every read that did not return GOOD, answered or not: a read changes no block, so
 *       whatever became of it the blocks are as if it never ran, and leaving it out hides no write.
 *   <li><b>indeterminate</b>: any other write, answered TIMEOUT, NO_PATH or another error, or not
 *       answered by the end. It may have taken effect, at any time after it was sent.
 * </ul>
 */
final class OpLog {
  /** One command as the launcher saw it; {@code result} null while unanswered. */
  record Entry(
      IoCommand command,
      String named,
      boolean readBack,
      long invokeNanos,
      long completeNanos,
      CommandResult result) {
    boolean answered() {
      return result != null;
    }

    boolean write() {
      return command.op() == Op.WRITE;
    }

    boolean ok() {
      return result != null && result.isGood();
    }

    /** Whether this is a write that may or may not have taken effect: see the class comment. */
    boolean indeterminate() {
      if (!write() || ok()) return false;
      return result == null
          || (result.status() != Status.BAD_REQUEST && result.status() != Status.BUSY);
    }
  }

  private final long origin;
  private final int blockSize;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  private int answered;
  private int ok;
  private int direct;
  private int peer;
  private long peerAfterNanos = Long.MAX_VALUE;
  private long firstPeerNanos = -1;

  OpLog(long originNanos, int blockSize) {
    this.origin = originNanos;
    this.blockSize = blockSize;
  }

  /** Nanoseconds on this log's clock (the launcher's, from the run's start). */
  long now() {
    return System.nanoTime() - origin;
  }

  synchronized void invoked(IoCommand command, String named, boolean readBack) {
    entries.put(command.id(), new Entry(command, named, readBack, now(), -1, null));
  }

  /** Records the answer; returns the entry, or null for an unknown or second answer. */
  synchronized Entry completed(CommandResult r) {
    Entry e = entries.get(r.id());
    if (e == null || e.answered()) return null;
    long at = now();
    Entry done = new Entry(e.command(), e.named(), e.readBack(), e.invokeNanos(), at, r);
    entries.put(r.id(), done);
    answered++;
    if (r.isGood()) ok++;
    if (r.path() == HistoryEvent.Path.DIRECT) direct++;
    if (r.path() == HistoryEvent.Path.PEER) {
      peer++;
      if (firstPeerNanos < 0 && e.invokeNanos() >= 0 && at >= peerAfterNanos) firstPeerNanos = at;
    }
    if (!e.readBack()) latencyMicros.recordValue(Math.max(0, (at - e.invokeNanos()) / 1000));
    return done;
  }

  /** Marks the adapter failure: the first peer-path completion after it is the failover. */
  synchronized void adapterFailed() {
    peerAfterNanos = now();
    firstPeerNanos = -1;
  }

  /** Milliseconds from {@link #adapterFailed()} to the first peer-path completion, or -1. */
  synchronized double failoverMillis() {
    return firstPeerNanos < 0 ? -1 : (firstPeerNanos - peerAfterNanos) / 1e6;
  }

  synchronized List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  record Counts(int sent, int answered, int ok, int direct, int peer) {}

  synchronized Counts counts() {
    return new Counts(entries.size(), answered, ok, direct, peer);
  }

  synchronized long latencyPercentile(double p) {
    return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(p);
  }

  // ---- the check ----

  /** Block {@code k} of a command's data. */
  ByteString block(ByteString data, int k) {
    return data.slice(k * blockSize, (k + 1) * blockSize);
  }

  /**
   * The register operations of the history (BlockOperation): a GOOD write or read as it happened,
   * an indeterminate write as one that may take effect at any time after its invocation, failed
   * commands left out.
   */
  List<BlockOperation> operations() {
    List<BlockOperation> ops = new ArrayList<>();
    for (Entry e : entries()) {
      IoCommand c = e.command();
      for (int k = 0; k < c.blocks(); k++) {
        long b = c.lba() + k;
        if (e.write()) {
          ByteString v = block(c.data(), k);
          if (e.ok())
            ops.add(BlockOperation.write(c.id(), b, e.invokeNanos(), e.completeNanos(), v));
          else if (e.indeterminate())
            ops.add(
                BlockOperation.maybeWrite(c.id(), b, e.invokeNanos(), BlockOperation.NO_REPLY, v));
        } else if (e.ok()) {
          ops.add(
              BlockOperation.read(
                  c.id(), b, e.invokeNanos(), e.completeNanos(), block(e.result().data(), k)));
        }
      }
    }
    return ops;
  }

  /**
   * Every block a write may have touched (acknowledged or indeterminate), with what the workload
   * leaves there: no two workload commands in flight touch one block, so the acknowledged writes of
   * a block are in sequence and the last one's value is the block's, unless an indeterminate write
   * lands (at any time: it has no completion); never written, zeros.
   */
  Map<Long, Set<ByteString>> allowedAfterWorkload() {
    Map<Long, ByteString> last = new TreeMap<>();
    Map<Long, Long> lastAt = new HashMap<>();
    Map<Long, Set<ByteString>> maybe = new HashMap<>();
    for (Entry e : entries()) {
      if (e.readBack() || !e.write()) continue;
      IoCommand c = e.command();
      for (int k = 0; k < c.blocks(); k++) {
        long b = c.lba() + k;
        if (e.ok() && e.completeNanos() > lastAt.getOrDefault(b, -1L)) {
          last.put(b, block(c.data(), k));
          lastAt.put(b, e.completeNanos());
        } else if (e.indeterminate()) {
          maybe.computeIfAbsent(b, x -> new java.util.HashSet<>()).add(block(c.data(), k));
          last.putIfAbsent(b, zeros());
        }
      }
    }
    Map<Long, Set<ByteString>> allowed = new TreeMap<>();
    for (var entry : last.entrySet()) {
      Set<ByteString> values =
          new java.util.HashSet<>(maybe.getOrDefault(entry.getKey(), Set.of()));
      values.add(entry.getValue());
      allowed.put(entry.getKey(), values);
    }
    return allowed;
  }

  ByteString zeros() {
    return ByteString.fromArrayUnsafe(new byte[blockSize]);
  }

  /** The blocks acknowledged writes touched, in order. */
  Set<Long> acknowledgedBlocks() {
    Set<Long> blocks = new TreeSet<>();
    for (Entry e : entries())
      if (!e.readBack() && e.write() && e.ok())
        for (int k = 0; k < e.command().blocks(); k++) blocks.add(e.command().lba() + k);
    return blocks;
  }

  // ---- the history file ----

  /**
   * The history as events ({@code submitted} and {@code reply}, as the host's history has them, on
   * the launcher's clock), for {@link org.peerpath.trace.HistoryWriter}: each write's and each GOOD
   * read's blocks are named by the write that put them there ({@link Values#label}).
   */
  List<HistoryEvent> events(String host) {
    List<HistoryEvent> events = new ArrayList<>();
    for (Entry e : entries()) {
      IoCommand c = e.command();
      events.add(
          HistoryEvent.at(e.invokeNanos(), HistoryEvent.Kind.SUBMITTED)
              .id(c.id())
              .node(host)
              .peer(e.named())
              .detail(
                  c.op().wireName()
                      + " lba "
                      + c.lba()
                      + " blocks "
                      + c.blocks()
                      + (e.write() ? " values " + labels(c.data()) : ""))
              .build());
    }
    for (Entry e : entries()) {
      if (!e.answered()) continue;
      CommandResult r = e.result();
      var b =
          HistoryEvent.at(e.completeNanos(), HistoryEvent.Kind.REPLY)
              .id(r.id())
              .node(host)
              .peer(r.server())
              .status(r.status())
              .attempt(r.attempts());
      if (r.path() != null) b.path(r.path()).servedBy(r.servedBy());
      if (!r.isGood()) b.detail(r.message());
      else if (!e.write()) b.detail("values " + labels(r.data()));
      events.add(b.build());
    }
    events.sort(java.util.Comparator.comparingLong(HistoryEvent::atNanos));
    return events;
  }

  private List<String> labels(ByteString data) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < data.size() / blockSize; k++) out.add(Values.label(block(data, k)));
    return out;
  }

  /** The data the workload writes: each block says which command wrote it, and where. */
  static final class Values {
    private Values() {}

    /** Block {@code lba} of write {@code id}: {@code "w17@42|"} repeated, never zeros. */
    static byte[] block(int blockSize, String id, long lba) {
      byte[] text = (id + "@" + lba + "|").getBytes(StandardCharsets.US_ASCII);
      byte[] data = new byte[blockSize];
      for (int i = 0; i < blockSize; i++) data[i] = text[i % text.length];
      return data;
    }

    /** What {@link #block} wrote ({@code w17@42}), {@code zeros}, or {@code unknown}. */
    static String label(ByteString block) {
      int end = block.indexOf((byte) '|');
      if (end > 0) return block.slice(0, end).utf8String();
      for (int i = 0; i < block.size(); i++) if (block.apply(i) != 0) return "unknown";
      return "zeros";
    }
  }
}
