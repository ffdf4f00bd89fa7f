package org.peerpath.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down (STYLE.md, "Layers"): the event log and the runtime at the bottom, the
 * patent's nouns above them, then the subsystem, then traces, simulation, the demo and the command
 * line. Read from the sources: every import and fully qualified name of another peerpath package.
 */
class LayersTest {
  private static final Path SOURCES = Path.of("src/main/java/org/peerpath");
  private static final Pattern REFERENCE = Pattern.compile("org\\.peerpath\\.([a-z]+)\\.");
  private static final Set<String> BOTTOM = Set.of("history", "runtime");
  private static final Set<String> MODEL =
      Set.of("host", "server", "adapter", "memory", "disk", "fabric", "command", "subsystem");
  private static final Set<String> ABOVE_THE_MODEL =
      Set.of("trace", "simulation", "demo", "bench", "cli");

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
  void everyPackageIsInALayer() throws IOException {
    Set<String> known = new TreeSet<>(BOTTOM);
    known.addAll(MODEL);
    known.addAll(ABOVE_THE_MODEL);
    assertEquals(
        List.of(),
        dependencies().keySet().stream().filter(p -> !known.contains(p)).toList(),
        "a new package needs its place in a layer here");
  }
}
