package org.peerpath.fabric;

import java.util.Map;
import java.util.TreeMap;

/**
 * The latency model that configuration and traces give: a table of directed paths between named
 * elements ({@code "adapter-2->memory-1"}) with a default. A path not given takes its reverse's
 * latency if that is given, and the default otherwise, as docs/spec/trace-format.md specifies.
 *
 * @param defaultNanos the latency of every path not listed, in nanoseconds
 * @param pathNanos latencies by path, in nanoseconds
 */
public record PathLatencies(long defaultNanos, Map<String, Long> pathNanos)
    implements LatencyModel {

  public PathLatencies {
    if (defaultNanos < 0)
      throw new IllegalArgumentException("the default latency cannot be negative");
    // Sorted, so that a check walks the paths in one order on every run (the fabric caches every
    // lookup).
    pathNanos = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(pathNanos));
    for (var e : pathNanos.entrySet()) {
      if (e.getValue() < 0)
        throw new IllegalArgumentException("latency of " + e.getKey() + " cannot be negative");
      if (!e.getKey().contains("->"))
        throw new IllegalArgumentException("'" + e.getKey() + "' is not a path: write it as A->B");
    }
  }

  /** Every path takes no time: messages are plain tells. */
  public static PathLatencies zero() {
    return new PathLatencies(0, Map.of());
  }

  @Override
  public java.time.Duration latency(String from, String to) {
    return java.time.Duration.ofNanos(nanos(from, to));
  }

  @Override
  public long nanos(String from, String to) {
    Long direct = pathNanos.get(from + "->" + to);
    if (direct != null) return direct;
    Long reverse = pathNanos.get(to + "->" + from);
    return reverse != null ? reverse : defaultNanos;
  }

  /** The longest latency of any path, listed or default. */
  public long maxNanos() {
    return Math.max(
        defaultNanos, pathNanos.values().stream().mapToLong(Long::longValue).max().orElse(0));
  }

  /** The element names used by the paths, for checking that each one exists. */
  public java.util.Set<String> elementNames() {
    var names = new java.util.TreeSet<String>();
    for (String path : pathNanos.keySet()) {
      int arrow = path.indexOf("->");
      // Exactly the names nanos() looks up: "a -> b" must fail validation, not silently never
      // match.
      names.add(path.substring(0, arrow));
      names.add(path.substring(arrow + 2));
    }
    return names;
  }

  /** This table with {@code path} ({@code "A->B"}) taking {@code nanos}. */
  public PathLatencies withPath(String path, long nanos) {
    var paths = new TreeMap<>(pathNanos);
    paths.put(path, nanos);
    return new PathLatencies(defaultNanos, paths);
  }

  /** This table with {@code path} ({@code "A->B"}) taking {@code latency}. */
  public PathLatencies withPath(String path, java.time.Duration latency) {
    return withPath(path, latency.toNanos());
  }
}
