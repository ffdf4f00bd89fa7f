package org.peerpath.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Finds every dispatcher definition in a resolved config and points it at the run queue.
 *
 * <p>{@link VirtualTime#config()} covers Pekko's built-in dispatchers, but a library or the model
 * may define its own (e.g. {@code pekko.io.pinned-dispatcher}, or a dispatcher in
 * application.conf), and any dispatcher left on a thread pool would run actors off the driver
 * thread. A dispatcher section is recognized as a config object with string {@code type} and {@code
 * executor} keys. An ordinary {@code Dispatcher} becomes a {@link FootprintDispatcher}, which tells
 * a search over schedules whom each task sent to; so does a {@code PinnedDispatcher}, which would
 * insist on a thread of its own. Other types (a balancing dispatcher) keep theirs: their actors'
 * turns count as dependent on every other task.
 */
final class DispatcherOverrides {

  private DispatcherOverrides() {}

  static Config of(Config resolved, int throughput) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    forEachDispatcher(
        resolved,
        (path, type) -> {
          overrides.put(join(path, "executor"), RunQueueExecutorConfigurator.class.getName());
          overrides.put(join(path, "throughput-deadline-time"), "0ms");
          overrides.put(join(path, "throughput"), throughput);
          if ("Dispatcher".equals(type) || "PinnedDispatcher".equals(type))
            overrides.put(join(path, "type"), FootprintDispatcherConfigurator.class.getName());
        });
    return ConfigFactory.parseMap(overrides, "virtual-time dispatcher overrides");
  }

  /**
   * The dispatchers of a virtual-time system's config that are not {@link FootprintDispatcher}s (a
   * balancing dispatcher, say): a search over schedules would not see whom they deliver to.
   */
  static List<String> withoutFootprints(Config resolved) {
    List<String> found = new ArrayList<>();
    forEachDispatcher(
        resolved,
        (path, type) -> {
          if (!FootprintDispatcherConfigurator.class.getName().equals(type))
            found.add(ConfigUtil.joinPath(path) + " (type " + type + ")");
        });
    return found;
  }

  /** Calls {@code visit} with the path and type of every dispatcher section in {@code resolved}. */
  private static void forEachDispatcher(Config resolved, BiConsumer<List<String>, Object> visit) {
    walk(resolved.root(), new ArrayList<>(), visit);
  }

  private static void walk(
      ConfigObject node, List<String> path, BiConsumer<List<String>, Object> visit) {
    if (isString(node.get("type")) && isString(node.get("executor")))
      visit.accept(path, node.get("type").unwrapped());
    for (Map.Entry<String, ConfigValue> child : node.entrySet()) {
      if (child.getValue().valueType() == ConfigValueType.OBJECT) {
        path.add(child.getKey());
        walk((ConfigObject) child.getValue(), path, visit);
        path.remove(path.size() - 1);
      }
    }
  }

  private static boolean isString(ConfigValue v) {
    return v != null && v.valueType() == ConfigValueType.STRING;
  }

  private static String join(List<String> path, String key) {
    List<String> full = new ArrayList<>(path);
    full.add(key);
    return ConfigUtil.joinPath(full);
  }
}
