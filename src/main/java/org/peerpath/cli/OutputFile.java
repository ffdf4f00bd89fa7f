package org.peerpath.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks, before a command runs, that a file it was asked to write can be written: a run of many
 * seconds must not end in an error about its output (docs/spec/command-line.md: bad input is
 * refused with nothing run). Permission bits do not tell (root writes every file, and a file system
 * such as /proc refuses new files whatever they say), so the check does what the write will do: it
 * opens an existing file for writing, without truncating it, or makes the file and removes it
 * again.
 */
final class OutputFile {
  private OutputFile() {}

  /** Why {@code file} cannot be written (named by {@code option}), or null if it can. */
  static String problem(String option, Path file) {
    if (Files.isDirectory(file)) return option + " " + file + " is a directory, not a file";
    String why = Files.exists(file) ? openable(file) : creatable(file);
    return why == null ? null : option + " " + file + ": " + why;
  }

  /**
   * Why directory {@code dir} (named by {@code option}, made if missing) cannot be written to, or
   * null.
   */
  static String directoryProblem(String option, Path dir) {
    String why;
    if (Files.isDirectory(dir)) why = fileCanBeMadeIn(dir);
    else if (Files.exists(dir)) return option + " " + dir + " is a file, not a directory";
    else why = directoryCreatable(dir);
    return why == null ? null : option + " " + dir + ": " + why;
  }

  /**
   * Whether {@code a} and {@code b} name one file: the same file on disk when both exist (so that
   * {@code ./t.jsonl}, {@code t.jsonl} and a link to it are one), else the same path.
   */
  static boolean sameFile(Path a, Path b) {
    if (Files.exists(a) && Files.exists(b)) {
      try {
        return Files.isSameFile(a, b);
      } catch (IOException e) {
        // Compared by path below.
      }
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** {@code e}, which writing a file raised, in plain words. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "no permission to write it";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    if (e instanceof NoSuchFileException) return "no such file or directory";
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /**
   * Why existing {@code file} cannot be opened for writing, or null. Only a regular file is opened:
   * opening a pipe would wait for its reader, and a device says no more by being opened.
   */
  private static String openable(Path file) {
    if (!Files.isRegularFile(file)) return Files.isWritable(file) ? null : "not writable";
    try {
      FileChannel.open(file, StandardOpenOption.WRITE).close();
      return null;
    } catch (IOException e) {
      return "cannot be opened for writing: " + reason(e);
    }
  }

  /** Why {@code file}, which does not exist, cannot be made, or null; tried, then removed. */
  private static String creatable(Path file) {
    return madeAndRemoved(file, Files::createFile);
  }

  private static String directoryCreatable(Path dir) {
    return madeAndRemoved(dir, Files::createDirectory);
  }

  /** Makes a file or a directory at a path. */
  private interface Maker {
    void make(Path path) throws IOException;
  }

  /** Why {@code path} cannot be made by {@code maker}, or null: it is made, then removed. */
  private static String madeAndRemoved(Path path, Maker maker) {
    String parent = parentProblem(path);
    if (parent != null) return parent;
    try {
      maker.make(path);
    } catch (FileAlreadyExistsException e) {
      return "a link to a file that does not exist; name the file itself";
    } catch (IOException e) {
      return "cannot be made in " + path.toAbsolutePath().getParent() + ": " + reason(e);
    }
    return removed(path);
  }

  private static String fileCanBeMadeIn(Path dir) {
    Path tried;
    try {
      tried = Files.createTempFile(dir, ".peerpath-", ".tmp");
    } catch (IOException e) {
      return "no file can be made in it: " + reason(e);
    }
    return removed(tried);
  }

  private static String parentProblem(Path path) {
    Path parent = path.toAbsolutePath().getParent();
    if (parent == null || Files.isDirectory(parent)) return null;
    return Files.exists(parent) ? parent + " is a file, not a directory" : "no directory " + parent;
  }

  /** Removes {@code tried}, made only to see that it could be; why that failed, or null. */
  private static String removed(Path tried) {
    try {
      Files.delete(tried);
      return null;
    } catch (IOException e) {
      return "made " + tried + " to try it, then could not remove it: " + reason(e);
    }
  }
}
