package org.peerpath.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.server.Server;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.testkit.RecordingProbe;
import org.peerpath.testkit.VirtualTimeKit;

/**
 * A command's longest life, {@link SubsystemSettings#commandLifetime()}, which replay runs a trace
 * for after its last input: the host must have answered every command by then.
 */
class HostLifetimeTest {

  /**
   * The longest life: a first send lost, and then every server full for as long as the host waits
   * out full servers. Each of those waits is a round trip over the longest paths and a backoff;
   * with paths long beside the deadline they add up to far more than the lapses of patience.
   */
  @Test
  void aCommandPassedBetweenFullServersIsAnsweredWithinItsLifetime() {
    Duration latency = Duration.ofMillis(10);
    SubsystemSettings settings =
        SubsystemSettings.traceDefaults()
            .withServers(2)
            .withDeadline(Duration.ofMillis(1))
            .withUnreachableAfter(Duration.ofMillis(1))
            .withLatency((from, to) -> latency);
    try (VirtualTimeKit kit = VirtualTimeKit.create("host-lifetime")) {
      Fabric fabric =
          new Fabric(settings.latency(), kit.system().scheduler(), kit.system().executionContext());
      AtomicInteger submits = new AtomicInteger();
      List<Server.Peer> servers =
          List.of(
              new Server.Peer(
                  "server-1", 0, kit.spawn(full("server-1", fabric, submits), "server-1")),
              new Server.Peer(
                  "server-2", 1, kit.spawn(full("server-2", fabric, submits), "server-2")));
      History history = new History(() -> kit.driver().now(), Integer.MAX_VALUE);
      ActorRef<Host.Command> host =
          kit.spawn(
              Host.create(
                  "host-1",
                  servers,
                  HostPolicy.ROUND_ROBIN,
                  fabric,
                  history,
                  settings.hostPatience()),
              "host-1");
      RecordingProbe<CommandResult> client = kit.probe(CommandResult.class);
      kit.runUntilQuiescent();
      long sent = kit.now().toNanos();
      host.tell(new Host.Send(IoCommand.read("a", 0, 1), null, client.ref()));

      boolean answered =
          kit.runUntil(() -> !client.messages().isEmpty(), settings.commandLifetime());

      assertTrue(
          answered,
          "answered within the command's lifetime of "
              + settings.commandLifetime()
              + " (after "
              + submits.get()
              + " sends)");
      CommandResult result = client.messages().get(0);
      assertEquals(Status.TIMEOUT, result.status(), result.message());
      assertTrue(result.message().contains("still BUSY"), result.message());
      assertTrue(
          kit.now().toNanos() - sent > 10 * settings.hostPatience().toNanos(),
          "the full servers held the command for many times the host's patience");
    }
  }

  /**
   * A server that answers BUSY to every command, but the first sent to either of the two servers
   * (they share {@code submits}), which it loses.
   */
  private static Behavior<Server.Command> full(String name, Fabric fabric, AtomicInteger submits) {
    return Behaviors.receive(Server.Command.class)
        .onMessage(
            Server.Submit.class,
            s -> {
              if (submits.getAndIncrement() > 0) {
                fabric.send(
                    name,
                    s.host(),
                    s.replyTo(),
                    CommandResult.refused(s.command().id(), name, Status.BUSY, "full", 0));
              }
              return Behaviors.same();
            })
        .build();
  }
}
