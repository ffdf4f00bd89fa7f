package org.peerpath.fabric;

import java.util.Map;
import java.util.TreeMap;

/**
 * How long a message takes on each directed path between two named elements ({@code
 * "adapter-2->memory-1"}). A path not given takes its reverse's latency if that is given, and the
 * default otherwise, as docs/spec/trace-format.md specifies.
 */
public record LatencyModel(long defaultNanos, Map<String, Long> pathNanos) {

  public LatencyModel {
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

  public static LatencyModel zero() {
    return new LatencyModel(0, Map.of());
  }

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

  public LatencyModel withPath(String path, long nanos) {
    var paths = new TreeMap<>(pathNanos);
    paths.put(path, nanos);
    return new LatencyModel(defaultNanos, paths);
  }
}
