package org.peerpath.trace;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.Durations;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Builds a {@link Trace} in code, for JUnit tests that would rather not keep a file:
 *
 * <pre>{@code
 * Trace t = new TraceBuilder("crash-mid-write")
 *     .write("0ms", "w1", "server-1", 7, fill(171, 4096))
 *     .fail("1ms", "adapter-1", FaultMode.CRASH)
 *     .read("5ms", "r1", "server-2", 7, 1)
 *     .expect("r1", Status.GOOD, fill(171, 4096))
 *     .build();
 * }</pre>
 */
public final class TraceBuilder {
  private final String name;
  private Trace.Config config = Trace.Config.NONE;
  private final List<Trace.Input> inputs = new ArrayList<>();
  private final List<Trace.Expectation> expectations = new ArrayList<>();

  public TraceBuilder(String name) {
    this.name = name;
  }

  public TraceBuilder config(Trace.Config c) {
    config = c == null ? Trace.Config.NONE : c;
    return this;
  }

  public TraceBuilder write(String at, String id, String server, long lba, ByteString data) {
    return command(at, id, "host-1", server, Op.WRITE, lba, -1, data);
  }

  public TraceBuilder read(String at, String id, String server, long lba, int blocks) {
    return command(at, id, "host-1", server, Op.READ, lba, blocks, ByteString.emptyByteString());
  }

  /**
   * {@code blocks} of a write is computed from its data when negative, with the block size of the
   * config the trace ends up with, whether {@link #config} is called before or after.
   */
  public TraceBuilder command(
      String at,
      String id,
      String host,
      String server,
      Op op,
      long lba,
      int blocks,
      ByteString data) {
    inputs.add(
        new Trace.Command(Durations.parseNanos(at), 0, id, host, server, op, lba, blocks, data));
    return this;
  }

  public TraceBuilder fail(String at, String adapter, FaultMode mode) {
    return fail(at, adapter, mode, "0ms");
  }

  public TraceBuilder fail(String at, String adapter, FaultMode mode, String duration) {
    inputs.add(
        new Trace.Fail(Durations.parseNanos(at), 0, adapter, mode, Durations.parseNanos(duration)));
    return this;
  }

  public TraceBuilder repair(String at, String adapter) {
    inputs.add(new Trace.Repair(Durations.parseNanos(at), 0, adapter));
    return this;
  }

  public TraceBuilder expect(String id, Status status) {
    return expect(new Trace.Expectation(0, id, status, null, null, null, null));
  }

  public TraceBuilder expect(String id, Status status, ByteString data) {
    return expect(new Trace.Expectation(0, id, status, data, null, null, null));
  }

  public TraceBuilder expect(Trace.Expectation e) {
    expectations.add(e);
    return this;
  }

  public Trace build() {
    int blockSize = config.blockSize().orElse(SubsystemSettings.traceDefaults().blockSize());
    List<Trace.Input> resolved =
        inputs.stream()
            .map(
                i ->
                    i instanceof Trace.Command c && c.op() == Op.WRITE && c.blocks() < 0
                        ? new Trace.Command(
                            c.atNanos(),
                            c.line(),
                            c.id(),
                            c.host(),
                            c.server(),
                            c.op(),
                            c.lba(),
                            c.data().size() / blockSize,
                            c.data())
                        : i)
            .toList();
    return new Trace(name, config, resolved, expectations);
  }

  /** {@code bytes} bytes, every one {@code value}. */
  public static ByteString fill(int value, int bytes) {
    byte[] b = new byte[bytes];
    java.util.Arrays.fill(b, (byte) value);
    return ByteString.fromArrayUnsafe(b);
  }
}
