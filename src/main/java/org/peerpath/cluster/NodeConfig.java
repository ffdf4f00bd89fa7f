package org.peerpath.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;

/**
 * The configuration of a cluster node, highest first: {@code -D} system properties, the node's own
 * settings (address, roles, TLS, cuts, how long it tries to join), {@code
 * peerpath/cluster/cluster.conf}, the application's config, the references. cluster.conf sits over
 * the application's config because that config may include every reference.conf
 * (conf/application.conf does), whose {@code provider = local} would otherwise win; change a
 * cluster setting with {@code -D}. Only cluster nodes load cluster.conf, so the one-JVM demo,
 * replay and simulate never start remoting.
 */
public final class NodeConfig {
  /** The actor system name every node of a peerpath cluster shares. */
  public static final String SYSTEM_NAME = "peerpath";

  /** The member role that names the node: {@code node:server-2}. */
  public static final String NAME_ROLE_PREFIX = "node:";

  static final String RESOURCE = "peerpath/cluster/cluster.conf";

  /** Pekko's (and Akka 2.6's) limit on joining through seeds; off by default, for ever. */
  public static final String JOIN_LIMIT_KEY =
      "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes";

  /**
   * How long a node tries to join through its seeds before it gives up and ends: a seed that is not
   * there, or is reached at another name than the one it advertises ({@code localhost} for {@code
   * 127.0.0.1}), is a mistake to report, not to retry for ever. The limit counts from the moment
   * the joiner's own actor system asks its seeds, so a seed launched at the same time has as long
   * to start as the joiner had, and then 30 s more; on a busy two-core machine node JVMs took 10 to
   * 35 s from launch to Up.
   */
  public static final Duration JOIN_LIMIT = Duration.ofSeconds(30);

  private NodeConfig() {}

  /** The node's config over the application's default config ({@code ConfigFactory.load()}'s). */
  public static Config of(NodeSettings node) {
    return of(node, ConfigFactory.defaultApplication());
  }

  /** The node's config over {@code application} (unresolved, as a file's; resolved here). */
  public static Config of(NodeSettings node, Config application) {
    Config layered =
        nodeOwn(node)
            .withFallback(ConfigFactory.parseResources(NodeConfig.class.getClassLoader(), RESOURCE))
            .withFallback(application);
    return ConfigFactory.load(NodeConfig.class.getClassLoader(), layered);
  }

  /**
   * The member roles of {@code node}: its role, its name and its incarnation ({@code server},
   * {@code node:server-2}, {@code incarnation:215000000000}).
   */
  public static List<String> roles(NodeSettings node) {
    return List.of(
        node.role().wireName(),
        NAME_ROLE_PREFIX + node.name(),
        NodeIncarnation.role(node.incarnation()));
  }

  /** The cluster address of the node at {@code seed}. */
  public static Address address(Seed seed) {
    return new Address("pekko", SYSTEM_NAME, seed.host(), seed.port());
  }

  private static Config nodeOwn(NodeSettings node) {
    Map<String, Object> own = new TreeMap<>();
    own.put("pekko.remote.artery.canonical.hostname", node.hostname());
    own.put("pekko.remote.artery.canonical.port", node.port());
    own.put("pekko.cluster.roles", roles(node));
    own.put("pekko.remote.artery.advanced.test-mode", node.allowCut() ? "on" : "off");
    own.put(JOIN_LIMIT_KEY, JOIN_LIMIT.toSeconds() + "s");
    node.tls()
        .ifPresent(
            tls -> {
              String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
              own.put("pekko.remote.artery.transport", "tls-tcp");
              own.put(engine + "key-store", tls.keyStore().toString());
              own.put(engine + "trust-store", tls.trustStore().toString());
              own.put(engine + "key-store-password", tls.password());
              own.put(engine + "key-password", tls.password());
              own.put(engine + "trust-store-password", tls.password());
            });
    return ConfigFactory.parseMap(own, "node settings");
  }
}
