package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * A node's settings on the cluster: a lost node is found in the detector's time, and a command
 * lives long enough after that for its server to re-drive it.
 */
class ClusterTimingsTest {
  private static Config detector(String pause) {
    return ConfigFactory.parseMap(
        Map.of(
            "pekko.cluster.failure-detector.acceptable-heartbeat-pause",
            pause,
            "pekko.cluster.failure-detector.heartbeat-interval",
            "250ms"));
  }

  @Test
  void theDeadlineLeavesTheSettingsRoomForARedriveAfterTheDetectorsTime() {
    SubsystemSettings s =
        SubsystemSettings.builder()
            .unreachableAfter(Duration.ofSeconds(2))
            .deadline(Duration.ofSeconds(5))
            .build();
    SubsystemSettings on = ModelPlacement.onCluster(s, detector("3s"));
    // 3 s of pause, a second for the detector's verdict, two readings a heartbeat apart.
    assertEquals(Duration.ofMillis(4500), on.unreachableAfter());
    assertEquals(Duration.ofMillis(7500), on.deadline());
    SubsystemSettings patient = ModelPlacement.onCluster(s, detector("6s"));
    assertEquals(Duration.ofMillis(7500), patient.unreachableAfter());
    assertEquals(Duration.ofMillis(10500), patient.deadline());
  }

  @Test
  void aDeadlineAlreadyLongEnoughIsKept() {
    // Settings that expect slower detection than the cluster's: their deadline is room enough.
    SubsystemSettings s =
        SubsystemSettings.builder()
            .unreachableAfter(Duration.ofSeconds(10))
            .deadline(Duration.ofSeconds(12))
            .build();
    SubsystemSettings on = ModelPlacement.onCluster(s, detector("3s"));
    assertEquals(Duration.ofSeconds(12), on.deadline());
    assertEquals(Duration.ofMillis(4500), on.unreachableAfter());
  }
}
