package org.peerpath.trace;

import java.util.List;
import java.util.Map;
import org.peerpath.command.CommandResult;
import org.peerpath.history.HistoryEvent;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.check.Violation;

/**
 * What one replay found: every reply, every expectation that was not met, every invariant that
 * broke, and the history, for a JUnit test to assert on or the command line to print.
 *
 * @param replies the replies in the order of the trace's command lines (a command with no reply is
 *     absent)
 * @param unmet one sentence per expectation that the run did not meet
 * @param endNanos the virtual time at which the run ended
 */
public record ReplayReport(
    String name,
    SubsystemSettings settings,
    Map<String, CommandResult> replies,
    int expectationsChecked,
    List<String> unmet,
    List<Violation> violations,
    List<HistoryEvent> history,
    long endNanos) {

  public boolean passed() {
    return unmet.isEmpty() && violations.isEmpty();
  }

  /** {@code PASS name} or {@code FAIL name: the first reason}. */
  public String summary() {
    if (passed()) return "PASS " + name;
    String reason = !violations.isEmpty() ? violations.get(0).toString() : unmet.get(0);
    int more = unmet.size() + violations.size() - 1;
    return "FAIL " + name + ": " + reason + (more > 0 ? " (and " + more + " more)" : "");
  }

  public CommandResult reply(String id) {
    CommandResult r = replies.get(id);
    if (r == null) throw new IllegalArgumentException("command " + id + " has no reply");
    return r;
  }
}
