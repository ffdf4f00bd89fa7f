package org.peerpath.trace;

/**
 * A trace that is not trace-v1 (docs/spec/trace-format.md): bad JSON, an unknown kind or field, a
 * missing id, an unknown element, a duration without a unit. Thrown by {@link TraceReader} before
 * anything runs, naming the file, the line and, where there is one, the field: {@code trace.jsonl
 * line 7, field "lba": must be an integer}.
 */
public final class TraceFormatException extends RuntimeException {
  private final String file;
  private final int line;
  private final String field;
  private final String reason;

  public TraceFormatException(String file, int line, String field, String reason) {
    super(
        file
            + " line "
            + line
            + (field == null ? "" : ", field \"" + field + "\"")
            + ": "
            + reason);
    this.file = file;
    this.line = line;
    this.field = field;
    this.reason = reason;
  }

  /** The trace's name, the file name without its directory. */
  public String file() {
    return file;
  }

  /** The line, counting from 1, blank and comment lines included. */
  public int line() {
    return line;
  }

  /**
   * The field at fault ({@code "lba"}, {@code "data.fill"}, {@code "latency.paths"}), or null for
   * the line as a whole.
   */
  public String field() {
    return field;
  }

  /** What is wrong, without the file, line and field. */
  public String reason() {
    return reason;
  }
}
