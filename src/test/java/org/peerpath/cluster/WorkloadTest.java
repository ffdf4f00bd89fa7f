package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.host.Host;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * A host node's workload: blocks written through the servers in turn, each read back through the
 * next server, one line per command, a mismatch counted.
 */
class WorkloadTest {
  static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void end() {
    kit.shutdownTestKit();
  }

  @Test
  void writesThroughEachServerInTurnAndReadsBackThroughTheNext() {
    SubsystemSettings settings = SubsystemSettings.defaults().withServers(2);
    TestProbe<Host.Command> host = kit.createTestProbe();
    List<String> lines = new CopyOnWriteArrayList<>();
    kit.spawn(Workload.create(host.getRef(), settings, 2, lines::add));
    List<String> servers = new ArrayList<>();
    ByteString written = null;
    for (int n = 0; n < 4; n++) {
      Host.Send send = host.expectMessageClass(Host.Send.class);
      servers.add(send.command().op().wireName() + send.command().lba() + "@" + send.server());
      ByteString data = ByteString.emptyByteString();
      if (send.command().op() == Op.WRITE && send.command().lba() == 0)
        written = send.command().data();
      if (send.command().op() == Op.READ)
        // Block 0 comes back as written; block 1 does not.
        data = send.command().lba() == 0 ? written : ByteString.fromArray(new byte[4096]);
      send.replyTo()
          .tell(
              new CommandResult(
                  send.command().id(),
                  Status.GOOD,
                  "",
                  data,
                  send.server(),
                  HistoryEvent.Path.DIRECT,
                  "adapter-" + send.server().substring("server-".length()),
                  null,
                  1));
    }
    assertEquals(
        List.of("write0@server-1", "write1@server-2", "read0@server-2", "read1@server-1"), servers);
    host.awaitAssert(
        () -> {
          assertEquals(5, lines.size(), lines.toString());
          return null;
        });
    assertEquals(
        "workload w0 write lba 0 good via server-1 path direct servedBy adapter-1", lines.get(0));
    assertTrue(lines.get(3).contains("MISMATCH"), lines.get(3));
    assertEquals("workload done: 2 writes, 2 reads, 0 failed, 1 mismatches", lines.get(4));
  }
}
