package org.peerpath.bench.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.peerpath.cluster.NodeTally;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * The model's messages that crossed a JVM boundary during the commands of a loop, counted from what
 * the nodes recorded (each node's {@link NodeTally}, asked before the loop and after its last
 * answer), not assumed. The elements sit as DESIGN.md §8 places them: host-1 on the launcher's
 * node, server-i with adapter-i and memory-i on node server-i, the disk on a node of its own. For
 * the bench's writes that makes these crossings:
 *
 * <ul>
 *   <li>{@code submit}: each command the host sends to a server, resends included (the host's
 *       {@code submitted} and {@code retried});
 *   <li>{@code reply}: each answer the host takes ({@code reply});
 *   <li>{@code disk}: each disk I/O, an adapter's request and the disk's answer, so two ({@code
 *       disk-write}, {@code duplicate-write}, and the disk's {@code refused}; the bench only
 *       writes);
 *   <li>{@code forward}: each command a server forwards to its peer ({@code forwarded});
 *   <li>{@code notice}: each completion notice a peer sends back to the origin ({@code notice});
 *   <li>{@code dma}: each DMA of an adapter into another node's memory. On the node of a server
 *       whose own adapter is down every DMA is a peer adapter's: a read is a request and its data
 *       (two), a data write and the CSW are posted (one each). On any other node they stay inside.
 * </ul>
 *
 * What stays inside a node is not counted: a server setting a command up in its memory, handing it
 * to its own adapter, the CSW's doorbell, an adapter's completion to its own server, health checks.
 */
record Crossings(
    long commands, long submit, long reply, long disk, long forward, long notice, long dma) {

  static final Crossings NONE = new Crossings(0, 0, 0, 0, 0, 0, 0);

  /**
   * The crossings of {@code commands} answered commands, from the tallies {@code before} and {@code
   * after} them (by node name); {@code host} and {@code disk} name those nodes, {@code adapterDown}
   * the server nodes whose own adapter was down throughout.
   *
   * @throws IllegalStateException if a node told its figures only once
   */
  static Crossings between(
      long commands,
      Map<String, NodeTally.Answer> before,
      Map<String, NodeTally.Answer> after,
      String host,
      String disk,
      Set<String> adapterDown) {
    Delta d = new Delta(before, after);
    long dma = 0;
    long forward = 0;
    long notice = 0;
    for (String node : after.keySet()) {
      if (node.equals(host) || node.equals(disk)) continue;
      forward += d.of(node, Kind.FORWARDED);
      notice += d.of(node, Kind.NOTICE);
      if (adapterDown.contains(node))
        dma += 2 * d.of(node, Kind.DMA_READ) + d.of(node, Kind.DMA_WRITE) + d.of(node, Kind.CSW);
    }
    long io =
        d.of(disk, Kind.DISK_WRITE) + d.of(disk, Kind.DUPLICATE_WRITE) + d.of(disk, Kind.REFUSED);
    return new Crossings(
        commands,
        d.of(host, Kind.SUBMITTED) + d.of(host, Kind.RETRIED),
        d.of(host, Kind.REPLY),
        2 * io,
        forward,
        notice,
        dma);
  }

  Crossings plus(Crossings o) {
    return new Crossings(
        commands + o.commands,
        submit + o.submit,
        reply + o.reply,
        disk + o.disk,
        forward + o.forward,
        notice + o.notice,
        dma + o.dma);
  }

  long messages() {
    return submit + reply + disk + forward + notice + dma;
  }

  /** Crossings per command, all together (0 before any command). */
  double perCommand() {
    return commands == 0 ? 0 : (double) messages() / commands;
  }

  /** Crossings per command by kind, in the order of a command's way. */
  Map<String, Double> byKind() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("submit", per(submit));
    m.put("forward", per(forward));
    m.put("dma", per(dma));
    m.put("disk", per(disk));
    m.put("notice", per(notice));
    m.put("reply", per(reply));
    return m;
  }

  private double per(long n) {
    return commands == 0 ? 0 : (double) n / commands;
  }

  /** Events of a kind a node recorded between two tallies. */
  private record Delta(Map<String, NodeTally.Answer> before, Map<String, NodeTally.Answer> after) {
    long of(String node, Kind kind) {
      NodeTally.Answer b = before.get(node);
      NodeTally.Answer a = after.get(node);
      if (a == null || b == null)
        throw new IllegalStateException(node + " did not tell its figures before and after a loop");
      return a.count(kind) - b.count(kind);
    }
  }
}
