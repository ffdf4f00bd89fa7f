package org.peerpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerpath.bench.cluster.ClusterBench;
import org.peerpath.bench.cluster.ClusterBenchReport;
import org.peerpath.cluster.TlsStores;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * {@code bench --cluster}: the options {@link BenchCommand} has checked, the nodes' JVM options as
 * the clustered demo gives them, the run, and what it prints and returns.
 */
final class BenchOnCluster {
  /** Where the TLS stores are, or are made: the clustered demo's default. */
  static final Path TLS_DIR = Path.of("target", "peerpath-tls");

  private BenchOnCluster() {}

  static int run(
      int rounds, double seconds, double warmup, int outstanding, boolean tls, boolean json)
      throws Exception {
    try {
      int servers = SubsystemSettings.fromConfig(ConfigFactory.load()).servers();
      if (servers != 2) {
        System.err.println(
            "peerpath bench --cluster: it runs 2 servers (peerpath.subsystem.servers = "
                + servers
                + ")");
        return 2;
      }
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
      System.err.println("peerpath bench --cluster: " + e.getMessage());
      return 2;
    }
    ClusterBench.Options options =
        new ClusterBench.Options(
            List.of(Main.class.getName(), "node"),
            ClusterBench.defaultRunDir(),
            DemoCommand.nodeJvmOptions(),
            tls ? Optional.of(TLS_DIR) : Optional.empty(),
            rounds,
            seconds,
            warmup,
            outstanding);
    ClusterBenchReport report;
    try {
      report =
          new ClusterBench(options, line -> System.err.println("peerpath bench --cluster: " + line))
              .run();
    } catch (ClusterBench.NoFigures e) {
      System.err.println("peerpath bench --cluster: no figures: " + e.getMessage());
      return 2;
    } catch (TlsStores.Unusable e) {
      System.err.println("peerpath bench --cluster: " + e.getMessage());
      return 2;
    }
    if (json) System.out.println(new ObjectMapper().writeValueAsString(Map.of("cluster", report)));
    else System.out.print(report.table());
    return report.clean() ? 0 : 1;
  }
}
