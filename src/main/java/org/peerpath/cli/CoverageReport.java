package org.peerpath.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerpath.coverage.Transition;
import org.peerpath.coverage.Transitions;

/** The {@code coverage} field of simulate's and explore's JSON. */
final class CoverageReport {

  /** What {@code --coverage} does, as simulate's and explore's help say it. */
  static final String OPTION =
      "Count which (actor, behaviour, message type) transitions the runs took, and list those"
          + " the actors' protocols allow in the behaviours they were in that were never taken.";

  private CoverageReport() {}

  static Map<String, Object> json(Transitions t) {
    List<Map<String, Object>> taken = new ArrayList<>();
    t.taken().forEach((tr, n) -> taken.add(row(tr, n)));
    List<Map<String, Object>> never = new ArrayList<>();
    for (Transition tr : t.never()) never.add(row(tr, null));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("taken", taken);
    m.put("never", never);
    return m;
  }

  private static Map<String, Object> row(Transition t, Long count) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actor", t.actor());
    m.put("behaviour", t.state());
    m.put("message", t.message());
    if (count != null) m.put("count", count);
    return m;
  }
}
