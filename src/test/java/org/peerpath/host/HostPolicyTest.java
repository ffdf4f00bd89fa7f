package org.peerpath.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.server.Server;

/**
 * A host policy is the application's own: the host asks it, with what it knows of its servers, and
 * sends the command where it says. What the policy gets wrong costs that command, never the host.
 */
class HostPolicyTest {
  final History history = new History(() -> 0L, Integer.MAX_VALUE);
  final TestInbox<Server.Command> server1 = TestInbox.create();
  final TestInbox<Server.Command> server2 = TestInbox.create();
  final TestInbox<CommandResult> client = TestInbox.create();

  BehaviorTestKit<Host.Command> host(HostPolicy policy) {
    var servers =
        List.of(
            new Server.Peer("server-1", 1, server1.getRef()),
            new Server.Peer("server-2", 2, server2.getRef()));
    return BehaviorTestKit.create(
        Host.create(
            "host-1", servers, policy, new Fabric(LatencyModel.zero(), null, null), history));
  }

  void read(BehaviorTestKit<Host.Command> host, String id, long lba) {
    host.run(new Host.Send(IoCommand.read(id, lba, 1), null, client.getRef()));
  }

  @Test
  void thePolicyIsToldEachServersOutstandingCommandsAndHowManyItChoseBefore() {
    List<String> asked = new ArrayList<>();
    HostPolicy secondServer =
        (command, servers, chosenBefore) -> {
          asked.add(command.id() + " " + servers + " " + chosenBefore);
          return "server-2";
        };
    var host = host(secondServer);
    read(host, "a", 0);
    host.run(new Host.Send(IoCommand.read("named", 0, 1), "server-1", client.getRef()));
    read(host, "b", 0);
    assertEquals(
        List.of(
            "a [ServerLoad[name=server-1, outstanding=0], ServerLoad[name=server-2, outstanding=0]]"
                + " 0",
            "b [ServerLoad[name=server-1, outstanding=1], ServerLoad[name=server-2, outstanding=1]]"
                + " 1"),
        asked,
        "a command that names its server does not ask the policy");
  }

  @Test
  void aChoiceThatIsNoServerIsABadRequestThatReachesNoServer() {
    var host = host((command, servers, chosenBefore) -> "server-3");
    read(host, "a", 0);
    CommandResult refused = client.receiveMessage();
    assertEquals(Status.BAD_REQUEST, refused.status());
    assertTrue(refused.message().contains("server-3"), refused.message());
    assertFalse(server1.hasMessages() || server2.hasMessages());
  }

  @Test
  void aPolicyThatThrowsCostsTheCommandNotTheHost() {
    HostPolicy oddFails =
        (command, servers, chosenBefore) -> {
          if (chosenBefore % 2 == 0) throw new IllegalStateException("no server for " + command);
          return "server-1";
        };
    var host = host(oddFails);
    read(host, "a", 0);
    assertEquals(Status.BAD_REQUEST, client.receiveMessage().status());
    read(host, "b", 0);
    assertEquals("b", ((Server.Submit) server1.receiveMessage()).command().id());
    assertTrue(host.isAlive());
  }

  @Test
  void theBuiltInPoliciesAreTheOnesReferenceConfNames() {
    assertEquals(HostPolicy.ROUND_ROBIN, HostPolicy.parse("round-robin"));
    assertEquals(HostPolicy.LEAST_OUTSTANDING, HostPolicy.parse("least-outstanding"));
    var e = assertThrows(IllegalArgumentException.class, () -> HostPolicy.parse("random"));
    assertEquals(
        "host-policy must be round-robin or least-outstanding, not 'random'", e.getMessage());
  }
}
