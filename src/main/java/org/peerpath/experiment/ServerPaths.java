package org.peerpath.experiment;

import static org.peerpath.experiment.ExperimentSettings.transfer;
import static org.peerpath.experiment.Topology.CONTROL_BYTES;
import static org.peerpath.experiment.Topology.STATUS_BYTES;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A command's way through the servers, from its arrival at a server to the reply on the host link:
 * a read hit served from the server's cache; the direct path through its own adapter (claim 1's
 * normal path); the peer path (claims 1, 4, 5, 8, 10), where the origin forwards the command to the
 * other server, whose adapter DMA-reads the control block and a write's data from the origin's
 * memory across the inter-server link, does the disk I/O, posts the read data and the CSW into the
 * origin's memory across the link, and reports to its server, which sends the notice; the origin
 * answers once it has both. Where no path is allowed or left, NO_PATH.
 *
 * <p>Writes go through to the disk and leave the block in the writer's cache; the other server's
 * copy, if it has one, is invalidated at once (the cost of keeping the two caches coherent is not
 * modelled).
 */
final class ServerPaths {
  private final ExperimentSettings s;
  private final Policy policy;
  private final EventQueue events;
  private final Topology t;
  private BiConsumer<Command, Boolean> answer = (c, good) -> {};
  private long forwarded;
  private long heldAtFailure;

  ServerPaths(ExperimentSettings s, Policy policy, EventQueue events, Topology t) {
    this.s = s;
    this.policy = policy;
    this.events = events;
    this.t = t;
  }

  /** Where replies go once they have crossed the host link: true for GOOD, false for NO_PATH. */
  void answerTo(BiConsumer<Command, Boolean> answer) {
    this.answer = answer;
  }

  /** Command {@code c} has reached server {@code server} over the host link. */
  void arrive(Command c, int server) {
    c.server = server;
    t.cores[server].submit(s.serverCommandTime(), c.unlessGivenUp(() -> route(c)));
  }

  private void route(Command c) {
    int origin = c.server;
    if (c.read && t.caches[origin].read(c.block)) {
      t.cores[origin].submit(s.cacheHitTime(), () -> reply(c, true));
    } else {
      drive(c);
    }
  }

  /** Sends {@code c} to the disk by the path its server has now, or answers NO_PATH. */
  private void drive(Command c) {
    int origin = c.server;
    int peer = 1 - origin;
    if (t.adapterUp[origin]) {
      toAdapter(c, origin);
    } else if (policy == Policy.PEER_FORWARDING && t.adapterUp[peer]) {
      forwarded++;
      t.links[origin].submit(
          transfer(CONTROL_BYTES, s.serverLinkBandwidth()),
          c.unlessGivenUp(
              () ->
                  t.cores[peer].submit(
                      s.serverForwardTime(), c.unlessGivenUp(() -> toAdapter(c, peer)))));
    } else {
      reply(c, false);
    }
  }

  /** Adapter {@code a} takes {@code c} and fetches its control block (and a write's data). */
  private void toAdapter(Command c, int a) {
    c.cswWritten = false;
    c.noticeReceived = false;
    c.heldBy = a;
    long in = CONTROL_BYTES + (c.read ? 0 : s.blockSize());
    t.adapters[a].submit(
        s.adapterCommandTime() + transfer(in, s.adapterBandwidth()),
        c.unlessGivenUp(
            () -> {
              if (a == c.server) {
                events.after(2 * s.pcieHop(), c.unlessGivenUp(() -> diskIo(c, a)));
              } else {
                // The read request crosses to the origin's memory; the bytes come back over the
                // link.
                events.after(
                    s.pcieHop() + s.serverLinkLatency(),
                    c.unlessGivenUp(
                        () ->
                            t.links[c.server].submit(
                                transfer(in, s.serverLinkBandwidth()),
                                c.unlessGivenUp(
                                    () ->
                                        events.after(
                                            s.pcieHop(), c.unlessGivenUp(() -> diskIo(c, a)))))));
              }
            }));
  }

  private void diskIo(Command c, int a) {
    long out = STATUS_BYTES + (c.read ? s.blockSize() : 0);
    t.disk.submit(
        c.read ? s.diskReadTime() : s.diskWriteTime(),
        c.unlessGivenUp(
            () ->
                t.adapters[a].submit(
                    transfer(out, s.adapterBandwidth()),
                    c.unlessGivenUp(() -> adapterDone(c, a, out)))));
  }

  /**
   * Adapter {@code a} has posted the read data and the CSW into the origin's memory and reports to
   * its server: on the direct path that is the origin; on the peer path the peer, which sends the
   * origin the notice, while the posted writes cross the link on their own (claims 4, 6).
   */
  private void adapterDone(Command c, int a, long out) {
    c.heldBy = -1;
    int origin = c.server;
    if (a == origin) {
      events.after(s.pcieHop(), c.unlessGivenUp(() -> complete(c)));
      return;
    }
    events.after(
        s.pcieHop(),
        c.unlessGivenUp(
            () ->
                t.links[a].submit(
                    transfer(out, s.serverLinkBandwidth()),
                    c.unlessGivenUp(
                        () -> {
                          c.cswWritten = true;
                          if (c.noticeReceived) complete(c);
                        }))));
    t.cores[a].submit(
        s.serverForwardTime(),
        c.unlessGivenUp(
            () ->
                t.links[a].submit(
                    transfer(CONTROL_BYTES, s.serverLinkBandwidth()),
                    c.unlessGivenUp(
                        () -> {
                          c.noticeReceived = true;
                          if (c.cswWritten) complete(c);
                        }))));
  }

  /** The origin checks the CSW, keeps the block in its cache and answers GOOD. */
  private void complete(Command c) {
    int origin = c.server;
    t.cores[origin].submit(
        s.serverCompletionTime(),
        c.unlessGivenUp(
            () -> {
              t.caches[origin].keep(c.block);
              if (!c.read) t.caches[1 - origin].invalidate(c.block);
              reply(c, true);
            }));
  }

  private void reply(Command c, boolean good) {
    long bytes = STATUS_BYTES + (good && c.read ? s.blockSize() : 0);
    t.serverToHost[c.server].submit(
        transfer(bytes, s.hostLinkBandwidth()), () -> answer.accept(c, good));
  }

  /**
   * Adapter {@code a} fails: of the host's {@code outstanding} commands, those it held are given up
   * (a newer attempt) and driven again by their servers, in the order of the host's clients,
   * through the peer where the policy allows it, or answered NO_PATH.
   */
  void adapterFailed(int a, List<Command> outstanding) {
    t.fail(a);
    for (Command c : outstanding) {
      if (c.heldBy != a) continue;
      c.heldBy = -1;
      c.attempt++;
      heldAtFailure++;
      drive(c);
    }
  }

  void adapterRepaired(int a) {
    t.adapterUp[a] = true;
  }

  /** Commands that went the peer path. */
  long forwarded() {
    return forwarded;
  }

  /** Commands a failed adapter held when it failed, driven again or answered NO_PATH. */
  long heldAtFailure() {
    return heldAtFailure;
  }
}
