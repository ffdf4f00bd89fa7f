package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --cluster --kill-server --partition --tls --json}, in this JVM as the command line
 * runs it: four node JVMs on loopback over TLS with keys made for the run, adapter-1 crashed and
 * repaired, server-1 cut from server-2 and healed, the server-2 JVM SIGKILLed under load. One run
 * covers the clustered demo's promises: a linearizable history, nothing lost on read-back, the peer
 * path across JVMs, the host's resends after the kill, each node's own figures, and no node left
 * behind.
 */
class ClusterDemoCommandTest {
  /**
   * Four JVMs and a build on a busy two-core machine pause for longer than cluster.conf's three
   * seconds; the launcher hands this to every node it starts.
   */
  private static final String PATIENT = "pekko.cluster.failure-detector.acceptable-heartbeat-pause";

  /**
   * A detector that patient needs a Split Brain Resolver that waits for it, or a healed cut downs.
   */
  private static final String STABLE = "pekko.cluster.split-brain-resolver.stable-after";

  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aKilledServerJvmLosesNothingAndTheHistoryIsLinearizable() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int code;
    System.setProperty(PATIENT, "6s");
    System.setProperty(STABLE, "10s");
    ConfigFactory.invalidateCaches();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code =
          Main.commandLine()
              .execute(
                  "demo",
                  "--cluster",
                  "--kill-server",
                  "--partition",
                  "--tls",
                  "--tls-dir",
                  dir.resolve("tls").toString(),
                  "--json",
                  "--run-dir",
                  dir.resolve("run").toString());
    } finally {
      System.setOut(stdout);
      System.clearProperty(PATIENT);
      System.clearProperty(STABLE);
      ConfigFactory.invalidateCaches();
    }
    String json = out.toString(StandardCharsets.UTF_8);
    System.out.println(json);
    assertNotEquals(2, code, "no verdict (the cluster did not form, or the launcher was downed)");
    JsonNode r = new ObjectMapper().readTree(json);
    assertTrue(r.get("linearizable").asBoolean(), json);
    assertEquals(0, r.get("readbackMismatches").asInt(), json);
    assertTrue(r.get("paths").get("peer").asInt() > 0, json);
    assertTrue(r.get("retried").asInt() > 0, json);
    assertTrue(r.get("killToRetryMillis").asDouble() > 0, json);
    assertTrue(r.get("partition").asText().startsWith("cut at"), json);
    // No error while a path exists: never NO_PATH or another refusal, for a host that still
    // reaches a server or a server that still reaches a peer. A TIMEOUT is the command's deadline
    // passing: on a machine this loaded a pause or a cut can outlast it before the failure
    // detector tells anyone (the virtual-time checkers excuse the same: a cut not yet noticed).
    for (var status : (Iterable<String>) () -> r.get("errorStatuses").fieldNames())
      assertEquals("TIMEOUT", status, json);
    assertEquals(0, code, json);
    assertTrue(r.get("tls").asBoolean(), json);
    assertTrue(r.get("fencedRefusals").isInt(), json);
    assertEquals(4, r.get("nodes").size(), json);
    for (JsonNode n : r.get("nodes")) {
      long pid = n.get("pid").asLong();
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid);
      JsonNode own = n.get("recorded");
      switch (n.get("name").asText()) {
        case "server-2" -> {
          assertTrue(n.get("exit").asText().startsWith("137"), json);
          assertTrue(own.isNull(), "a node killed tells nothing: " + json);
        }
        // Adapter-1 crashed: server-1 forwarded across JVMs. The cut, while it did, was long
        // enough for server-1 to lose server-2 and hear it again; the kill lost it once more.
        case "server-1" -> {
          assertTrue(own.get("forwarded").asLong() > 0, json);
          assertTrue(own.get("unreachable").asLong() >= 2, json);
          assertTrue(own.get("reachable").asLong() >= 1, json);
        }
        case "disk" -> assertTrue(own.get("disk-write").asLong() > 0, json);
        case "host-1" -> {
          assertTrue(own.get("retried").asLong() >= r.get("retried").asLong(), json);
          assertEquals(r.get("commands").asLong(), n.get("answered").asLong(), json);
        }
        default -> throw new AssertionError("no such node: " + json);
      }
    }
  }

  /** A TLS directory with part of a node's files is refused before any node starts. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anIncompleteTlsDirectoryIsRefusedWithOneLineAndNothingStarted() throws Exception {
    Path tls = dir.resolve("tls");
    java.nio.file.Files.createDirectories(tls);
    java.nio.file.Files.writeString(tls.resolve("store-password"), "secret");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code =
          Main.commandLine()
              .execute(
                  "demo",
                  "--cluster",
                  "--tls",
                  "--tls-dir",
                  tls.toString(),
                  "--run-dir",
                  dir.resolve("run").toString());
    } finally {
      System.setErr(stderr);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, said);
    assertTrue(said.startsWith("peerpath demo --cluster: "), said);
    assertTrue(said.contains("node-keystore.p12"), said);
    assertFalse(said.contains("internal error"), said);
    assertFalse(said.contains("\tat "), "no stack trace: " + said);
    assertEquals("secret", java.nio.file.Files.readString(tls.resolve("store-password")));
    assertFalse(java.nio.file.Files.exists(dir.resolve("run").resolve("disk.log")), "no node ran");
  }
}
