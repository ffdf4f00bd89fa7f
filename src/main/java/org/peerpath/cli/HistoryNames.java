package org.peerpath.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@code replay --history DIR} writes each trace's history: {@code DIR/NAME.history.jsonl},
 * NAME being the trace's file name without {@code .jsonl}, the name its PASS or FAIL line shows.
 * Two traces that would share a history file are refused before anything runs: keeping one of the
 * two histories silently is worse than asking, and a name made up to tell them apart would no
 * longer match the trace's line in the report.
 */
final class HistoryNames {
  private HistoryNames() {}

  /** The history file's name for the trace named {@code traceName}. */
  static String of(String traceName) {
    return traceName.replaceFirst("\\.jsonl$", "") + ".history.jsonl";
  }

  /**
   * Why the traces {@code files} cannot each have a history of their own in {@code dir}, or null if
   * they can.
   */
  static String clash(List<Path> files, Path dir) {
    Map<String, Path> taken = new HashMap<>();
    for (Path f : files) {
      String name = of(java.util.Objects.toString(f.getFileName(), f.toString()));
      // Compared without case: on macOS and Windows file systems Trace.jsonl and trace.jsonl are
      // one file.
      Path earlier = taken.putIfAbsent(name.toLowerCase(Locale.ROOT), f);
      if (earlier == null) continue;
      if (earlier.toAbsolutePath().normalize().equals(f.toAbsolutePath().normalize())) {
        return "--history "
            + dir
            + ": "
            + f
            + " is given twice, and a trace has one history; give it once";
      }
      return "--history "
          + dir
          + ": "
          + earlier
          + " and "
          + f
          + " would both write their history to "
          + dir.resolve(name)
          + ", the second over the first; give the traces different file names, or replay them "
          + "in separate runs";
    }
    return null;
  }
}
