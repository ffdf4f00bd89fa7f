package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peerpath.command.CommandResult;
import org.peerpath.trace.HistoryEvent;
import org.peerpath.trace.Trace;

/** The invariants every replay checks (trace-v1.md), each in a checker of its own. */
public final class Invariants {
  private Invariants() {}

  public static List<Violation> check(Trace trace, Map<String, CommandResult> replies, List<HistoryEvent> history,
      boolean bothRequired) {
    List<Violation> out = new ArrayList<>();
    out.addAll(OneReplyChecker.check(trace.commands().stream().map(Trace.Command::id).toList(), history));
    out.addAll(CompletionOrderChecker.check(history, bothRequired));
    out.addAll(FencingChecker.check(history));
    return out;
  }
}
