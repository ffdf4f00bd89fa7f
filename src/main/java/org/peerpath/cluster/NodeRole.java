package org.peerpath.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.peerpath.command.Elements;

/**
 * What a cluster node carries (DESIGN.md §8): a {@code host} node one host, a {@code server} node
 * one server with its adapter and memory (a controller lives and dies whole), the {@code disk} node
 * the disk every adapter reaches. The role is a member role of the node, so the Split Brain
 * Resolver can anchor on the disk.
 */
public enum NodeRole {
  HOST("host"),
  SERVER("server"),
  DISK("disk");

  private final String wireName;

  NodeRole(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The role as members and the command line write it: {@code host}, {@code server}, {@code disk}.
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The role written as {@code wireName()}, in any case.
   *
   * @throws IllegalArgumentException naming the roles there are
   */
  public static NodeRole parse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (NodeRole r : values()) if (r.wireName.equals(lower)) return r;
    throw new IllegalArgumentException(
        "unknown role '" + text + "': give one of " + Arrays.toString(wireNames()));
  }

  private static String[] wireNames() {
    return Arrays.stream(values()).map(NodeRole::wireName).toArray(String[]::new);
  }

  /**
   * Whether a node of this role may be called {@code name}: {@code host-N}, {@code server-N}, or
   * {@code disk}.
   */
  public boolean accepts(String name) {
    return switch (this) {
      case HOST -> Elements.index(name, Elements.HOST_PREFIX) >= 1;
      case SERVER -> Elements.index(name, Elements.SERVER_PREFIX) >= 1;
      case DISK -> name.equals(Elements.DISK);
    };
  }

  /** The node name a role accepts, for an error message. */
  public String exampleName() {
    return switch (this) {
      case HOST -> "host-1";
      case SERVER -> "server-1";
      case DISK -> Elements.DISK;
    };
  }

  /**
   * The model's elements a node of this name carries: {@code server-2} carries {@code server-2},
   * {@code adapter-2} and {@code memory-2}; a host or the disk carries itself.
   */
  public static List<String> elementsOf(String nodeName) {
    int server = Elements.index(nodeName, Elements.SERVER_PREFIX);
    if (server >= 1) return List.of(nodeName, Elements.adapter(server), Elements.memory(server));
    return List.of(nodeName);
  }
}
