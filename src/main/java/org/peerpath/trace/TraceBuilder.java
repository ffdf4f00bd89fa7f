package org.peerpath.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Elements;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.Durations;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Builds a {@link Trace} in code, for JUnit tests that would rather not keep a file. Every time is
 * a {@link Duration} from the start of the run, or a string in the trace's own notation ({@code
 * "250us"}, {@code "1.5ms"}); either is refused unless a trace can say it (0..1000000s).
 *
 * <pre>{@code
 * Trace t = new TraceBuilder("crash-mid-write")
 *     .config(Trace.Config.builder().servers(2).watchdog(Duration.ofMillis(5)).build())
 *     .write(Duration.ZERO, "w1", "server-1", 7, fill(171, 4096))
 *     .fail(Duration.ofMillis(1), "adapter-1", FaultMode.CRASH)
 *     .read(Duration.ofMillis(5), "r1", "server-1", 7, 1)
 *     .expect("w1", Status.GOOD)
 *     .expect("r1", e -> e.status(Status.GOOD).data(fill(171, 4096)).path(HistoryEvent.Path.PEER))
 *     .build();
 * }</pre>
 */
public final class TraceBuilder {
  private final String name;
  private Trace.Config config = Trace.Config.NONE;
  private final List<Trace.Input> inputs = new ArrayList<>();
  private final List<Trace.Expectation> expectations = new ArrayList<>();

  /** An empty trace named {@code name}, the name its replay report gives. */
  public TraceBuilder(String name) {
    this.name = name;
  }

  /** The trace's config line; {@link Trace.Config#NONE}, or null, for none. */
  public TraceBuilder config(Trace.Config c) {
    config = c == null ? Trace.Config.NONE : c;
    return this;
  }

  /** A write from host-1; its blocks are its data's length over the trace's block size. */
  public TraceBuilder write(Duration at, String id, String server, long lba, ByteString data) {
    return command(at, id, Elements.host(1), server, Op.WRITE, lba, -1, data);
  }

  /** {@link #write(Duration, String, String, long, ByteString)} at a time such as {@code "1ms"}. */
  public TraceBuilder write(String at, String id, String server, long lba, ByteString data) {
    return write(time(at), id, server, lba, data);
  }

  /** A read of {@code blocks} blocks from host-1. */
  public TraceBuilder read(Duration at, String id, String server, long lba, int blocks) {
    return command(
        at, id, Elements.host(1), server, Op.READ, lba, blocks, ByteString.emptyByteString());
  }

  /** {@link #read(Duration, String, String, long, int)} at a time such as {@code "1ms"}. */
  public TraceBuilder read(String at, String id, String server, long lba, int blocks) {
    return read(time(at), id, server, lba, blocks);
  }

  /**
   * Any command, wrong ones included (they run and end BAD_REQUEST). {@code blocks} of a write is
   * computed from its data when negative, with the block size of the config the trace ends up with,
   * whether {@link #config} is called before or after.
   */
  public TraceBuilder command(
      Duration at,
      String id,
      String host,
      String server,
      Op op,
      long lba,
      int blocks,
      ByteString data) {
    long atNanos = Trace.nanos("the time of command " + id, at);
    inputs.add(new Trace.Command(atNanos, 0, id, host, server, op, lba, blocks, data));
    return this;
  }

  /** {@link #command(Duration, String, String, String, Op, long, int, ByteString)} at "1ms". */
  public TraceBuilder command(
      String at,
      String id,
      String host,
      String server,
      Op op,
      long lba,
      int blocks,
      ByteString data) {
    return command(time(at), id, host, server, op, lba, blocks, data);
  }

  /** A crash or a hang, which lasts until a repair. */
  public TraceBuilder fail(Duration at, String adapter, FaultMode mode) {
    return fail(at, adapter, mode, Duration.ZERO);
  }

  /** {@link #fail(Duration, String, FaultMode)} at a time such as {@code "1ms"}. */
  public TraceBuilder fail(String at, String adapter, FaultMode mode) {
    return fail(time(at), adapter, mode);
  }

  /** A fault that lasts {@code duration}: a reset, the only one that takes a duration. */
  public TraceBuilder fail(Duration at, String adapter, FaultMode mode, Duration duration) {
    String what = "the " + mode.wireName() + " of " + adapter;
    inputs.add(
        new Trace.Fail(
            Trace.nanos("the time of " + what, at),
            0,
            adapter,
            mode,
            Trace.nanos("the duration of " + what, duration)));
    return this;
  }

  /** {@link #fail(Duration, String, FaultMode, Duration)} with times such as {@code "1ms"}. */
  public TraceBuilder fail(String at, String adapter, FaultMode mode, String duration) {
    return fail(time(at), adapter, mode, time(duration));
  }

  /** Brings a failed adapter back, as a new incarnation. */
  public TraceBuilder repair(Duration at, String adapter) {
    inputs.add(
        new Trace.Repair(Trace.nanos("the time of the repair of " + adapter, at), 0, adapter));
    return this;
  }

  /** {@link #repair(Duration, String)} at a time such as {@code "1ms"}. */
  public TraceBuilder repair(String at, String adapter) {
    return repair(time(at), adapter);
  }

  /** Command {@code id} must end {@code status}. */
  public TraceBuilder expect(String id, Status status) {
    return expect(Trace.Expectation.builder(id).status(status).build());
  }

  /**
   * Command {@code id} must show what {@code expectation} sets: {@code expect("r1", e ->
   * e.status(Status.GOOD).path(HistoryEvent.Path.PEER))}.
   */
  public TraceBuilder expect(String id, Consumer<ExpectationBuilder> expectation) {
    ExpectationBuilder b = Trace.Expectation.builder(id);
    expectation.accept(b);
    return expect(b.build());
  }

  /** An expectation built with {@link Trace.Expectation#builder(String)}. */
  public TraceBuilder expect(Trace.Expectation e) {
    expectations.add(e);
    return this;
  }

  /** The trace, with the block count of every write whose count was left to its data. */
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

  /** A time or duration in the trace's notation, as the reader takes it. */
  private static Duration time(String text) {
    return Duration.ofNanos(Durations.parseNanos(text));
  }
}
