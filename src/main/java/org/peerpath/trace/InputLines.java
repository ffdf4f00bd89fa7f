package org.peerpath.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.Elements;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Reads the lines of a trace that make the run (docs/spec/trace-format.md: {@code command}, {@code
 * fail}, {@code repair}) and its {@code expect} lines, in file order. A command id is unique in the
 * trace, so this remembers on which line each one was given.
 */
final class InputLines {
  private static final List<String> COMMAND =
      List.of("at", "kind", "id", "host", "server", "op", "lba", "blocks", "data");
  private static final List<String> FAIL = List.of("at", "kind", "target", "mode", "duration");
  private static final List<String> REPAIR = List.of("at", "kind", "target");
  private static final List<String> BETWEEN = List.of("at", "kind", "between");
  private static final List<String> EXPECT =
      List.of("kind", "id", "status", "data", "path", "servedBy", "order");

  /**
   * The statuses a host can see (docs/architecture.md §8); DMA_FAULT and RESERVATION_CONFLICT stay
   * inside.
   */
  private static final List<String> STATUSES =
      java.util.Arrays.stream(Status.values())
          .filter(Status::reachesHost)
          .map(Status::name)
          .toList();

  private final List<Trace.Input> inputs = new ArrayList<>();
  private final Map<String, Integer> commandLines = new HashMap<>();

  void read(TraceLine line, String kind, int servers, int blockSize) {
    inputs.add(
        switch (kind) {
          case "command" -> command(line, servers, blockSize);
          case "fail" -> fail(line, servers);
          case "partition" -> partition(line, servers);
          case "heal" -> heal(line, servers);
          default -> repair(line, servers);
        });
  }

  List<Trace.Input> all() {
    return inputs;
  }

  /** How many command lines were read. */
  int commands() {
    return commandLines.size();
  }

  boolean hasCommand(String id) {
    return commandLines.containsKey(id);
  }

  private Trace.Command command(TraceLine line, int servers, int blockSize) {
    line.allowOnly("a command line", COMMAND);
    long at = line.duration("at", 0);
    String id = id(line);
    Integer earlier = commandLines.putIfAbsent(id, line.number());
    if (earlier != null)
      throw line.error("id", "duplicate id \"" + id + "\": line " + earlier + " already has it");
    String host = line.host("host", Elements.host(1));
    String server = line.element("server", "server", servers);
    Op op = Op.valueOf(line.choice("op", true, List.of("read", "write")).toUpperCase(Locale.ROOT));
    long lba = line.integer("lba");
    // Both ops know both fields: a read given data, or a write whose blocks are not its data's,
    // is a wrong command that runs as given and ends BAD_REQUEST, not a malformed line.
    Integer blocks = line.optionalInt("blocks");
    if (op == Op.READ) {
      ByteString data =
          line.has("data") ? DataForm.read(line, "data", blockSize) : ByteString.emptyByteString();
      return new Trace.Command(
          at, line.number(), id, host, server, op, lba, blocks == null ? 1 : blocks, data);
    }
    if (!line.has("data")) throw line.error("data", "is missing: a write needs data");
    DataForm.Bytes data = DataForm.form(line, "data", blockSize);
    return new Trace.Command(
        at,
        line.number(),
        id,
        host,
        server,
        op,
        lba,
        blocks == null ? data.blocks() : blocks,
        data.bytes());
  }

  private static Trace.Fail fail(TraceLine line, int servers) {
    line.allowOnly("a fail line", FAIL);
    long at = line.duration("at", 0);
    String target = target(line, servers);
    FaultMode mode = FaultMode.parse(line.choice("mode", true, List.of("crash", "reset", "hang")));
    if (target.startsWith(Elements.SERVER_PREFIX) && mode != FaultMode.CRASH) {
      throw line.error(
          "mode",
          "a server fails only by crash (its whole node goes down), not by " + mode.wireName());
    }
    long duration = 0;
    if (mode == FaultMode.RESET) {
      if (!line.has("duration"))
        throw line.error("duration", "is missing: a reset needs one, the time the adapter is away");
      duration = line.duration("duration");
    } else if (line.has("duration")) {
      throw line.error(
          "duration",
          "only a reset takes a duration: a " + mode.wireName() + " lasts until a repair");
    }
    return new Trace.Fail(at, line.number(), target, mode, duration);
  }

  private static Trace.Repair repair(TraceLine line, int servers) {
    line.allowOnly("a repair line", REPAIR);
    long at = line.duration("at", 0);
    return new Trace.Repair(at, line.number(), target(line, servers));
  }

  /** An adapter's or a server's name: what a fail or a repair line may target. */
  private static String target(TraceLine line, int servers) {
    String v = line.string("target");
    if (v.startsWith(Elements.SERVER_PREFIX)) return line.element("target", "server", servers);
    if (!v.startsWith(Elements.ADAPTER_PREFIX)) {
      throw line.error(
          "target",
          "\""
              + v
              + "\" is neither an adapter nor a server: write adapter-1..adapter-"
              + servers
              + " or server-1..server-"
              + servers);
    }
    return line.element("target", "adapter", servers);
  }

  private static Trace.Partition partition(TraceLine line, int servers) {
    line.allowOnly("a partition line", BETWEEN);
    String[] two = between(line, servers);
    return new Trace.Partition(line.duration("at", 0), line.number(), two[0], two[1]);
  }

  private static Trace.Heal heal(TraceLine line, int servers) {
    line.allowOnly("a heal line", BETWEEN);
    String[] two = between(line, servers);
    return new Trace.Heal(line.duration("at", 0), line.number(), two[0], two[1]);
  }

  /** The two elements of {@code between}, on two different nodes. */
  private static String[] between(TraceLine line, int servers) {
    String[] two = line.twoStrings("between", "[\"server-1\",\"server-2\"]");
    for (String e : two) {
      if (!Elements.knows(e, servers, SubsystemSettings.MAX_HOSTS)) {
        throw line.error(
            "between",
            "\""
                + e
                + "\" is no element of this trace: name a host, a server, an adapter, a memory or"
                + " the disk");
      }
    }
    if (Elements.nodeOf(two[0]).equals(Elements.nodeOf(two[1]))) {
      throw line.error(
          "between",
          two[0]
              + " and "
              + two[1]
              + " are on one node ("
              + Elements.nodeOf(two[0])
              + "): a cut"
              + " lies between two nodes");
    }
    return two;
  }

  static Trace.Expectation expectation(TraceLine line, int servers, int blockSize) {
    line.allowOnly("an expect line", EXPECT);
    ExpectationBuilder expect = Trace.Expectation.builder(id(line)).line(line.number());
    String status = line.choice("status", false, STATUSES);
    if (status != null) expect.status(Status.valueOf(status));
    if (line.has("data")) expect.data(DataForm.read(line, "data", blockSize));
    String path = line.choice("path", false, List.of("direct", "peer"));
    if (path != null) expect.path(HistoryEvent.Path.of(path));
    if (line.has("servedBy")) expect.servedBy(line.element("servedBy", "adapter", servers));
    String order = line.choice("order", false, List.of("notice-first", "csw-first"));
    if (order != null) expect.order(HistoryEvent.Order.of(order));
    return expect.build();
  }

  private static String id(TraceLine line) {
    String id = line.string("id");
    if (id.isBlank()) throw line.error("id", "must not be empty");
    return id;
  }
}
