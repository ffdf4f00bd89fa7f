package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.host.HostPolicy;
import org.peerpath.server.Completion;
import org.peerpath.server.ServerSettings;

/**
 * Settings in code: a builder with a setter per key, times as Durations, checked as a whole when
 * built, and settings that compare by their values.
 */
class SettingsBuilderTest {

  @Test
  void theBuilderStartsFromTheDefaultsAndToBuilderKeepsEveryValue() {
    assertEquals(SubsystemSettings.defaults(), SubsystemSettings.builder().build());
    var s = SubsystemSettings.traceDefaults().withName("kept").withServers(3);
    assertEquals(s, s.toBuilder().build());
    assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
    assertEquals(false, s.equals(s.withQueueDepth(7)));
  }

  @Test
  void eachSetterSetsTheValueOfItsKey() {
    SubsystemSettings s =
        SubsystemSettings.builder()
            .name("orders")
            .servers(3)
            .hosts(2)
            .blockSize(512)
            .blocks(64)
            .maxTransferBlocks(4)
            .queueDepth(8)
            .completion(Completion.CSW_ONLY)
            .watchdog(Duration.ofMillis(100))
            .deadline(Duration.ofSeconds(2))
            .diskLatency(Duration.ofMillis(1))
            .unreachableAfter(Duration.ofMillis(300))
            .hostPolicy(HostPolicy.LEAST_OUTSTANDING)
            .keepHistory(false)
            .historyLimit(500)
            .build();
    assertEquals(
        "SubsystemSettings[name=orders, servers=3, hosts=2, blockSize=512, blocks=64,"
            + " maxTransferBlocks=4, queueDepth=8, completion=CSW_ONLY, watchdogNanos=100000000,"
            + " deadlineNanos=2000000000, diskLatencyNanos=1000000,"
            + " unreachableAfterNanos=300000000, hostPolicy=LEAST_OUTSTANDING,"
            + " latency=PathLatencies[defaultNanos=0, pathNanos={}], diskFile=null,"
            + " keepHistory=false, historyLimit=500]",
        s.toString());
    assertEquals(Duration.ofMillis(100), s.watchdog());
    assertEquals(Duration.ofMillis(300), s.unreachableAfter());
    assertEquals(
        new ServerSettings(
            "server-3",
            "adapter-3",
            "memory-3",
            512,
            64,
            4,
            8,
            Completion.CSW_ONLY,
            Duration.ofMillis(100),
            Duration.ofSeconds(2)),
        s.serverSettings(3),
        "a server gets its part of the settings");
  }

  @Test
  void theValuesAreCheckedTogetherSoTheirOrderDoesNotMatter() {
    var toServer3 = LatencyModel.zero().withPath("disk->server-3", 1);
    var b = SubsystemSettings.traceDefaults().toBuilder().latency(toServer3);
    assertEquals(3, b.servers(3).build().servers(), "server-3 exists once there are three");
    var e = assertThrows(IllegalArgumentException.class, () -> b.servers(2).build());
    assertEquals(
        "peerpath.subsystem.latency.paths names an unknown element 'server-3'", e.getMessage());
  }

  @Test
  void aMissingValueIsRefusedNamingItsKey() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SubsystemSettings.builder().deadline(null).build());
    assertEquals("peerpath.subsystem.deadline must be given", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SubsystemSettings.builder().hostPolicy(null).build());
    assertEquals("peerpath.subsystem.host-policy must be given", e.getMessage());
  }

  @Test
  void aHistoryLimitBelowOneIsRefusedWithItsKey() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> SubsystemSettings.builder().historyLimit(0).build());
    assertEquals("peerpath.subsystem.history-limit must be at least 1, not 0", e.getMessage());
  }
}
