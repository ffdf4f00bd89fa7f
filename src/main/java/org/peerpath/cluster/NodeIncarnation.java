package org.peerpath.cluster;

import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.cluster.Member;
import org.peerpath.adapter.AdapterHardware;

/**
 * Which incarnation of its node a JVM is: the milliseconds from {@link #ORIGIN} (2020-01-01 UTC) to
 * the node's start. A server node hands it to its server ({@code Server.create}'s {@code
 * incarnation}), whose adapter epochs then start at {@code incarnation x} {@link
 * AdapterHardware#EPOCHS_PER_INCARNATION} {@code + 1}: a restarted server JVM starts later, so its
 * epochs lie above every epoch of the JVM it replaces, and what the disk fenced for that one never
 * touches the new one. No memory of earlier runs is needed, only a clock that does not go back by
 * more than the time a restart takes.
 *
 * <p>The largest incarnation {@link AdapterHardware} accepts is {@code Long.MAX_VALUE / 10^6 - 1}
 * (about 9.2 x 10^12 ms, 292 years): starts up to the year 2312 fit; a clock before 2020 or past
 * 2312 is refused with a clear error rather than wrapping.
 *
 * <p>The incarnation is also a member role ({@code incarnation:195000000000}), so that the other
 * nodes learn a server's first epoch with its listing, and a new incarnation's listing is told from
 * the old one's by number, not by arrival order.
 */
public final class NodeIncarnation {
  /** Incarnation 0: 2020-01-01T00:00:00Z. */
  public static final Instant ORIGIN = Instant.parse("2020-01-01T00:00:00Z");

  /** The member role that carries it: {@code incarnation:N}. */
  public static final String ROLE_PREFIX = "incarnation:";

  /** The largest incarnation whose epochs fit in a long. */
  public static final long MAX = Long.MAX_VALUE / AdapterHardware.EPOCHS_PER_INCARNATION - 1;

  private NodeIncarnation() {}

  /** The incarnation of a node starting now. */
  public static long now() {
    return at(Instant.now());
  }

  /**
   * The incarnation of a node starting at {@code start}.
   *
   * @throws IllegalStateException for a time before 2020 or after the last that fits
   */
  public static long at(Instant start) {
    long millis;
    try {
      millis = Math.subtractExact(start.toEpochMilli(), ORIGIN.toEpochMilli());
    } catch (ArithmeticException e) {
      millis = -1;
    }
    if (millis < 0 || millis > MAX)
      throw new IllegalStateException(
          "the clock says "
              + start
              + ": a node's incarnation counts milliseconds from "
              + ORIGIN
              + ", and must lie in 0.."
              + MAX
              + " (until "
              + ORIGIN.plusMillis(MAX)
              + "); set the clock");
    return millis;
  }

  /** The first adapter epoch of a server node's incarnation {@code incarnation}. */
  public static long firstEpoch(long incarnation) {
    if (incarnation < 0 || incarnation > MAX)
      throw new IllegalArgumentException("no incarnation " + incarnation);
    return incarnation * AdapterHardware.EPOCHS_PER_INCARNATION + 1;
  }

  /** The member role of {@code incarnation}. */
  public static String role(long incarnation) {
    return ROLE_PREFIX + incarnation;
  }

  /** The incarnation in a member's roles, if it has one. */
  public static Optional<Long> of(Member member) {
    for (String role : member.getRoles())
      if (role.startsWith(ROLE_PREFIX)) {
        try {
          return Optional.of(Long.parseLong(role.substring(ROLE_PREFIX.length())));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    return Optional.empty();
  }
}
