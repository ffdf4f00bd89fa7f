package com.example.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.subsystem.Subsystem;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.Replay;
import org.peerpath.trace.ReplayReport;
import org.peerpath.trace.TraceReader;

/**
 * What a storage prototype does with peerpath, built against the installed core artifact alone:
 * the launcher's dependencies are not on its classpath, the subsystem takes its settings from the
 * TestKit system's configuration and its blocks from a disk of the prototype's own, and a shipped
 * example trace replays.
 */
class PrototypeTest {
  static final ActorTestKit testKit =
      ActorTestKit.create(
          "prototype",
          ConfigFactory.parseString(
                  "peerpath.subsystem { name = proto, servers = 3, blocks = 256 }")
              .withFallback(ConfigFactory.load()));

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theLaunchersDependenciesAndClassesStayOutOfTheClasspath() {
    for (String launcherOnly :
        new String[] {
          "ch.qos.logback.classic.Logger",
          "picocli.CommandLine",
          "org.HdrHistogram.Histogram",
          "org.knowm.xchart.XYChart",
          "org.peerpath.cli.Main",
          "org.peerpath.demo.Demo",
          "org.peerpath.experiment.Experiment"
        }) {
      assertThrows(
          ClassNotFoundException.class, () -> Class.forName(launcherOnly), launcherOnly);
    }
    assertEquals(
        null,
        PrototypeTest.class.getClassLoader().getResource("logback.xml"),
        "no logging configuration comes with the library");
  }

  @Test
  void theSubsystemRunsOnTheSystemsSettingsAndOnADiskOfOurOwn() throws Exception {
    SubsystemSettings settings = SubsystemSettings.create(testKit.system());
    assertEquals(3, settings.servers(), "from the TestKit system's configuration");
    assertEquals(256, settings.blocks());

    SparseDisk disk = new SparseDisk(settings.blockSize(), settings.blocks());
    Subsystem subsystem = Subsystem.builder(settings).diskBackend(disk).spawn(testKit.system());
    TestProbe<CommandResult> probe = testKit.createTestProbe();

    byte[] bytes = new byte[settings.blockSize()];
    Arrays.fill(bytes, (byte) 0x5a);
    ByteString data = ByteString.fromArray(bytes);
    subsystem.submit(IoCommand.write("w1", 17, settings.blockSize(), data), "server-1", probe.ref());
    CommandResult direct = probe.receiveMessage(Duration.ofSeconds(10));
    assertEquals(Status.GOOD, direct.status());
    assertEquals(data, disk.block(17));

    // With adapter-1 crashed, server-1 forwards to a peer whose adapter reads memory-1.
    subsystem.fail("adapter-1", FaultMode.CRASH, Duration.ZERO);
    CommandResult peer;
    int tries = 0;
    do {
      subsystem.submit(IoCommand.read("r" + tries, 17, 1), "server-1", probe.ref());
      peer = probe.receiveMessage(Duration.ofSeconds(10));
      tries++;
    } while (peer.path() != HistoryEvent.Path.PEER && tries < 100);
    assertEquals(Status.GOOD, peer.status());
    assertEquals(
        HistoryEvent.Path.PEER, peer.path(), "the crash was detected and the read went by a peer");
    assertEquals(data, peer.data());

    subsystem.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(disk.closed, "the subsystem closes its disk when it stops");
  }

  @Test
  void aShippedExampleTraceReplays() {
    ReplayReport report =
        Replay.run(TraceReader.readResource("peerpath/examples/notice-overtakes-csw.jsonl"));
    assertTrue(report.passed(), report.summary());
  }
}
