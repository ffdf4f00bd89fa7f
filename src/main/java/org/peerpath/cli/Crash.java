package org.peerpath.cli;

import com.typesafe.config.ConfigException;

/**
 * What a command says when it ends in an exception instead of a verdict: one line on stderr, and
 * exit code 2. The model's own failures never get here: an actor that throws is stopped or
 * restarted by its supervisor, the run goes on, and what the failure broke ends in a FAIL naming
 * the seed or trace (exit 1). What does get here comes from around the model (the configuration,
 * the JVM's memory, the virtual-time runtime, a checker), so the run gave no verdict, and
 * docs/spec/command-line.md's code for "could not run this input" fits better than "a failure
 * found": a script that reads exit 1 as "look for the failing seed's trace" finds none here.
 */
final class Crash {
  private Crash() {}

  /**
   * Reports {@code e} for {@code command} (null: none was given); {@code during} names the seed or
   * trace being run (null if none) and {@code rerun} is the command line that runs it again.
   */
  static int report(String command, String during, String rerun, Throwable e, boolean stackTrace) {
    System.err.println(
        "peerpath"
            + (command == null ? "" : " " + command)
            + ": "
            + line(during, rerun, e, stackTrace));
    if (stackTrace) e.printStackTrace(System.err);
    return 2;
  }

  static String line(String during, String rerun, Throwable e, boolean stackTrace) {
    String in = during == null ? "" : " in " + during;
    ConfigException config = find(e, ConfigException.class);
    if (config != null) return "the configuration is wrong: " + config.getMessage();
    if (find(e, OutOfMemoryError.class) != null) {
      long max = MemoryBudget.maxHeap();
      String twice = MemoryBudget.xmx(max > Long.MAX_VALUE / 2 ? max : 2 * max);
      return "ran out of memory"
          + in
          + ": this Java may use at most "
          + MemoryBudget.size(max)
          + "; give it more, for "
          + "instance twice as much with PEERPATH_JAVA_OPTS=-Xmx"
          + twice
          + " (bin/peerpath passes it to java)";
    }
    String again = stackTrace ? "" : "; --stack-trace prints where";
    return "internal error"
        + in
        + " (not a failure of the model; no verdict): "
        + describe(e)
        + (rerun == null
            ? again
            : "; run it again with: " + rerun + (stackTrace ? "" : " --stack-trace"));
  }

  /**
   * The exception and, if it wraps another, the one at the bottom of its causes: where it came from
   * is usually there.
   */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root == e ? e.toString() : e + " (caused by " + root + ")";
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) return type.cast(t);
    }
    return null;
  }
}
