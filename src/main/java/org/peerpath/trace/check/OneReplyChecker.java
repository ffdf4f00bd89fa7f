package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * Checks that every command got exactly one reply: none means a command was lost or held forever
 * (the model must answer NO_PATH or TIMEOUT instead), two means the host was told two different
 * stories about one command.
 */
public final class OneReplyChecker {
  public static final String NAME = "one-reply";

  private OneReplyChecker() {}

  public static List<Violation> check(List<String> commandIds, List<HistoryEvent> history) {
    Map<String, Integer> replies = new LinkedHashMap<>();
    for (String id : commandIds) replies.put(id, 0);
    for (HistoryEvent e : history) {
      if (e.kind() == Kind.REPLY) replies.merge(e.id(), 1, Integer::sum);
    }
    List<Violation> out = new ArrayList<>();
    replies.forEach(
        (id, n) -> {
          if (n == 0) out.add(new Violation(NAME, "command " + id + " never got a reply"));
          if (n > 1) out.add(new Violation(NAME, "command " + id + " got " + n + " replies"));
        });
    return out;
  }
}
