package org.peerpath.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The transitions a run took, with how often, and those its actors' protocols allow in the
 * behaviours they were in that it never took.
 */
public record Transitions(Map<Transition, Long> taken, List<Transition> never) {

  public static final Transitions NONE = new Transitions(Map.of(), List.of());

  public Transitions {
    taken = java.util.Collections.unmodifiableMap(new TreeMap<>(taken));
    never = List.copyOf(never);
  }

  /** Both runs' transitions: counts added, and never taken only what neither took. */
  public Transitions merge(Transitions other) {
    Map<Transition, Long> all = new TreeMap<>(taken);
    other.taken.forEach((t, n) -> all.merge(t, n, Long::sum));
    TreeSet<Transition> none = new TreeSet<>(never);
    none.addAll(other.never);
    none.removeIf(all::containsKey);
    return new Transitions(all, new ArrayList<>(none));
  }

  /**
   * A table a person reads at a glance: for each actor and behaviour, the messages received (with
   * counts) and those never received there.
   */
  public String render() {
    Map<String, Map<String, List<String>>> rows = new TreeMap<>();
    taken.forEach(
        (t, n) ->
            rows.computeIfAbsent(t.actor() + "\t" + t.state(), k -> new LinkedHashMap<>())
                .computeIfAbsent("taken", k -> new ArrayList<>())
                .add(t.message() + " " + n));
    for (Transition t : never)
      rows.computeIfAbsent(t.actor() + "\t" + t.state(), k -> new LinkedHashMap<>())
          .computeIfAbsent("never", k -> new ArrayList<>())
          .add(t.message());
    int width = 0;
    for (String k : rows.keySet()) width = Math.max(width, k.length());
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "coverage: %d of %d (actor, behaviour, message) transitions taken%n",
            taken.size(), taken.size() + never.size()));
    for (var row : rows.entrySet()) {
      String[] key = row.getKey().split("\t", 2);
      String head = String.format("  %-10s %-14s ", key[0], key[1]);
      List<String> got = row.getValue().getOrDefault("taken", List.of());
      List<String> not = row.getValue().getOrDefault("never", List.of());
      out.append(head).append("taken: ").append(got.isEmpty() ? "-" : String.join(", ", got));
      out.append('\n');
      if (!not.isEmpty())
        out.append(" ".repeat(head.length()))
            .append("never: ")
            .append(String.join(", ", not))
            .append('\n');
    }
    return out.toString();
  }
}
