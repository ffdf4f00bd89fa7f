package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every trace under src/test/resources/traces/ replays and passes: each shows one behaviour, and some are regressions simulate found. */
class TraceLibraryTest {
  static final Path LIBRARY = Path.of("src/test/resources/traces");

  @TestFactory
  Stream<DynamicTest> everyTraceInTheLibraryPasses() throws IOException {
    var files = Files.list(LIBRARY).filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    assertFalse(files.isEmpty());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      assertTrue(Files.readString(f).startsWith("#"), "a library trace starts with a comment saying why it exists");
      ReplayReport report = Replay.run(TraceReader.read(f));
      assertTrue(report.passed(), report.summary());
    }));
  }
}
