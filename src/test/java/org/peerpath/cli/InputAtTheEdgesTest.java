package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peerpath.cli.CommandLineContractTest.PEER_PATH;
import static org.peerpath.cli.CommandLineContractTest.peerpath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerpath.cli.CommandLineContractTest.Run;

/**
 * Command line: input at the edges of what it takes (missing and unreadable files, clashing
 * outputs, numbers at the limits of their type, runs larger than the heap) gets a one-line reason
 * and exit code 2, with nothing run and nothing written (docs/spec/command-line.md).
 */
class InputAtTheEdgesTest {
  @TempDir Path dir;

  /** Nothing ran: no PASS or FAIL line, no stack trace. */
  static void assertRefused(Run r, String reason) {
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(reason), "expected \"" + reason + "\" in: " + r.err());
    assertEquals("", r.out(), "nothing ran");
    assertFalse(r.err().contains("\tat "), "a message, not a stack trace: " + r.err());
  }

  /** Valid, but weeks of watchdog ticks: refused before it runs, not left to spin. */
  @Test
  void replayOfATraceThatWouldTickForHoursIsRefusedBeforeItRuns() throws Exception {
    Path trace = dir.resolve("long.jsonl");
    Files.writeString(
        trace,
        "{\"kind\":\"config\",\"watchdog\":\"1us\"}\n"
            + "{\"at\":\"1000000s\",\"kind\":\"command\",\"id\":\"r1\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":1}\n");
    assertRefused(peerpath("replay", trace.toString()), "watchdog ticks");
    // The same at 1s runs (10^6 ticks per server).
    Files.writeString(
        trace,
        "{\"kind\":\"config\",\"watchdog\":\"1us\"}\n"
            + "{\"at\":\"1s\",\"kind\":\"command\",\"id\":\"r1\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":1}\n");
    Run ok = peerpath("replay", trace.toString());
    assertEquals(0, ok.exit(), ok.out() + ok.err());
  }

  @Test
  void replayOfFilesThatCannotBeReadSaysWhyForEachAndRunsNone() {
    Path missing = dir.resolve("missing.jsonl");
    Path history = dir.resolve("histories");
    Run r =
        peerpath(
            "replay",
            PEER_PATH,
            missing.toString(),
            dir.toString(),
            "--history",
            history.toString());
    assertRefused(r, "cannot read " + missing + ": no such file");
    assertTrue(r.err().contains("cannot read " + dir + ": it is a directory"), r.err());
    assertFalse(Files.exists(history), "no history was written");
    Path svg = dir.resolve("out.svg");
    assertRefused(peerpath("replay", missing.toString(), "--svg", svg.toString()), "no such file");
    assertFalse(Files.exists(svg));
  }

  @Test
  void replayOfAFileWithoutReadPermissionSaysSo() throws Exception {
    Path locked = dir.resolve("locked.jsonl");
    Files.copy(Path.of(PEER_PATH), locked);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("-w-------"));
    assumeFalse(Files.isReadable(locked), "this user reads every file (root)");
    assertRefused(
        peerpath("replay", PEER_PATH, locked.toString()),
        "cannot read " + locked + ": no permission to read it");
  }

  @Test
  void replayOfAFileThatIsNotUtf8NamesTheLineAndRunsNone() throws Exception {
    Path latin1 = dir.resolve("latin1.jsonl");
    Files.write(latin1, "# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertRefused(
        peerpath("replay", PEER_PATH, latin1.toString()), "latin1.jsonl line 1: is not UTF-8");
  }

  @Test
  void twoTracesWithOneFileNameCannotShareAHistoryDirectory() throws Exception {
    Path first = Files.createDirectories(dir.resolve("a")).resolve("peer-path.jsonl");
    Path second = Files.createDirectories(dir.resolve("b")).resolve("Peer-Path.jsonl");
    Files.copy(Path.of(PEER_PATH), first);
    Files.copy(Path.of(PEER_PATH), second);
    Path history = dir.resolve("histories");
    Run r =
        peerpath("replay", first.toString(), second.toString(), "--history", history.toString());
    assertRefused(
        r,
        first
            + " and "
            + second
            + " would both write their history to "
            + history.resolve("Peer-Path.history.jsonl"));
    assertFalse(Files.exists(history));
    assertRefused(
        peerpath("replay", first.toString(), first.toString(), "--history", history.toString()),
        "is given twice");
    Run withoutHistory = peerpath("replay", first.toString(), second.toString());
    assertEquals(
        0, withoutHistory.exit(), "without --history the two run: " + withoutHistory.err());
  }

  /**
   * Before, replay own.jsonl --history own.jsonl passed and left the history in the trace's place.
   */
  @Test
  void anOutputThatIsOneOfTheTracesIsRefusedAndTheTraceKeepsItsBytes() throws Exception {
    Path own = dir.resolve("own.jsonl");
    Files.copy(Path.of(PEER_PATH), own);
    byte[] bytes = Files.readAllBytes(own);
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), own);
    String dotted = dir.resolve(".").resolve("own.jsonl").toString();
    for (String[] outputs :
        new String[][] {
          {"--history", own.toString()},
          {"--history", dotted},
          {"--history", link.toString()},
          {"--svg", own.toString()},
          {"--svg", link.toString()}
        }) {
      assertRefused(
          peerpath("replay", own.toString(), outputs[0], outputs[1]),
          outputs[0]
              + " "
              + outputs[1]
              + ": "
              + own
              + " is a trace given to replay, and would be overwritten");
    }
    // Several traces: each history goes to DIR/NAME.history.jsonl, here one of the traces.
    Path named = Files.copy(own, dir.resolve("own.history.jsonl"));
    assertRefused(
        peerpath("replay", own.toString(), named.toString(), "--history", dir.toString()),
        named + " is a trace given to replay, and would be overwritten");
    assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(own)));
    assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(named)));
    Path out = dir.resolve("out");
    assertRefused(
        peerpath("replay", own.toString(), "--svg", out.toString(), "--history", out.toString()),
        "--svg " + out + " and --history " + out + " are one file");
  }

  @Test
  void anOutputOnADirectoryOrUnderAFileIsRefusedNamingWhy() throws Exception {
    Path file = Files.writeString(dir.resolve("somefile"), "kept\n");
    assertRefused(
        peerpath("replay", PEER_PATH, "--history", dir.toString()),
        "--history " + dir + " is a directory, not a file");
    assertRefused(
        peerpath("replay", PEER_PATH, "--svg", file.resolve("x.svg").toString()),
        "--svg " + file.resolve("x.svg") + ": " + file + " is a file, not a directory");
    assertEquals("kept\n", Files.readString(file));
  }

  /**
   * Permission bits do not say what can be written (this user may be root, and /proc takes no new
   * file whatever its bits say): the check before the run tries it.
   */
  @Test
  void outputsAFileSystemWillNotTakeAreRefusedBeforeAnythingRuns() {
    assumeTrue(Files.isDirectory(Path.of("/proc")), "no /proc here");
    assertRefused(
        peerpath("replay", PEER_PATH, "--history", "/proc/nope"),
        "--history /proc/nope: cannot be made in /proc: ");
    assertRefused(
        peerpath("replay", PEER_PATH, "--svg", "/proc/x.svg"),
        "--svg /proc/x.svg: cannot be made in /proc: ");
    assertRefused(
        peerpath("replay", PEER_PATH, PEER_PATH, "--history", "/proc/nope"),
        "--history /proc/nope: cannot be made in /proc: ");
    assertRefused(
        peerpath("explore", PEER_PATH, "--schedules", "1", "--out", "/proc/nope"),
        "--out /proc/nope: cannot be made in /proc: ");
  }

  /** /dev/full takes the file's opening and refuses its bytes: found only as they are written. */
  @Test
  void anOutputThatFailsAfterTheRunIsNamedWithItsReasonAfterTheVerdict() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full here");
    for (String option : new String[] {"--history", "--svg"}) {
      Run r = peerpath("replay", PEER_PATH, option, "/dev/full");
      assertEquals(2, r.exit(), r.err());
      assertEquals("PASS peer-path.jsonl", r.out().strip(), "the verdict was reached");
      assertEquals(
          "peerpath replay: "
              + option
              + " /dev/full: writing it failed after the run, No space left on device; the verdict"
              + " above stands",
          r.err().strip());
    }
    // A trace that fails keeps exit code 1: the failure is the news, the output is named besides.
    Path failing = dir.resolve("failing.jsonl");
    Files.writeString(
        failing,
        Files.readString(Path.of(PEER_PATH))
            + "{\"kind\":\"expect\",\"id\":\"w1\",\"status\":\"MEDIUM_ERROR\"}\n");
    Run r = peerpath("replay", failing.toString(), "--history", "/dev/full");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("FAIL failing.jsonl"), r.out());
    assertTrue(r.err().contains("--history /dev/full: writing it failed after the run"), r.err());
  }

  @Test
  void noCommandIsBadUsageWithTheUsageOnStderr() {
    Run none = peerpath();
    assertEquals(2, none.exit());
    assertEquals("", none.out());
    assertTrue(
        none.err()
            .startsWith(
                "peerpath: give a command: bench, demo, experiment, explore, node, replay, simulate"),
        none.err());
    assertTrue(none.err().contains("Usage: peerpath"), none.err());
    Run help = peerpath("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("Usage: peerpath"), help.out());
    Run version = peerpath("--version");
    assertEquals(0, version.exit());
    assertEquals("peerpath 0.1.0", version.out().strip());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "simulate --seeds -1                                  | --seeds must be at least 1, not -1",
        "simulate --seeds 0                                   | --seeds must be at least 1, not 0",
        "simulate --commands 0                                | --commands must be at least 1, not 0",
        "simulate --threads -2147483648                       | --threads must be at least 1, not -2147483648",
        "simulate --twice-every 0                             | --twice-every must be at least 1, not 0",
        "simulate --seeds 2147483648                          | '2147483648' is more than 2147483647, the most this option takes",
        "simulate --seed 9223372036854775808                  | '9223372036854775808' is more than 9223372036854775807",
        "simulate --seed -9223372036854775809                 | '-9223372036854775809' is less than -9223372036854775808",
        "simulate --commands 1e3                              | '1e3' is not a whole number",
        "simulate --seed 9223372036854775807 --seeds 2        | would go past the largest seed, 9223372036854775807",
        "simulate --seeds 1 --commands 2147483647             | this Java may use at most",
        "simulate --seeds 2147483647 --commands 1             | this Java may use at most",
        "simulate --seeds 2147483647 --commands 2147483647 --threads 2147483647 | more memory than any Java can have",
        "demo --commands 0                                    | --commands and --concurrency must be positive",
        "demo --concurrency -1                                | --commands and --concurrency must be positive",
        "demo --blocks 2147483647                             | --blocks must be 8..1024",
        "demo --commands 2147483647                           | this Java may use at most",
        "demo --seed 99999999999999999999                     | is more than 9223372036854775807"
      })
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void numbersAtTheLimitsOfTheirTypeAreRefusedWithAReason(String args, String reason) {
    assertRefused(peerpath(args.strip().split(" +")), reason);
  }

  @Test
  void aSeedLargerThanTheHeapIsRefusedNamingTheLimitAndHowToRaiseIt() {
    Run r = peerpath("simulate", "--seeds", "1", "--commands", "2000000000");
    assertRefused(
        r, "this Java may use at most " + MemoryBudget.size(Runtime.getRuntime().maxMemory()));
    assertTrue(r.err().contains("PEERPATH_JAVA_OPTS=-Xmx"), r.err());
    assertFalse(r.err().contains("simulate: seeds"), "no seed started: " + r.err());
  }

  @Test
  void aTraceLargerThanTheHeapIsRefusedBeforeItRunsOrWritesAHistory() throws Exception {
    // 40000 reads of 64 blocks of 64 KiB: a 4 MB file whose replies would hold 160 GiB.
    StringBuilder text =
        new StringBuilder("{\"kind\":\"config\",\"blockSize\":65536,\"blocks\":1024}\n");
    for (int i = 0; i < 40_000; i++) {
      text.append("{\"at\":\"")
          .append(i)
          .append("us\",\"kind\":\"command\",\"id\":\"r")
          .append(i)
          .append("\",\"server\":\"server-1\",\"op\":\"read\",\"lba\":0,\"blocks\":64}\n");
    }
    Path big = Files.writeString(dir.resolve("big-reads.jsonl"), text);
    Path history = dir.resolve("history.jsonl");
    Run r = peerpath("replay", big.toString(), "--history", history.toString());
    assertRefused(r, "replaying big-reads.jsonl");
    assertTrue(
        r.err().contains("this Java may use at most")
            && r.err().contains("PEERPATH_JAVA_OPTS=-Xmx"),
        r.err());
    assertFalse(Files.exists(history));
  }
}
