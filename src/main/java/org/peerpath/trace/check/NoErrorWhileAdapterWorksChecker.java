package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.peerpath.command.Status;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.HistoryEvent;

/**
 * Checks the patent's promise (claims 1-3): an adapter failure never shows the host an error
 * while another adapter works. A command that lived through an adapter failure and ended NO_PATH
 * or TIMEOUT breaks it if some adapter was working throughout the command's life and for {@code
 * newsNanos} before it (the time a server needs to learn that an adapter is back: a watchdog round
 * and a few path latencies). Other statuses are not about paths: BAD_REQUEST speaks of the
 * command, BUSY of the load, MEDIUM_ERROR of the disk.
 *
 * <p>"Working" is the ground truth of the adapters themselves, not any server's belief: an adapter
 * stops working when a fault takes hold of it and works again when a new incarnation starts.
 */
public final class NoErrorWhileAdapterWorksChecker {
  public static final String NAME = "no-error-while-an-adapter-works";

  private NoErrorWhileAdapterWorksChecker() {}

  /** Times at which one adapter stopped and started working, in order. */
  private static final class Timeline {
    final TreeMap<Long, Boolean> changes = new TreeMap<>(Map.of(Long.MIN_VALUE, true));

    void set(long at, boolean working) {
      changes.put(at, working);
    }

    boolean workingThroughout(long from, long to) {
      if (!changes.floorEntry(from).getValue()) return false;
      return !changes.subMap(from, false, to, true).containsValue(false);
    }
  }

  public static List<Violation> check(List<HistoryEvent> history, SubsystemSettings settings, long newsNanos) {
    int adapters = settings.servers();
    Map<String, Timeline> timelines = new TreeMap<>();
    for (int i = 1; i <= adapters; i++) timelines.put("adapter-" + i, new Timeline());
    Map<String, Long> submitted = new HashMap<>();
    List<HistoryEvent> errors = new ArrayList<>();
    for (HistoryEvent e : history) {
      switch (e.kind()) {
        case HistoryEvent.ADAPTER_FAILED -> timelines.get(e.node()).set(e.atNanos(), false);
        case HistoryEvent.INCARNATED -> timelines.get(e.node()).set(e.atNanos(), true);
        case HistoryEvent.SUBMITTED -> submitted.putIfAbsent(e.id(), e.atNanos());
        case HistoryEvent.REPLY -> {
          if (Status.NO_PATH.name().equals(e.status()) || Status.TIMEOUT.name().equals(e.status())) errors.add(e);
        }
        default -> {}
      }
    }
    List<Violation> out = new ArrayList<>();
    for (HistoryEvent reply : errors) {
      long from = submitted.getOrDefault(reply.id(), 0L) - newsNanos;
      long to = reply.atNanos();
      boolean livedThroughFailure = timelines.values().stream().anyMatch(t -> !t.workingThroughout(from, to));
      if (!livedThroughFailure) continue;
      timelines.entrySet().stream().filter(t -> t.getValue().workingThroughout(from, to)).findFirst().ifPresent(t ->
          out.add(new Violation(NAME, "command " + reply.id() + " ended " + reply.status() + " at " + reply.at()
              + " although " + t.getKey() + " worked throughout")));
    }
    return out;
  }
}
