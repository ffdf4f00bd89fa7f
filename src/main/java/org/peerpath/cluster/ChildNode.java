package org.peerpath.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One node JVM launched by {@link ChildNodes}: its process, its log (standard output and error),
 * and its standard input, which the launcher holds open so that the node ends when the launcher
 * does ({@link LauncherLink}).
 */
public final class ChildNode {
  private static final Duration POLL = Duration.ofMillis(20);

  private final String name;
  private final Process process;
  private final Path log;
  private final OutputStream stdin;

  ChildNode(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.stdin = process.getOutputStream();
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  /** The file the node's output goes to. */
  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The node's exit code once it has ended (137 after {@link #kill()} on Linux). */
  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /**
   * How the node ended, once it has: its exit code, with the signal for the two a launcher sends
   * ({@code 143 SIGTERM}: asked to end, it left the cluster first; {@code 137 SIGKILL}).
   */
  public Optional<String> exit() {
    return exitCode()
        .map(
            code ->
                switch (code) {
                  case 137 -> "137 SIGKILL";
                  case 143 -> "143 SIGTERM";
                  default -> Integer.toString(code);
                });
  }

  /** The node's output so far, line by line. */
  public List<String> lines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** How many lines the node has written so far: a mark to wait for lines after. */
  public int mark() {
    return lines().size();
  }

  /** The first line so far that {@code matches}, if any. */
  public Optional<String> line(Predicate<String> matches) {
    return line(0, matches);
  }

  /** The first line after the first {@code from} ({@link #mark()}) that {@code matches}, if any. */
  public Optional<String> line(int from, Predicate<String> matches) {
    List<String> all = lines();
    return all.subList(Math.min(from, all.size()), all.size()).stream().filter(matches).findFirst();
  }

  /**
   * Waits for the first line that {@code matches}, reading the log every 20 ms.
   *
   * @throws TimeoutException after {@code limit}, or at once if the node has ended without one,
   *     with the end of its log
   */
  public String awaitLine(Predicate<String> matches, Duration limit, String what)
      throws TimeoutException, InterruptedException {
    return awaitLine(0, matches, limit, what);
  }

  /**
   * {@link #awaitLine(Predicate, Duration, String)} for lines after {@code from} ({@link #mark()}).
   */
  public String awaitLine(int from, Predicate<String> matches, Duration limit, String what)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<String> found = line(from, matches);
      if (found.isPresent()) return found.get();
      if (!process.isAlive()) {
        found = line(from, matches); // what it wrote as it ended
        if (found.isPresent()) return found.get();
        throw new TimeoutException(
            name + " ended (exit " + process.exitValue() + ") before " + what + tail());
      }
      if (System.nanoTime() - deadline > 0)
        throw new TimeoutException(name + " did not show " + what + " within " + limit + tail());
      TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
    }
  }

  /** Waits until the node says it is Up; returns that line. */
  public String awaitUp(Duration limit) throws TimeoutException, InterruptedException {
    return awaitLine(NodeLines::isUp, limit, "Up");
  }

  private String tail() {
    List<String> all = lines();
    return "; its log "
        + log
        + " ends:\n  "
        + String.join("\n  ", all.subList(Math.max(0, all.size() - 15), all.size()));
  }

  /** Writes one command line to the node ({@link LauncherLink}: {@code cut HOST:PORT}). */
  public void send(String command) throws IOException {
    stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** Kills the node at once (SIGKILL on Linux): no leaving, no shutdown hook. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Asks the node to end (SIGTERM: it leaves the cluster), without waiting. */
  void requestStop() {
    process.destroy();
  }

  /**
   * Waits until the node has ended or {@code deadline} ({@link System#nanoTime()}) passed, then
   * kills it if it is still there; returns whether it had ended by itself.
   */
  boolean endBy(long deadline) throws InterruptedException {
    long left = deadline - System.nanoTime();
    boolean ended = left > 0 ? process.waitFor(left, TimeUnit.NANOSECONDS) : !process.isAlive();
    if (!ended) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    return ended;
  }

  /** Asks the node to end, kills it after {@code grace}; returns whether it had ended by itself. */
  public boolean stop(Duration grace) throws InterruptedException {
    requestStop();
    return endBy(System.nanoTime() + grace.toNanos());
  }

  /** Waits for the process to end; returns whether it did within {@code limit}. */
  public boolean awaitExit(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
