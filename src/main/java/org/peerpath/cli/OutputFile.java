package org.peerpath.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a command runs, that a file it was asked to write can be written: a run of many
 * seconds must not end in an error about its output (docs/spec/command-line.md: bad input is
 * refused with nothing run).
 */
final class OutputFile {
  private OutputFile() {}

  /** Why {@code file} cannot be written (named by {@code option}), or null if it can. */
  static String problem(String option, Path file) {
    Path absolute = file.toAbsolutePath();
    if (Files.isDirectory(absolute)) return option + " " + file + " is a directory, not a file";
    if (Files.exists(absolute))
      return Files.isWritable(absolute) ? null : option + " " + file + ": not writable";
    return creatable(option, file);
  }

  /**
   * Why directory {@code dir} (named by {@code option}, made if missing) cannot be written to, or
   * null.
   */
  static String directoryProblem(String option, Path dir) {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute))
      return Files.isWritable(absolute) ? null : option + " " + dir + ": not writable";
    if (Files.exists(absolute)) return option + " " + dir + " is a file, not a directory";
    return creatable(option, dir);
  }

  /** Why {@code path}, which does not exist yet, cannot be made in its directory, or null. */
  private static String creatable(String option, Path path) {
    Path parent = path.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent))
      return option + " " + path + ": no directory " + parent;
    return Files.isWritable(parent) ? null : option + " " + path + ": not writable";
  }
}
