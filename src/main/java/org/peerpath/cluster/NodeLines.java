package org.peerpath.cluster;

import org.apache.pekko.actor.Address;

/**
 * The lines a node prints for its operator, which a launcher reads back from the node's log: one
 * place for their wording, so that printing and reading agree.
 */
public final class NodeLines {
  private static final String UP = ": Up at ";

  private NodeLines() {}

  /** {@code peerpath node server-2: TEXT}. */
  public static String line(String node, String text) {
    return "peerpath node " + node + ": " + text;
  }

  /** {@code peerpath node server-2: Up at pekko://peerpath@127.0.0.1:2552 as server}. */
  public static String up(NodeSettings node, Address address) {
    return line(node.name(), "Up at " + address + " as " + node.role().wireName());
  }

  /** Whether {@code line} is a node's {@link #up} line. */
  public static boolean isUp(String line) {
    return line.startsWith("peerpath node ") && line.contains(UP);
  }
}
