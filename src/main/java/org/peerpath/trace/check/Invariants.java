package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.CommandResult;
import org.peerpath.history.HistoryEvent;
import org.peerpath.server.Completion;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Trace;

/**
 * The invariants every replay and every simulated seed checks, each in a checker of its own: those
 * of docs/spec/trace-format.md (one reply per command, no reply before its CSW and under "both" its
 * notice, nothing fenced changed a byte, every GOOD read returns the last GOOD write, judged as
 * linearizability so that overlapping commands are judged right), the patent's promise that an
 * adapter failure shows the host no NO_PATH or TIMEOUT while another adapter works, where the
 * configuration leaves time to re-drive (the checker states the exact rule), and that no adapter is
 * declared down unless a fault made it so.
 */
public final class Invariants {
  public static final String LINEARIZABLE = "linearizable";

  private Invariants() {}

  public static List<Violation> check(
      Trace trace,
      SubsystemSettings settings,
      Map<String, CommandResult> replies,
      List<HistoryEvent> history) {
    List<Violation> out = new ArrayList<>();
    out.addAll(
        OneReplyChecker.check(trace.commands().stream().map(Trace.Command::id).toList(), history));
    out.addAll(CompletionOrderChecker.check(history, settings.completion() == Completion.BOTH));
    out.addAll(FencingChecker.check(history));
    out.addAll(NoFalseFailoverChecker.check(history, settings));
    out.addAll(NoErrorWhileAdapterWorksChecker.check(history, settings, newsNanos(settings)));
    var ops = HostOperations.of(trace, replies, history, settings.blockSize());
    var result =
        RegisterLinearizability.check(
            ops, ByteString.fromArrayUnsafe(new byte[settings.blockSize()]));
    if (!result.linearizable()) out.add(new Violation(LINEARIZABLE, result.explanation()));
    return out;
  }

  /**
   * How long a server may take to learn that an adapter works again: a watchdog round and a few
   * trips.
   */
  public static long newsNanos(SubsystemSettings s) {
    return 2 * s.watchdog().toNanos()
        + 4 * s.longestLatency().toNanos()
        + s.diskLatency().toNanos()
        + 1_000_000;
  }
}
