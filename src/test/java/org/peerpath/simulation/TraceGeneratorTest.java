package org.peerpath.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.trace.TraceWriter;

/** The generator: one seed, one scenario; and every write's bytes differ from every other's and from zeros. */
class TraceGeneratorTest {

  @Test
  void everyWriteValueIsDistinctAndNeverTheInitialZeros() {
    Set<ByteString> seen = new HashSet<>();
    ByteString zeros = ByteString.fromArrayUnsafe(new byte[512]);
    for (int n = 1; n <= 3000; n++) {
      ByteString v = TraceGenerator.value(n, 512);
      assertNotEquals(zeros, v, "write " + n);
      assertEquals(true, seen.add(v), "write " + n + " repeats an earlier value");
    }
  }

  @Test
  void oneSeedDrawsTheSameScenarioEveryTime() {
    var a = TraceGenerator.generate(42, 200);
    var b = TraceGenerator.generate(42, 200);
    assertEquals(a.knobs(), b.knobs());
    assertEquals(TraceWriter.toText(a.trace()), TraceWriter.toText(b.trace()));
    assertNotEquals(TraceWriter.toText(a.trace()), TraceWriter.toText(TraceGenerator.generate(43, 200).trace()));
  }
}
