package org.peerpath.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import org.peerpath.command.Elements;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.Durations;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/**
 * Draws a history as a sequence diagram on virtual time, so a person can see a command's journey:
 * one lifeline per element, one arrow per message from when it was sent to when it arrived. The
 * history records one end of each message; the path's latency gives the other, which is how the
 * picture shows a notice overtaking a CSW. Time runs down; quiet stretches are compressed, and
 * every row is labelled with its exact time.
 */
public final class TimelineSvg {
  private static final int COLUMN = 130;
  private static final int TOP = 60;
  private static final int ROW = 18;
  private static final double PX_PER_MS = 40;

  private TimelineSvg() {}

  private record Arrow(
      long sent, long arrived, String from, String to, String label, String color) {}

  private record Mark(long at, String node, String label, String color) {}

  /** The events of command {@code id} (all commands if null), and every failure event, as SVG. */
  public static String render(List<HistoryEvent> history, LatencyModel latency, String id) {
    List<Arrow> arrows = new ArrayList<>();
    List<Mark> marks = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (id != null && e.id() != null && !id.equals(e.id())) continue;
      if (id != null && e.id() == null && !isFailure(e)) continue;
      String what = (e.id() != null ? e.id() + " " : "") + e.kind();
      switch (e.kind()) {
        case SUBMITTED, FORWARDED, NOTICE ->
            arrows.add(
                new Arrow(
                    e.atNanos(),
                    e.atNanos() + latency.nanos(e.node(), e.peer()),
                    e.node(),
                    e.peer(),
                    what,
                    e.kind() == Kind.NOTICE ? "#c0392b" : "#2c3e50"));
        case DMA_READ, DMA_WRITE, CSW, DISK_WRITE ->
            arrows.add(
                new Arrow(
                    e.atNanos() - latency.nanos(e.peer(), e.node()),
                    e.atNanos(),
                    e.peer(),
                    e.node(),
                    what,
                    e.kind() == Kind.CSW ? "#27ae60" : "#7f8c8d"));
        case REPLY ->
            arrows.add(
                new Arrow(
                    e.atNanos() - latency.nanos(e.peer(), e.node()),
                    e.atNanos(),
                    e.peer(),
                    e.node(),
                    what + " " + e.status() + (e.order() != null ? " (" + e.order() + ")" : ""),
                    "#2980b9"));
        default ->
            marks.add(
                new Mark(
                    e.atNanos(),
                    e.node(),
                    what + (e.detail() != null ? ": " + e.detail() : ""),
                    "#8e44ad"));
      }
    }
    List<String> lanes = lanes(arrows, marks);
    TreeMap<Long, Integer> rows = rows(arrows, marks);
    int width = COLUMN * lanes.size() + 260;
    int height = (rows.isEmpty() ? TOP : rows.lastEntry().getValue()) + 2 * ROW;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"monospace\" font-size=\"11\">%n",
            width,
            height));
    svg.append(
        "<defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"6\" refX=\"8\" refY=\"3\" orient=\"auto\"><path d=\"M0,0 L8,3 L0,6 z\" fill=\"context-stroke\"/></marker></defs>\n");
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    for (int i = 0; i < lanes.size(); i++) {
      int x = laneX(i);
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n",
              x,
              TOP - 25,
              lanes.get(i)));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-dasharray=\"4,3\"/>%n",
              x,
              TOP - 15,
              x,
              height - ROW));
    }
    rows.forEach(
        (t, y) ->
            svg.append(
                String.format(
                    Locale.ROOT,
                    "<text x=\"4\" y=\"%d\" fill=\"#999\">%s</text>%n",
                    y + 4,
                    Durations.format(t))));
    for (Arrow a : arrows) {
      int x1 = laneX(lanes.indexOf(a.from())), x2 = laneX(lanes.indexOf(a.to()));
      int y1 = rows.get(a.sent()), y2 = rows.get(a.arrived());
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\" marker-end=\"url(#head)\"/>%n",
              x1,
              y1,
              x2,
              y2,
              a.color()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
              Math.min(x1, x2) + 4,
              (y1 + y2) / 2 - 3,
              a.color(),
              escape(a.label())));
    }
    for (Mark m : joined(marks)) {
      int x = laneX(lanes.indexOf(m.node()));
      int y = rows.get(m.at());
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
              x,
              y,
              m.color(),
              x + 7,
              y + 4,
              m.color(),
              escape(m.label())));
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * Marks at the same element and instant share one label, so they do not print over each other.
   */
  private static List<Mark> joined(List<Mark> marks) {
    var byPlace = new java.util.LinkedHashMap<String, Mark>();
    for (Mark m : marks) {
      byPlace.merge(
          m.node() + "@" + m.at(),
          m,
          (a, b) -> new Mark(a.at(), a.node(), a.label() + "; " + b.label(), a.color()));
    }
    return new ArrayList<>(byPlace.values());
  }

  private static boolean isFailure(HistoryEvent e) {
    return switch (e.kind()) {
      case FAULT, REPAIR, ADAPTER_DOWN, ADAPTER_UP, FENCED, ADAPTER_FAILED, INCARNATED -> true;
      default -> false;
    };
  }

  /** Hosts first, then each server with its memory and adapter, then the disk. */
  private static List<String> lanes(List<Arrow> arrows, List<Mark> marks) {
    TreeSet<String> names =
        new TreeSet<>(
            (a, b) ->
                Integer.compare(rank(a), rank(b)) != 0
                    ? Integer.compare(rank(a), rank(b))
                    : a.compareTo(b));
    arrows.forEach(
        a -> {
          names.add(a.from());
          names.add(a.to());
        });
    marks.forEach(m -> names.add(m.node()));
    return new ArrayList<>(names);
  }

  private static int rank(String element) {
    if (element.startsWith(Elements.HOST_PREFIX)) return 0;
    if (element.equals(Elements.DISK)) return 10_000;
    int i = Integer.parseInt(element.substring(element.lastIndexOf('-') + 1));
    int within =
        element.startsWith(Elements.SERVER_PREFIX)
            ? 0
            : element.startsWith(Elements.MEMORY_PREFIX) ? 1 : 2;
    return 10 + 3 * i + within;
  }

  /** A row per distinct time: proportional to time, but never closer than one text line. */
  private static TreeMap<Long, Integer> rows(List<Arrow> arrows, List<Mark> marks) {
    TreeSet<Long> times = new TreeSet<>();
    arrows.forEach(
        a -> {
          times.add(a.sent());
          times.add(a.arrived());
        });
    marks.forEach(m -> times.add(m.at()));
    TreeMap<Long, Integer> rows = new TreeMap<>();
    double y = TOP;
    Long previous = null;
    for (long t : times) {
      if (previous != null) y += Math.max(ROW, Math.min(6 * ROW, (t - previous) / 1e6 * PX_PER_MS));
      rows.put(t, (int) y);
      previous = t;
    }
    return rows;
  }

  private static int laneX(int lane) {
    return 150 + lane * COLUMN;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
