package org.peerpath.trace.check;

import java.util.Objects;
import org.apache.pekko.util.ByteString;

/**
 * One host command's effect on one disk block, as the host saw it: invoked at {@code invokeNanos},
 * answered at {@code completeNanos} ({@link #NO_REPLY} when the answer never came or was a
 * timeout). A command that covers several blocks contributes one of these per block, all with the
 * command's id. {@code value} is the block's bytes: what a write wrote there, or what a read
 * returned.
 *
 * <p>Only operations that constrain the register are built: a GOOD read or write is {@link
 * Outcome#OK}; a write that failed with NO_PATH or MEDIUM_ERROR, timed out or got no reply is
 * {@link Outcome#MAYBE}. A write refused with BAD_REQUEST never took effect and a failed read
 * returned nothing, so neither is passed at all.
 */
public record BlockOperation(
    String id,
    long block,
    boolean write,
    ByteString value,
    long invokeNanos,
    long completeNanos,
    Outcome outcome) {

  /** The completion time of a command whose reply never came (or said TIMEOUT). */
  public static final long NO_REPLY = Long.MAX_VALUE;

  /** Whether the operation certainly happened. */
  public enum Outcome {
    /**
     * Took effect exactly once within [invoke, complete]: a GOOD write, or a GOOD read that
     * returned its value.
     */
    OK,
    /**
     * A write that may or may not have taken effect; if it did, at one instant after its invoke and
     * (unless {@code completeNanos} is {@link #NO_REPLY}) no later than its complete.
     */
    MAYBE
  }

  public BlockOperation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(outcome, "outcome");
    if (completeNanos < invokeNanos) {
      throw new IllegalArgumentException(
          id + " completes at " + completeNanos + " before its invoke at " + invokeNanos);
    }
    if (!write && outcome != Outcome.OK) {
      throw new IllegalArgumentException(
          id + ": only GOOD reads constrain the register; leave failed reads out");
    }
    if (outcome == Outcome.OK && completeNanos == NO_REPLY) {
      throw new IllegalArgumentException(id + ": an operation without a reply can only be MAYBE");
    }
  }

  /** A GOOD read of {@code block} that returned {@code value}. */
  public static BlockOperation read(
      String id, long block, long invokeNanos, long completeNanos, ByteString value) {
    return new BlockOperation(id, block, false, value, invokeNanos, completeNanos, Outcome.OK);
  }

  /** A GOOD write of {@code value} to {@code block}. */
  public static BlockOperation write(
      String id, long block, long invokeNanos, long completeNanos, ByteString value) {
    return new BlockOperation(id, block, true, value, invokeNanos, completeNanos, Outcome.OK);
  }

  /**
   * A write that may or may not have taken effect: failed with NO_PATH or MEDIUM_ERROR (pass the
   * reply's time), or timed out or was never answered (pass {@link #NO_REPLY}).
   */
  public static BlockOperation maybeWrite(
      String id, long block, long invokeNanos, long completeOrNoReply, ByteString value) {
    return new BlockOperation(
        id, block, true, value, invokeNanos, completeOrNoReply, Outcome.MAYBE);
  }

  boolean replied() {
    return completeNanos != NO_REPLY;
  }

  boolean mustTakeEffect() {
    return outcome == Outcome.OK;
  }
}
