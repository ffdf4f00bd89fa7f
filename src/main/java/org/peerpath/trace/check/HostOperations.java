package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.trace.Trace;

/**
 * The host's view of a run as per-block register operations, for the linearizability check: a
 * command is invoked when its host sends it and completes when the reply arrives. A GOOD write took
 * effect; a BAD_REQUEST or BUSY write did not; a TIMEOUT or NO_PATH write, or one never answered,
 * may have, once, at any time after its submission (trace-v1's indeterminate writes; the model
 * fences before it answers, but the contract allows more); any other failed write may have, before
 * its reply.
 */
final class HostOperations {
  private HostOperations() {}

  static List<BlockOperation> of(
      Trace trace, Map<String, CommandResult> replies, List<HistoryEvent> history, int blockSize) {
    Map<String, Long> sent = new HashMap<>();
    Map<String, Long> answered = new HashMap<>();
    for (HistoryEvent e : history) {
      if (e.kind() == Kind.SUBMITTED) sent.putIfAbsent(e.id(), e.atNanos());
      if (e.kind() == Kind.REPLY) answered.putIfAbsent(e.id(), e.atNanos());
    }
    List<BlockOperation> ops = new ArrayList<>();
    for (Trace.Command c : trace.commands()) {
      CommandResult r = replies.get(c.id());
      Long invoke = sent.get(c.id());
      if (invoke == null
          || (r != null && (r.status() == Status.BAD_REQUEST || r.status() == Status.BUSY)))
        continue;
      long complete = answered.getOrDefault(c.id(), BlockOperation.NO_REPLY);
      for (int k = 0; k < c.blocks(); k++) {
        long block = c.lba() + k;
        if (c.op() == Op.WRITE) {
          ByteString value = c.data().slice(k * blockSize, (k + 1) * blockSize);
          if (r != null && r.isGood()) {
            ops.add(BlockOperation.write(c.id(), block, invoke, complete, value));
          } else {
            // trace-v1: a TIMEOUT or NO_PATH write, or one never answered, may take effect at any
            // time after its submission.
            boolean open =
                r == null || r.status() == Status.TIMEOUT || r.status() == Status.NO_PATH;
            ops.add(
                BlockOperation.maybeWrite(
                    c.id(), block, invoke, open ? BlockOperation.NO_REPLY : complete, value));
          }
        } else if (r != null && r.isGood()) {
          ops.add(
              BlockOperation.read(
                  c.id(),
                  block,
                  invoke,
                  complete,
                  r.data().slice(k * blockSize, (k + 1) * blockSize)));
        }
      }
    }
    return ops;
  }
}
