package org.peerpath.experiment;

import static org.peerpath.experiment.ExperimentSettings.transfer;
import static org.peerpath.experiment.Topology.CONTROL_BYTES;

import java.util.Arrays;
import java.util.List;

/**
 * The host (host-1) as a closed loop: every client has one command outstanding, sends the next one
 * {@code think-time} after the answer, and resends a command answered NO_PATH. Where it resends is
 * the host's part of the recovery policy: under host failover the first NO_PATH from a server makes
 * the host send all that server's clients' commands to the other one, until it learns, {@code
 * failback-delay} after the repair, that the server has its adapter again; under the other two
 * policies it sends the command to the same server again after {@code retry-interval}.
 */
final class HostClients {
  private final ExperimentSettings s;
  private final Policy policy;
  private final EventQueue events;
  private final Workload workload;
  private final Topology t;
  private final ServerPaths paths;
  private final Tally tally;
  private final boolean[] avoided = new boolean[2];
  private final Command[] outstanding;

  HostClients(
      ExperimentSettings s,
      Policy policy,
      EventQueue events,
      Workload workload,
      Topology t,
      ServerPaths paths,
      Tally tally) {
    this.s = s;
    this.policy = policy;
    this.events = events;
    this.workload = workload;
    this.t = t;
    this.paths = paths;
    this.tally = tally;
    this.outstanding = new Command[workload.clients()];
    paths.answerTo(this::answered);
  }

  /** Every client sends its first command now. */
  void start() {
    for (int client = 0; client < workload.clients(); client++) sendNext(client);
  }

  private void sendNext(int client) {
    Workload.Request r = workload.next(client);
    Command c = new Command(client, r.read(), r.block(), events.now());
    outstanding[client] = c;
    send(c, route(client));
  }

  private int route(int client) {
    int home = workload.home(client);
    return avoided[home] ? 1 - home : home;
  }

  private void send(Command c, int server) {
    long bytes = CONTROL_BYTES + (c.read ? 0 : s.blockSize());
    t.hostToServer[server].submit(
        transfer(bytes, s.hostLinkBandwidth()), () -> paths.arrive(c, server));
  }

  private void answered(Command c, boolean good) {
    long now = events.now();
    if (good) {
      tally.completed(now, now - c.firstSent, workload.home(c.client));
      if (s.thinkTime() == 0) sendNext(c.client);
      else events.after(s.thinkTime(), () -> sendNext(c.client));
      return;
    }
    tally.error(now);
    int other = 1 - c.server;
    if (policy == Policy.HOST_FAILOVER && !avoided[other]) {
      avoided[c.server] = true;
      send(c, other);
    } else {
      events.after(s.retryInterval(), () -> send(c, route(c.client)));
    }
  }

  /** Each client's command in flight, in the order of the clients. */
  List<Command> outstanding() {
    return Arrays.asList(outstanding.clone());
  }

  /** Adapter {@code a} is back: under host failover the host learns it after its delay. */
  void adapterRepaired(int a) {
    if (policy == Policy.HOST_FAILOVER) events.after(s.failbackDelay(), () -> avoided[a] = false);
  }
}
