package org.peerpath.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a command runs, that a file it was asked to write can be written: a run of many
 * seconds must not end in an error about its output (cli.md: bad input is refused with nothing run).
 */
final class OutputFile {
  private OutputFile() {}

  /** Why {@code file} cannot be written (named by {@code option}), or null if it can. */
  static String problem(String option, Path file) {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    if (Files.isDirectory(absolute)) return option + " " + file + " is a directory, not a file";
    if (parent == null || !Files.isDirectory(parent)) return option + " " + file + ": no directory " + parent;
    if (!Files.isWritable(parent) || (Files.exists(absolute) && !Files.isWritable(absolute))) {
      return option + " " + file + ": not writable";
    }
    return null;
  }

  /** Why directory {@code dir} (named by {@code option}, made if missing) cannot be written to, or null. */
  static String directoryProblem(String option, Path dir) {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) return Files.isWritable(absolute) ? null : option + " " + dir + ": not writable";
    if (Files.exists(absolute)) return option + " " + dir + " is a file, not a directory";
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) return option + " " + dir + ": no directory " + parent;
    return Files.isWritable(parent) ? null : option + " " + dir + ": not writable";
  }
}
