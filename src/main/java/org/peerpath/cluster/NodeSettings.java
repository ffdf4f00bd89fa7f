package org.peerpath.cluster;

import java.util.List;
import java.util.Optional;

/**
 * One cluster node: its role, its name (the name of the element it carries, {@code server-2}), the
 * address it listens on, the seeds it joins through (none: it starts a new cluster, as the first
 * node does), the TLS stores when Artery runs over TLS, and whether it accepts cuts ({@link
 * Partitions}).
 *
 * @param role what the node carries
 * @param name {@code host-N}, {@code server-N} or {@code disk}, as the role accepts
 * @param hostname the canonical hostname other nodes reach it at (and it binds to)
 * @param port 1..65535, or 0 for any free port
 * @param seeds the nodes to join through, in order; empty for the node that starts the cluster
 * @param tls the stores for Artery's tls-tcp transport, or empty for plain TCP
 * @param allowCut whether Artery's test-mode is on, so that {@link Partitions} can cut this node
 * @param incarnation which start of the node this is ({@link NodeIncarnation}): a member role, and
 *     a server node's adapter epochs
 */
public record NodeSettings(
    NodeRole role,
    String name,
    String hostname,
    int port,
    List<Seed> seeds,
    Optional<TlsStores> tls,
    boolean allowCut,
    long incarnation) {

  public NodeSettings {
    seeds = List.copyOf(seeds);
    if (!role.accepts(name))
      throw new IllegalArgumentException(
          "a "
              + role.wireName()
              + " node cannot be called '"
              + name
              + "': name it like "
              + role.exampleName());
    if (hostname.isBlank()) throw new IllegalArgumentException("the hostname is empty");
    if (port < 0 || port > 65535)
      throw new IllegalArgumentException("port " + port + " is not in 1..65535");
    if (incarnation < 0 || incarnation > NodeIncarnation.MAX)
      throw new IllegalArgumentException("no incarnation " + incarnation);
  }

  /** A node starting now ({@link NodeIncarnation#now()}). */
  public NodeSettings(
      NodeRole role,
      String name,
      String hostname,
      int port,
      List<Seed> seeds,
      Optional<TlsStores> tls,
      boolean allowCut) {
    this(role, name, hostname, port, seeds, tls, allowCut, NodeIncarnation.now());
  }

  /** A node on 127.0.0.1 over plain TCP that accepts no cuts. */
  public static NodeSettings loopback(NodeRole role, String name, int port, List<Seed> seeds) {
    return new NodeSettings(role, name, "127.0.0.1", port, seeds, Optional.empty(), false);
  }

  /** The same node over TLS with {@code stores}. */
  public NodeSettings withTls(TlsStores stores) {
    return new NodeSettings(
        role, name, hostname, port, seeds, Optional.of(stores), allowCut, incarnation);
  }

  /** The same node, accepting cuts or not. */
  public NodeSettings withAllowCut(boolean allow) {
    return new NodeSettings(role, name, hostname, port, seeds, tls, allow, incarnation);
  }

  /** {@code HOST:PORT} of this node, as another node's {@code --seed} writes it. */
  public Seed asSeed() {
    return new Seed(hostname, port);
  }
}
