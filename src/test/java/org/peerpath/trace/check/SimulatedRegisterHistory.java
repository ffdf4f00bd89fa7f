package org.peerpath.trace.check;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.util.ByteString;

/**
 * Histories made by real registers, so they are linearizable by construction: hosts issue commands
 * one after another, each touching one or two adjacent blocks and taking effect on each block at an
 * instant drawn within its interval; the registers are then played in the order of those instants,
 * which gives every read its value. Some writes fail (they take effect within their interval or not
 * at all) and some time out (they take effect at any later instant, or not at all). Every write
 * writes bytes no other write does. One seed drives everything.
 */
final class SimulatedRegisterHistory {
  static final ByteString ZERO = ByteString.fromArray(new byte[16]);

  /**
   * @param failedWriteProbability NO_PATH or MEDIUM_ERROR; @param timeoutProbability no reply at
   *     all
   */
  record Settings(
      int operations,
      int blocks,
      int hosts,
      double readProbability,
      double twoBlockProbability,
      double failedWriteProbability,
      double timeoutProbability,
      long durationMaxNanos,
      long gapMaxNanos) {
    static Settings of(int operations, int blocks, int hosts) {
      return new Settings(operations, blocks, hosts, 0.5, 0.2, 0.08, 0.04, 50_000, 20_000);
    }
  }

  private record Effect(long at, int order, int command, long block) {}

  private SimulatedRegisterHistory() {}

  /** About {@code settings.operations()} block operations (a two-block command counts twice). */
  static List<BlockOperation> generate(long seed, Settings settings) {
    Random random = new Random(seed);
    long[] hostFree = new long[settings.hosts()];
    List<BlockOperation> commands = new ArrayList<>(); // one per command, block = its first block
    List<Integer> spans = new ArrayList<>();
    List<Effect> effects = new ArrayList<>();
    int operations = 0;
    while (operations < settings.operations()) {
      int host = random.nextInt(settings.hosts());
      long invoke = hostFree[host] + (long) (random.nextDouble() * settings.gapMaxNanos());
      long complete = invoke + 1 + (long) (random.nextDouble() * settings.durationMaxNanos());
      boolean write = random.nextDouble() >= settings.readProbability();
      int span =
          settings.blocks() > 1 && random.nextDouble() < settings.twoBlockProbability() ? 2 : 1;
      long first = random.nextInt(settings.blocks() - span + 1);
      int id = commands.size();
      double fate = random.nextDouble();
      boolean timedOut = write && fate < settings.timeoutProbability();
      boolean failed =
          write
              && !timedOut
              && fate < settings.timeoutProbability() + settings.failedWriteProbability();
      hostFree[host] = timedOut ? complete + 10 * settings.durationMaxNanos() : complete;
      long reply = timedOut ? BlockOperation.NO_REPLY : complete;
      var outcome = timedOut || failed ? BlockOperation.Outcome.MAYBE : BlockOperation.Outcome.OK;
      commands.add(new BlockOperation("c" + id, first, write, ZERO, invoke, reply, outcome));
      spans.add(span);
      for (long b = first; b < first + span; b++) {
        operations++;
        if ((timedOut || failed) && random.nextBoolean()) continue; // never took effect
        long end = timedOut ? complete + 20 * settings.durationMaxNanos() : complete;
        long at = invoke + (long) (random.nextDouble() * (end - invoke + 1));
        effects.add(new Effect(at, effects.size(), id, b));
      }
    }
    effects.sort(Comparator.comparingLong(Effect::at).thenComparingInt(Effect::order));
    Map<Long, ByteString> register = new HashMap<>();
    Map<String, ByteString> seen = new HashMap<>(); // "command/block" -> value a read returned
    for (Effect e : effects) {
      BlockOperation c = commands.get(e.command());
      if (c.write()) register.put(e.block(), valueOf(e.command(), e.block()));
      else seen.put(e.command() + "/" + e.block(), register.getOrDefault(e.block(), ZERO));
    }
    List<BlockOperation> out = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      BlockOperation c = commands.get(i);
      for (long b = c.block(); b < c.block() + spans.get(i); b++) {
        ByteString value = c.write() ? valueOf(i, b) : seen.get(i + "/" + b);
        out.add(
            new BlockOperation(
                c.id(), b, c.write(), value, c.invokeNanos(), c.completeNanos(), c.outcome()));
      }
    }
    return out;
  }

  static ByteString valueOf(int command, long block) {
    return ByteString.fromArray(
        ByteBuffer.allocate(16).putLong(command + 1).putLong(block).array());
  }
}
