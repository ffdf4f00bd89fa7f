package org.peerpath.trace;

import org.peerpath.runtime.VirtualTimeSystem;

/**
 * The runtimes a series of replays shares: one for traces without a schedule, one (one message per
 * turn) for traces with one, each made when first needed and closed together.
 */
public final class ReplayRuntimes implements AutoCloseable {
  private final String name;
  private VirtualTimeSystem<Void> whole;
  private VirtualTimeSystem<Void> single;

  public ReplayRuntimes(String name) {
    this.name = name;
  }

  /** The runtime {@code trace} replays on ({@link Replay#runtimeFor}). */
  public VirtualTimeSystem<Void> forTrace(Trace trace) {
    if (trace.schedule() == null) {
      if (whole == null) whole = Replay.runtimeFor(trace, name);
      return whole;
    }
    if (single == null) single = Replay.runtimeFor(trace, name + "-scheduled");
    return single;
  }

  /** Replays {@code trace} on its runtime, as {@link Replay#run(Trace)} would on one of its own. */
  public ReplayReport replay(Trace trace) {
    return Replay.run(trace, forTrace(trace), s -> s);
  }

  /** As above, telling {@code progress} how far the run has come ({@link Replay#run}). */
  public ReplayReport replay(Trace trace, java.util.function.LongConsumer progress) {
    return Replay.run(trace, forTrace(trace), s -> s, progress);
  }

  @Override
  public void close() {
    try {
      if (whole != null) whole.close();
    } finally {
      if (single != null) single.close();
    }
  }
}
