package org.peerpath.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks, before a command runs, that a file it was asked to read can be read, and says why not in
 * plain words: the operating system's own message is often only the file's name again.
 */
final class InputFile {
  private InputFile() {}

  /** Why {@code file} cannot be read, as "cannot read FILE: reason", or null if it can. */
  static String problem(Path file) {
    if (Files.isDirectory(file)) return cannotRead(file, "it is a directory");
    if (!Files.exists(file)) return cannotRead(file, "no such file");
    if (!Files.isReadable(file)) return cannotRead(file, "no permission to read it");
    return null;
  }

  /**
   * Why reading {@code file} failed with {@code e}, for a file that passed {@link #problem} and
   * changed since.
   */
  static String problem(Path file, IOException e) {
    String why = problem(file);
    if (why != null) return why;
    if (e instanceof NoSuchFileException || e instanceof NotDirectoryException)
      return cannotRead(file, "no such file");
    if (e instanceof AccessDeniedException) return cannotRead(file, "no permission to read it");
    return cannotRead(file, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
  }

  private static String cannotRead(Path file, String why) {
    return "cannot read " + file + ": " + why;
  }
}
