package org.peerpath.experiment;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The experiment as a picture: throughput (above) and p99 latency on a log scale (below) over
 * virtual time, one line per policy, with the failure of adapter-1 and its repair marked. Drawn
 * with XChart into a PNG, headless: no display is needed or used.
 */
public final class TimelinePlot {
  static {
    // Before any AWT class decides whether there is a display: a set DISPLAY with no X server
    // behind it would otherwise fail the plot.
    System.setProperty("java.awt.headless", "true");
  }

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 420;
  private static final Color[] COLOURS = {
    new Color(0xD6, 0x27, 0x28), new Color(0x1F, 0x77, 0xB4), new Color(0x2C, 0xA0, 0x2C)
  };

  private TimelinePlot() {}

  /** Writes the PNG of {@code results} to {@code out}. */
  public static void write(ExperimentSettings s, List<PolicyResult> results, OutputStream out)
      throws IOException {
    double most = 0;
    double slowest = 1;
    for (PolicyResult r : results) {
      for (PolicyResult.Bucket b : r.buckets()) {
        most = Math.max(most, b.throughput() / 1e3);
        slowest = Math.max(slowest, b.p99Nanos() / 1e3);
      }
    }
    XYChart throughput = chart(s, "Throughput", "k commands/s", most * 1.06);
    throughput.getStyler().setYAxisMin(0.0);
    throughput.getStyler().setYAxisMax(most * 1.12);
    XYChart p99 = chart(s, "p99 latency", "µs (log scale)", slowest * 1.5);
    p99.getStyler().setYAxisLogarithmic(true);
    p99.getStyler().setYAxisMax(slowest * 2.5);
    for (int i = 0; i < results.size(); i++) {
      PolicyResult r = results.get(i);
      List<Double> time = new ArrayList<>();
      List<Double> rate = new ArrayList<>();
      List<Double> latencyTime = new ArrayList<>();
      List<Double> latency = new ArrayList<>();
      for (PolicyResult.Bucket b : r.buckets()) {
        double ms = (b.start() + b.length() / 2.0) / 1e6;
        time.add(ms);
        rate.add(b.throughput() / 1e3);
        if (b.p99Nanos() > 0) {
          latencyTime.add(ms);
          latency.add(b.p99Nanos() / 1e3);
        }
      }
      style(throughput.addSeries(r.name(), time, rate), i);
      if (!latency.isEmpty()) style(p99.addSeries(r.name(), latencyTime, latency), i);
    }
    BitmapEncoder.saveBitmap(List.of(throughput, p99), 2, 1, out, BitmapEncoder.BitmapFormat.PNG);
  }

  /** A chart with the failure and the repair marked, their labels at height {@code labelAt}. */
  private static XYChart chart(ExperimentSettings s, String title, String yAxis, double labelAt) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title + " (preset " + s.preset() + ")")
            .xAxisTitle("virtual time (ms)")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(s.end() / 1e6);
    chart.getStyler().setAnnotationLineColor(Color.DARK_GRAY);
    chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    double end = s.end() / 1e6;
    double fail = s.failAt() / 1e6;
    double repair = s.repairAt() / 1e6;
    chart.addAnnotation(new AnnotationLine(fail, true, false));
    chart.addAnnotation(new AnnotationLine(repair, true, false));
    // A label is placed by its centre: the failure's left of its line, the repair's right of its.
    String failed = "adapter-1 fails";
    String repaired = "adapter-1 repaired";
    chart.addAnnotation(
        new AnnotationText(failed, Math.max(0, fail - halfWidth(failed, end)), labelAt, false));
    chart.addAnnotation(
        new AnnotationText(
            repaired, Math.min(end, repair + halfWidth(repaired, end)), labelAt, false));
    return chart;
  }

  /** About half the width of {@code label} and a gap, in the x axis's milliseconds. */
  private static double halfWidth(String label, double endMillis) {
    double plotPixels = WIDTH * 0.75;
    return (label.length() * 7 / 2.0 + 6) * endMillis / plotPixels;
  }

  private static void style(XYSeries series, int i) {
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(COLOURS[i % COLOURS.length]);
  }
}
