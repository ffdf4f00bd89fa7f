package org.peerpath.bench.cluster;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.history.HistoryEvent;
import org.peerpath.host.Host;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * What each loop of {@code bench --cluster} sends, all with one payload: raw pings to server-1's
 * {@link Echo}; writes through host-1 to server-2 (the direct path: its adapter works); writes
 * through host-1 to server-1 (the peer path: adapter-1 crashed, so server-1 forwards them to
 * server-2). Consecutive writes of a loop go to consecutive blocks, so none in flight share one,
 * and every write of the run has its own id.
 */
final class Traffic {
  /** The payload of a ping and of a write: 4 KiB, or one block if blocks are larger. */
  static final int PAYLOAD_BYTES = 4096;

  private final Rounds.Parts parts;
  private final int blockSize;
  private final long positions;
  private final ByteString payload;
  private long loops;

  Traffic(Rounds.Parts parts, SubsystemSettings settings) {
    this.parts = parts;
    this.blockSize = settings.blockSize();
    this.payload = ByteString.fromArrayUnsafe(new byte[Math.max(PAYLOAD_BYTES, blockSize)]);
    this.positions = settings.blocks() - payload.size() / blockSize + 1;
  }

  int payloadBytes() {
    return payload.size();
  }

  /** A loop of {@code kind} with {@code inFlight} out, counting into {@code c}. */
  Behavior<Loop.Command> loop(
      Rounds.Kind kind, int inFlight, Loop.Counts c, CompletableFuture<Loop.Counts> done) {
    long n = ++loops;
    return switch (kind) {
      case RAW -> pings(inFlight, c, done);
      case DIRECT -> writes("server-2", "d" + n + "-", inFlight, c, done);
      case PEER -> writes("server-1", "p" + n + "-", inFlight, c, done);
    };
  }

  private Behavior<Loop.Command> pings(
      int inFlight, Loop.Counts c, CompletableFuture<Loop.Counts> done) {
    int size = payload.size();
    return Loop.create(
        Echo.Pong.class,
        (seq, replyTo) -> parts.echo().tell(new Echo.Ping(seq, payload, replyTo)),
        pong -> pong.payload().size() == size ? Loop.Outcome.DIRECT : Loop.Outcome.FAILED,
        inFlight,
        c,
        done);
  }

  private Behavior<Loop.Command> writes(
      String server,
      String prefix,
      int inFlight,
      Loop.Counts c,
      CompletableFuture<Loop.Counts> done) {
    long perWrite = payload.size() / blockSize;
    return Loop.create(
        CommandResult.class,
        (seq, replyTo) ->
            parts
                .host()
                .tell(
                    new Host.Send(
                        IoCommand.write(
                            prefix + seq, seq * perWrite % positions, blockSize, payload),
                        server,
                        replyTo)),
        r ->
            !r.isGood()
                ? Loop.Outcome.FAILED
                : r.path() == HistoryEvent.Path.PEER ? Loop.Outcome.PEER : Loop.Outcome.DIRECT,
        inFlight,
        c,
        done);
  }
}
