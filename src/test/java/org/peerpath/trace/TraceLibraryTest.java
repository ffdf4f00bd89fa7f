package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every trace of the library replays and passes: the examples shipped in the jar
 * (src/main/resources/peerpath/examples/) and the tests' own (src/test/resources/traces/), each
 * showing one behaviour, some of them regressions simulate found.
 */
class TraceLibraryTest {
  static final Path EXAMPLES = Path.of("src/main/resources/peerpath/examples");
  static final Path LIBRARY = Path.of("src/test/resources/traces");

  @TestFactory
  Stream<DynamicTest> everyTraceInTheLibraryPasses() throws IOException {
    var files =
        Stream.concat(Files.list(EXAMPLES), Files.list(LIBRARY))
            .filter(p -> p.toString().endsWith(".jsonl"))
            .sorted()
            .toList();
    assertFalse(files.isEmpty());
    assertTrue(
        files.stream().anyMatch(f -> f.startsWith(EXAMPLES)), "the shipped examples are there");
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      assertTrue(
                          Files.readString(f).startsWith("#"),
                          "a library trace starts with a comment saying why it exists");
                      ReplayReport report = Replay.run(TraceReader.read(f));
                      assertTrue(report.passed(), report.summary());
                    }));
  }
}
