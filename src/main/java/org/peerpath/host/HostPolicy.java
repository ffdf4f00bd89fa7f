package org.peerpath.host;

import java.util.List;
import org.peerpath.command.IoCommand;

/**
 * How a host (118) picks the server for a command that names none. Both servers stay in use
 * whatever their adapters do (claims 3, 11): a policy only spreads the load, since every server
 * reaches the disk, directly or through a peer. reference.conf's {@code host-policy} names one of
 * the two built in ({@link #ROUND_ROBIN}, {@link #LEAST_OUTSTANDING}); code may give its own
 * through {@code SubsystemSettings.builder().hostPolicy(...)}.
 *
 * <p>To write one, return the name of one of {@code servers}. The host records the command's {@code
 * submitted} event once the policy has chosen and its {@code reply} when the server answers, so a
 * policy needs no bookkeeping of its own. Keep it a function of its arguments: one policy serves
 * every host of a subsystem (each calling it from its own actor, perhaps on different threads), and
 * a replay is the same run only if the same inputs make the same choices, so no clock, no unseeded
 * randomness and no state shared between calls. The count of earlier choices stands in for a
 * cursor, as round-robin shows. A choice that is not one of {@code servers}, or a policy that
 * throws, gets the command refused with BAD_REQUEST.
 *
 * <pre>{@code
 * // Cache affinity: each range of 256 blocks always goes to the same server.
 * HostPolicy byRange = (command, servers, chosenBefore) ->
 *     servers.get((int) (command.lba() / 256 % servers.size())).name();
 * }</pre>
 */
@FunctionalInterface
public interface HostPolicy {

  /**
   * The name of the server that gets {@code command}.
   *
   * @param command the command to place; it names no server
   * @param servers the host's servers, server-1 first, each with how many of this host's commands
   *     it holds now
   * @param chosenBefore how many commands this host has let the policy place before this one
   */
  String choose(IoCommand command, List<ServerLoad> servers, long chosenBefore);

  /**
   * A server as its host sees it: its name and how many of the host's commands it has not answered
   * yet.
   */
  record ServerLoad(String name, int outstanding) {}

  /** Each server in turn, server-1 first. */
  HostPolicy ROUND_ROBIN = BuiltInPolicy.ROUND_ROBIN;

  /** The server holding the fewest of this host's commands; the first of them on a tie. */
  HostPolicy LEAST_OUTSTANDING = BuiltInPolicy.LEAST_OUTSTANDING;

  /**
   * The built-in policy reference.conf's {@code host-policy} names: {@code round-robin} or {@code
   * least-outstanding}.
   *
   * @throws IllegalArgumentException for any other text
   */
  static HostPolicy parse(String text) {
    return switch (text) {
      case "round-robin" -> ROUND_ROBIN;
      case "least-outstanding" -> LEAST_OUTSTANDING;
      default ->
          throw new IllegalArgumentException(
              "host-policy must be round-robin or least-outstanding, not '" + text + "'");
    };
  }
}
