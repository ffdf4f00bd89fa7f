package org.peerpath.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.fabric.PathLatencies;
import org.peerpath.history.Durations;
import org.peerpath.history.HistoryEvent;
import org.peerpath.server.Completion;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Trace;

/**
 * Records the demo as a trace that {@code replay} passes: every command at the moment its host sent
 * it and to the server it went to, every fault and repair as injected, and for every reply an
 * expectation of its status and, for a read whose blocks hold one fill byte, its data. Paths are
 * not expected: under virtual time a failure is found at other instants than in real time.
 */
public final class DemoRecording {
  private final Map<String, IoCommand> issued = new LinkedHashMap<>();
  private final Map<String, Trace.Expectation> expected = new LinkedHashMap<>();

  synchronized void issued(IoCommand c) {
    issued.put(c.id(), c);
  }

  synchronized void replied(CommandResult r) {
    var expectation = Trace.Expectation.builder(r.id()).status(r.status());
    ByteString data = uniform(r.data());
    if (data != null) expectation.data(data);
    expected.put(r.id(), expectation.build());
  }

  /**
   * The data when every byte is the same, else null (the expectation then leaves data to the
   * invariants).
   */
  private static ByteString uniform(ByteString data) {
    if (data.isEmpty()) return null;
    byte first = data.apply(0);
    for (int i = 1; i < data.size(); i++) if (data.apply(i) != first) return null;
    return data;
  }

  public synchronized Trace trace(String name, SubsystemSettings s, List<HistoryEvent> history) {
    if (!(s.latency() instanceof PathLatencies table)) {
      throw new IllegalArgumentException(
          "only a table of path latencies can be written into a trace, not a latency model of code");
    }
    var config =
        Trace.Config.builder()
            .servers(s.servers())
            .blockSize(s.blockSize())
            .blocks(s.blocks())
            .completion(s.completion() instanceof Completion c ? c : Completion.BOTH)
            .watchdog(s.watchdog())
            .deadline(s.deadline())
            .diskLatency(s.diskLatency())
            .latencyDefault(Duration.ofNanos(table.defaultNanos()))
            .queueDepth(s.queueDepth());
    table.pathNanos().forEach((path, nanos) -> config.latency(path, Duration.ofNanos(nanos)));
    List<Trace.Input> inputs = new ArrayList<>();
    for (HistoryEvent e : history) {
      switch (e.kind()) {
        case SUBMITTED -> {
          IoCommand c = issued.get(e.id());
          if (c != null)
            inputs.add(
                new Trace.Command(
                    e.atNanos(),
                    0,
                    c.id(),
                    e.node(),
                    e.peer(),
                    c.op(),
                    c.lba(),
                    c.blocks(),
                    c.data()));
        }
        case FAULT -> {
          String[] how = e.detail().split(" ");
          long duration = how.length > 1 ? Durations.parseNanos(how[1]) : 0;
          inputs.add(new Trace.Fail(e.atNanos(), 0, e.node(), FaultMode.parse(how[0]), duration));
        }
        case REPAIR -> inputs.add(new Trace.Repair(e.atNanos(), 0, e.node()));
        default -> {}
      }
    }
    return new Trace(name, config.build(), inputs, new ArrayList<>(expected.values()));
  }
}
