package org.peerpath.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The experiment's named parameter sets, from {@code peerpath.experiment} in the configuration
 * (reference.conf documents and cites each one): a preset is its own settings over {@code base},
 * and a run may set single values over the preset ({@code --set disk.read-time=20us}).
 */
public final class Presets {
  /** A preset as the run uses it: its name, what it stands for, and its merged settings. */
  public record Preset(String name, String description, Config settings) {
    /** Every leaf setting, by its path, as the configuration gives it: the JSON's record of it. */
    public Map<String, Object> values() {
      Map<String, Object> values = new TreeMap<>();
      for (Map.Entry<String, ConfigValue> e : settings.entrySet())
        values.put(e.getKey(), e.getValue().unwrapped());
      return values;
    }
  }

  private static final String ROOT = "peerpath.experiment";

  private final Config experiment;

  private Presets(Config experiment) {
    this.experiment = experiment;
  }

  /** The presets of {@code config} (an application's, with reference.conf beneath it). */
  public static Presets from(Config config) {
    return new Presets(config.getConfig(ROOT));
  }

  /** The presets of the built-in configuration with the application's on top. */
  public static Presets load() {
    return from(ConfigFactory.load());
  }

  /** The preset a run takes when it names none. */
  public String defaultName() {
    return experiment.getString("preset");
  }

  /** Every preset, by name. */
  public List<Preset> all() {
    List<Preset> all = new ArrayList<>();
    for (String name : new TreeMap<>(experiment.getObject("presets").unwrapped()).keySet())
      all.add(named(name, Map.of()));
    return all;
  }

  /**
   * Preset {@code name} with {@code overrides} (setting path to value, in HOCON) on top.
   *
   * @throws IllegalArgumentException for an unknown preset or setting, or a value that is no value
   */
  public Preset named(String name, Map<String, String> overrides) {
    String path = "presets.\"" + name + "\"";
    if (name.isEmpty() || name.contains("\"") || !experiment.hasPath(path)) {
      throw new IllegalArgumentException(
          "no preset '" + name + "'; there are: " + String.join(", ", names()));
    }
    Config preset = experiment.getConfig(path);
    Config base = experiment.getConfig("base");
    Config settings = preset.withoutPath("description").withFallback(base);
    for (Map.Entry<String, String> o : overrides.entrySet())
      settings = override(settings, base, o.getKey(), o.getValue());
    String description = preset.hasPath("description") ? preset.getString("description") : "";
    return new Preset(name, description, settings.resolve());
  }

  private List<String> names() {
    return List.copyOf(new TreeMap<>(experiment.getObject("presets").unwrapped()).keySet());
  }

  private static Config override(Config settings, Config base, String key, String value) {
    boolean known;
    try {
      known =
          base.hasPath(key) && !(base.getValue(key) instanceof com.typesafe.config.ConfigObject);
    } catch (ConfigException e) {
      known = false;
    }
    if (!known) {
      throw new IllegalArgumentException(
          "no setting '" + key + "' (the settings are those of peerpath.experiment.base)");
    }
    try {
      Config one = ConfigFactory.parseString("v = " + value);
      return settings.withValue(key, one.getValue("v"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("'" + value + "' is not a value for " + key, e);
    }
  }
}
