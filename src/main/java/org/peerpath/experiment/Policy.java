package org.peerpath.experiment;

/**
 * What the subsystem does for the clients of server-1 while adapter-1 is down: the three recovery
 * policies the experiment sets side by side, under the same workload and the same failure.
 */
public enum Policy {
  /**
   * No failover: server-1 still serves reads from its cache, but a command that needs the disk is
   * answered NO_PATH and the host sends it again after its retry interval, until adapter-1 is back.
   */
  WAIT_FOR_REPAIR("wait-for-repair"),

  /**
   * The host's multipathing: the first NO_PATH from server-1 makes the host send everything to
   * server-2, which serves both servers' clients with its own cache and adapter; server-1 idles
   * until the host learns that adapter-1 was repaired.
   */
  HOST_FAILOVER("host-failover"),

  /**
   * The patent: server-1 keeps its share of the commands and serves reads from its own cache; a
   * miss or a write goes over the inter-server link to server-2, whose adapter-2 moves the data
   * from and to memory-1 and the disk, and server-1 answers once both the CSW and server-2's notice
   * are in (claims 1, 4, 5).
   */
  PEER_FORWARDING("peer-forwarding");

  private final String label;

  Policy(String label) {
    this.label = label;
  }

  /** The name the CSV, the plot, the table and the JSON use. */
  public String label() {
    return label;
  }
}
