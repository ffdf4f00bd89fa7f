package org.peerpath.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CPU time of a run's JVMs, read from the operating system by process id. */
class CpuTimeTest {

  @Test
  void cpuTimeOfThisJvmGrowsWithTheWorkItDoes() {
    CpuTime cpu = new CpuTime(List.of(ProcessHandle.current().pid()));
    Optional<Long> before = cpu.nanos();
    assumeTrue(before.isPresent(), "this operating system does not tell a process's CPU time");
    long deadline = System.nanoTime() + 300_000_000L;
    long turns = 0;
    while (System.nanoTime() < deadline) turns++;
    assertTrue(turns > 0);
    assertTrue(cpu.nanos().orElseThrow() > before.get(), "300 ms of work used some CPU");
  }

  @Test
  void aProcessThatIsNotThereGivesNoFigure() throws Exception {
    Process p = new ProcessBuilder("true").start();
    long pid = p.pid();
    p.waitFor();
    assertEquals(
        Optional.empty(), new CpuTime(List.of(ProcessHandle.current().pid(), pid)).nanos());
  }
}
