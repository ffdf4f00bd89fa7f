package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.cli.CommandLineContractTest.peerpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerpath.cli.CommandLineContractTest.Run;

/**
 * {@code experiment} as docs/spec/command-line.md promises it: a CSV and a PNG in --out, a table or
 * one JSON object with three policies; bad options refused in one line with nothing written. A
 * short timeline keeps each run to about a second.
 */
class ExperimentCommandTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @TempDir Path dir;

  private static List<String> shortRun(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "experiment",
                "--set",
                "timeline.warmup=2ms",
                "--set",
                "timeline.fail-at=10ms",
                "--set",
                "timeline.repair-at=20ms",
                "--set",
                "timeline.end=30ms"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void experimentWritesACsvAndAPngAndItsJsonListsTheThreePolicies() throws Exception {
    Path out = dir.resolve("results");
    Run r = peerpath(shortRun("--out", out.toString(), "--json").toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("optane", j.get("preset").asText());
    assertEquals(1, j.get("seed").asLong());
    assertEquals(3, j.get("policies").size(), r.out());
    List<String> names = new ArrayList<>();
    for (JsonNode p : j.get("policies")) {
      names.add(p.get("name").asText());
      for (String field :
          List.of(
              "throughputBefore",
              "throughputDuring",
              "throughputAfter",
              "p99DuringMicros",
              "completed",
              "errors")) assertTrue(p.hasNonNull(field), field + " of " + p);
      assertTrue(p.get("completed").asLong() > 0, p.toString());
    }
    assertEquals(List.of("wait-for-repair", "host-failover", "peer-forwarding"), names);
    assertEquals("10ms", j.get("settings").get("timeline.fail-at").asText(), "the --set is kept");

    Path csv = out.resolve("optane.csv");
    Path png = out.resolve("optane.png");
    assertEquals(csv.toString(), j.get("files").get("csv").asText());
    assertEquals(png.toString(), j.get("files").get("png").asText());
    List<String> rows = Files.readAllLines(csv);
    assertEquals("time_ms,phase,policy,commands_per_sec,p99_us,completed,errors", rows.get(0));
    assertEquals(1 + 15 * 3, rows.size(), "30 ms in buckets of 2 ms, three policies");
    byte[] image = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(image, 8));
    assertTrue(image.length > 20_000, "a drawn plot, not an empty image: " + image.length);
  }

  @Test
  void theTableComparesThePoliciesAndNamesTheFiles() {
    Path out = dir.resolve("table");
    Run r = peerpath(shortRun("--out", out.toString(), "--preset", "nand").toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("peerpath experiment: preset nand"), r.out());
    for (String policy : List.of("wait-for-repair", "host-failover", "peer-forwarding"))
      assertTrue(r.out().contains("\n" + policy + " "), r.out());
    assertTrue(r.out().contains("csv: " + out.resolve("nand.csv")), r.out());
    assertTrue(Files.exists(out.resolve("nand.png")));
  }

  @Test
  void experimentRefusesBadOptionsInOneLineAndWritesNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path out = dir.resolve("never");
    List<List<String>> bad =
        List.of(
            List.of("--preset", "sata", "--out", out.toString()),
            List.of("--set", "disk.channels=0", "--out", out.toString()),
            List.of("--set", "disk.speed=2", "--out", out.toString()),
            List.of("--set", "timeline.end=2000000s", "--out", out.toString()),
            List.of(
                "--set",
                "timeline.end=3600s",
                "--set",
                "timeline.bucket=1s",
                "--out",
                out.toString()),
            List.of("--out", file.toString()),
            List.of("--out", dir.resolve("no/such/dir").toString()));
    for (List<String> options : bad) {
      List<String> args = new ArrayList<>(List.of("experiment", "--json"));
      args.addAll(options);
      Run r = peerpath(args.toArray(String[]::new));
      assertEquals(2, r.exit(), options + ": " + r.err());
      assertEquals("", r.out(), options.toString());
      assertTrue(r.err().startsWith("peerpath experiment: "), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
    }
    assertFalse(Files.exists(out), "nothing was made");
    assertFalse(Files.exists(dir.resolve("no")));
  }

  /**
   * A DISPLAY with no X server behind it (a shell that once had one) must not matter: the plot is
   * drawn headless. A JVM of its own, since AWT decides once per JVM.
   */
  @Test
  void thePlotIsDrawnHeadlessEvenWithADisplaySetThatLeadsNowhere() throws Exception {
    Path out = dir.resolve("headless");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(shortRun("--out", out.toString(), "--json"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DISPLAY", ":99");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    byte[] image = Files.readAllBytes(out.resolve("optane.png"));
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(image, 8));
  }

  @Test
  void aSetWithoutAnEqualsSignIsBadUsage() {
    Run r = peerpath("experiment", "--set", "disk.channels");
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("peerpath: "), r.err());
  }

  @Test
  void listPresetsNamesEachWithItsDescriptionAndMarksTheDefault() throws Exception {
    Run r = peerpath("experiment", "--list-presets");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("optane ") && l.endsWith("(default)")));
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("nand ")), r.out());
    JsonNode j =
        new ObjectMapper().readTree(peerpath("experiment", "--list-presets", "--json").out());
    assertEquals("optane", j.get("default").asText());
    assertTrue(j.get("presets").has("software-link"), j.toString());
  }

  @Test
  void experimentHelpExplainsThePolicies() {
    Run r = peerpath("experiment", "--help");
    assertEquals(0, r.exit(), r.err());
    for (String word : List.of("wait-for-repair", "host-failover", "peer-forwarding", "--out"))
      assertTrue(r.out().contains(word), word + " in " + r.out());
  }
}
