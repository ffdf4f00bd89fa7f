package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.peerpath.history.HistoryEvent;

/**
 * Checks claims 5 and 7 from the outside: no command is answered GOOD (or with an adapter's error)
 * before the CSW of the attempt that completed it was written into the origin server's memory, and,
 * when the rule is "both", before the peer's notice for that attempt was sent. A reply that came
 * before its CSW may carry data the adapter had not yet written.
 */
public final class CompletionOrderChecker {
  public static final String NAME = "reply-after-csw";

  private CompletionOrderChecker() {}

  private record Attempt(String id, Integer attempt) {}

  public static List<Violation> check(List<HistoryEvent> history, boolean bothRequired) {
    Set<Attempt> csw = new HashSet<>();
    Set<Attempt> notice = new HashSet<>();
    List<Violation> out = new ArrayList<>();
    for (HistoryEvent e : history) {
      switch (e.kind()) {
        case CSW -> csw.add(new Attempt(e.id(), e.attempt()));
        case NOTICE -> notice.add(new Attempt(e.id(), e.attempt()));
        case REPLY -> {
          if (e.path() == null || e.detail() != null && e.detail().startsWith("unexpected")) break;
          Attempt key = new Attempt(e.id(), e.attempt());
          if (!csw.contains(key)) {
            out.add(
                new Violation(
                    NAME,
                    "command "
                        + e.id()
                        + " was answered "
                        + e.status()
                        + " at "
                        + e.at()
                        + " before the CSW of attempt "
                        + e.attempt()
                        + " was written"));
          } else if (bothRequired && e.path() == HistoryEvent.Path.PEER && !notice.contains(key)) {
            out.add(
                new Violation(
                    NAME,
                    "command "
                        + e.id()
                        + " was answered at "
                        + e.at()
                        + " before the peer sent its notice for attempt "
                        + e.attempt()));
          }
        }
        default -> {}
      }
    }
    return out;
  }
}
