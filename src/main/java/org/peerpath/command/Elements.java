package org.peerpath.command;

import java.util.regex.Pattern;

/**
 * The names of a subsystem's elements, as histories, traces, latency paths and logs write them:
 * server N owns {@code adapter-N} and {@code memory-N} beside {@code server-N}; hosts are {@code
 * host-N}; the disk they all share is {@code disk}. N counts from 1. Names are made and read here
 * only, so that no caller spells a prefix by hand and a trace's names always match the model's.
 */
public final class Elements {
  /** What a server's name starts with: {@code server-1}. */
  public static final String SERVER_PREFIX = "server-";

  /** What an adapter's name starts with: {@code adapter-1}, the adapter of {@code server-1}. */
  public static final String ADAPTER_PREFIX = "adapter-";

  /** What a memory region's name starts with: {@code memory-1}, the memory of {@code server-1}. */
  public static final String MEMORY_PREFIX = "memory-";

  /** What a host's name starts with: {@code host-1}. */
  public static final String HOST_PREFIX = "host-";

  /** The name of the one disk every adapter reaches. */
  public static final String DISK = "disk";

  private static final String[] PREFIXES = {
    SERVER_PREFIX, ADAPTER_PREFIX, MEMORY_PREFIX, HOST_PREFIX
  };

  /** An element's index: no leading zero, and too short to overflow an int. */
  private static final Pattern INDEX = Pattern.compile("[1-9][0-9]{0,8}");

  private Elements() {}

  /** The name of server {@code i}: {@code server-i}. */
  public static String server(int i) {
    return SERVER_PREFIX + i;
  }

  /** The name of server {@code i}'s adapter: {@code adapter-i}. */
  public static String adapter(int i) {
    return ADAPTER_PREFIX + i;
  }

  /** The name of server {@code i}'s memory region: {@code memory-i}. */
  public static String memory(int i) {
    return MEMORY_PREFIX + i;
  }

  /** The name of host {@code i}: {@code host-i}. */
  public static String host(int i) {
    return HOST_PREFIX + i;
  }

  /**
   * The N of {@code prefix}N ({@code index("host-3", HOST_PREFIX)} is 3), or -1 when {@code name}
   * is not of that form (no number, a leading zero, more digits than an int holds).
   */
  public static int index(String name, String prefix) {
    if (!name.startsWith(prefix)) return -1;
    String n = name.substring(prefix.length());
    return INDEX.matcher(n).matches() ? Integer.parseInt(n) : -1;
  }

  /**
   * The node {@code element} lives on, as in the cluster (trace-v1's whole-server faults): {@code
   * server-i}, {@code adapter-i} and {@code memory-i} on the node {@code server-i}, which dies and
   * comes back as one; each host and the disk on a node of its own, named after it. A name that is
   * none of these (a free-text host of a direct submit) is a node of its own too.
   */
  public static String nodeOf(String element) {
    if (element.startsWith(ADAPTER_PREFIX)) {
      int i = index(element, ADAPTER_PREFIX);
      if (i > 0) return server(i);
    } else if (element.startsWith(MEMORY_PREFIX)) {
      int i = index(element, MEMORY_PREFIX);
      if (i > 0) return server(i);
    }
    return element;
  }

  /**
   * Whether {@code element} names an element of a subsystem of {@code servers} servers (each with
   * its adapter and memory) and {@code hosts} hosts, or its disk.
   */
  public static boolean knows(String element, int servers, int hosts) {
    if (element.equals(DISK)) return true;
    for (String prefix : PREFIXES) {
      if (element.startsWith(prefix)) {
        int i = index(element, prefix);
        return i >= 1 && i <= (prefix.equals(HOST_PREFIX) ? hosts : servers);
      }
    }
    return false;
  }
}
