package org.peerpath.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dependencies point down (STYLE.md, "Layers"): the event log, the runtime and coverage at the
 * bottom, the patent's nouns above them, then the subsystem, then traces, simulation, the demo and
 * the command line. No package depends on itself through others, so each can be read, tested and
 * reused with only what lies below it; and none of the core names the launcher's own packages (cli,
 * demo, bench, experiment), which the core jar leaves out. Read from the sources: every import and
 * fully qualified name of another peerpath package.
 */
class LayersTest {
  private static final Path SOURCES = Path.of("src/main/java/org/peerpath");
  private static final Pattern REFERENCE = Pattern.compile("org\\.peerpath\\.([a-z]+)\\.");
  private static final Set<String> BOTTOM = Set.of("history", "runtime", "coverage");
  private static final Set<String> MODEL =
      Set.of("host", "server", "adapter", "memory", "disk", "fabric", "command");

  /** The wiring and the embedding API: it builds each element's settings from its own. */
  private static final String SUBSYSTEM = "subsystem";

  private static final Set<String> ABOVE_THE_MODEL =
      Set.of("trace", "simulation", "cluster", "demo", "bench", "experiment", "cli");

  /**
   * The testkit, for users' tests of their own actors: it stands on the runtime alone, so it serves
   * any actors, the model's or not.
   */
  private static final String TESTKIT = "testkit";

  /**
   * The packages only the launcher has: the core jar a prototype depends on leaves them out (the
   * pom's jar excludes), so a core class naming one would fail in a consumer with
   * NoClassDefFoundError. They may use each other and the core.
   */
  private static final Set<String> LAUNCHER_ONLY = Set.of("cli", "demo", "bench", "experiment");

  /** Package to the other peerpath packages its sources name. */
  static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(f);
        if (relative.getNameCount() < 2) continue;
        String pkg = relative.getName(0).toString();
        Matcher m = REFERENCE.matcher(Files.readString(f));
        Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
        while (m.find()) if (!m.group(1).equals(pkg)) used.add(m.group(1));
      }
    }
    return uses;
  }

  @Test
  void theEventLogAndTheRuntimeDependOnNoOtherPackage() throws IOException {
    var uses = dependencies();
    for (String bottom : BOTTOM)
      assertEquals(Set.of(), uses.getOrDefault(bottom, Set.of()), bottom + " uses");
  }

  @Test
  void theModelDependsOnNothingAboveIt() throws IOException {
    var uses = dependencies();
    for (String pkg : MODEL) {
      Set<String> upward = new TreeSet<>(uses.getOrDefault(pkg, Set.of()));
      upward.retainAll(ABOVE_THE_MODEL);
      assertEquals(Set.of(), upward, pkg + " depends on what sits above the model");
    }
  }

  @Test
  void theModelImportsNothingFromTheSubsystem() throws IOException {
    var uses = dependencies();
    List<String> upward =
        MODEL.stream().filter(p -> uses.getOrDefault(p, Set.of()).contains(SUBSYSTEM)).toList();
    assertEquals(
        List.of(), upward, "an element owns its settings; the subsystem's settings build them");
  }

  @Test
  void theSubsystemDependsOnNothingAboveIt() throws IOException {
    Set<String> upward = new TreeSet<>(dependencies().getOrDefault(SUBSYSTEM, Set.of()));
    upward.retainAll(ABOVE_THE_MODEL);
    assertEquals(Set.of(), upward, "subsystem depends on what sits above it");
  }

  @Test
  void theTestkitDependsOnTheRuntimeAlone() throws IOException {
    assertEquals(Set.of("runtime"), dependencies().get(TESTKIT), "testkit uses");
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    assertEquals(List.of(), cycle(dependencies()), "packages that depend on each other");
  }

  /**
   * One cycle of {@code uses}, as the packages along it with the first repeated at the end ({@code
   * [host, subsystem, host]}), or an empty list when there is none. A depth-first walk: a cycle is
   * a package reached again while the walk is still inside it.
   */
  static List<String> cycle(Map<String, Set<String>> uses) {
    Set<String> done = new TreeSet<>();
    for (String start : uses.keySet()) {
      List<String> found = cycleFrom(start, uses, new ArrayList<>(), done);
      if (!found.isEmpty()) return found;
    }
    return List.of();
  }

  private static List<String> cycleFrom(
      String pkg, Map<String, Set<String>> uses, List<String> path, Set<String> done) {
    int at = path.indexOf(pkg);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(pkg);
      return cycle;
    }
    if (done.contains(pkg)) return List.of();
    path.add(pkg);
    for (String next : uses.getOrDefault(pkg, Set.of())) {
      List<String> found = cycleFrom(next, uses, path, done);
      if (!found.isEmpty()) return found;
    }
    path.remove(path.size() - 1);
    done.add(pkg);
    return List.of();
  }

  @Test
  void theCycleFinderNamesTheCyclesPackages() {
    Map<String, Set<String>> uses =
        Map.of(
            "cli", Set.of("host"),
            "host", Set.of("command", "subsystem"),
            "subsystem", Set.of("host"),
            "command", Set.of());
    assertEquals(List.of("host", "subsystem", "host"), cycle(new TreeMap<>(uses)));
    assertEquals(List.of(), cycle(Map.of("host", Set.of("command"))));
  }

  /**
   * Each core source under {@code sources} (the root package's included) that names a launcher-only
   * package, as {@code file -> package}.
   */
  static List<String> coreUsesOfTheLauncher(Path sources) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Path relative = sources.relativize(f);
        if (relative.getNameCount() >= 2 && LAUNCHER_ONLY.contains(relative.getName(0).toString()))
          continue;
        Matcher m = REFERENCE.matcher(Files.readString(f));
        Set<String> used = new TreeSet<>();
        while (m.find()) if (LAUNCHER_ONLY.contains(m.group(1))) used.add(m.group(1));
        for (String pkg : used) found.add(relative + " -> " + pkg);
      }
    }
    return found;
  }

  @Test
  void noCorePackageUsesTheLaunchersPackages() throws IOException {
    assertEquals(
        List.of(),
        coreUsesOfTheLauncher(SOURCES),
        "cli, demo, bench and experiment are not in the core jar: a consumer would get NoClassDefFoundError");
  }

  @Test
  void theLauncherCheckNamesACoreFileThatUsesTheLauncher(@TempDir Path sources) throws IOException {
    Files.createDirectories(sources.resolve("trace"));
    Files.createDirectories(sources.resolve("cli"));
    Files.writeString(
        sources.resolve("trace/Replay.java"),
        "package org.peerpath.trace;\nimport org.peerpath.demo.Demo;\nclass Replay {}\n");
    Files.writeString(
        sources.resolve("Root.java"),
        "package org.peerpath;\nclass Root { org.peerpath.bench.RingLog log; }\n");
    Files.writeString(
        sources.resolve("cli/Main.java"),
        "package org.peerpath.cli;\nimport org.peerpath.demo.Demo;\nclass Main {}\n");
    assertEquals(
        List.of("Root.java -> bench", "trace/Replay.java -> demo"), coreUsesOfTheLauncher(sources));
  }

  @Test
  void everyPackageIsInALayer() throws IOException {
    Set<String> known = new TreeSet<>(BOTTOM);
    known.addAll(MODEL);
    known.add(SUBSYSTEM);
    known.addAll(ABOVE_THE_MODEL);
    known.add(TESTKIT);
    assertEquals(
        List.of(),
        dependencies().keySet().stream().filter(p -> !known.contains(p)).toList(),
        "a new package needs its place in a layer here");
  }
}
