package org.peerpath.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.peerpath.runtime.Schedule;

/**
 * A trace's {@code schedule} line (docs/spec/trace-format.md, "Schedules"): how the run orders the
 * tasks ready at one instant. Read and written here only.
 */
final class ScheduleLine {

  private static final List<String> STRATEGIES = List.of("fifo", "random", "pct", "choices");

  private ScheduleLine() {}

  static Schedule read(TraceLine line) {
    String strategy = line.choice("strategy", true, STRATEGIES);
    switch (strategy) {
      case "fifo" -> {
        line.allowOnly("a fifo schedule line", List.of("kind", "strategy"));
        return Schedule.FIFO;
      }
      case "random" -> {
        line.allowOnly("a random schedule line", List.of("kind", "strategy", "seed"));
        return Schedule.random(line.integer("seed"));
      }
      case "pct" -> {
        line.allowOnly(
            "a pct schedule line", List.of("kind", "strategy", "seed", "depth", "steps"));
        return Schedule.pct(
            line.integer("seed"),
            line.integer("depth", Schedule.DEFAULT_DEPTH, 1, 100),
            line.integer("steps", Schedule.DEFAULT_STEPS, 1, Integer.MAX_VALUE));
      }
      default -> {
        line.allowOnly("a choices schedule line", List.of("kind", "strategy", "choices"));
        return Schedule.ofChoices(line.indexes("choices"));
      }
    }
  }

  static ObjectNode write(Schedule s, ObjectNode o) {
    return fields(s, o.put("kind", "schedule"));
  }

  /** The line's fields but its kind: the strategy and what it takes. */
  static ObjectNode fields(Schedule s, ObjectNode o) {
    o.put("strategy", s.strategy().wireName());
    switch (s.strategy()) {
      case RANDOM -> o.put("seed", s.seed());
      case PCT -> o.put("seed", s.seed()).put("depth", s.depth()).put("steps", s.steps());
      case CHOICES -> {
        var array = o.putArray("choices");
        for (int c : s.choices()) array.add(c);
      }
      case FIFO -> {}
    }
    return o;
  }

  /** Whether {@code v} is a JSON integer that fits in 32 bits and is not negative. */
  static boolean isIndex(JsonNode v) {
    return v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 0;
  }
}
