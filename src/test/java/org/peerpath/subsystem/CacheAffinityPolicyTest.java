package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.of;
import static org.peerpath.subsystem.Fixtures.settings;
import static org.peerpath.subsystem.Fixtures.write;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;
import org.peerpath.host.HostPolicy;

/**
 * An application's own host policy, given through the settings' builder: each range of 256 blocks
 * always goes to the same server (cache affinity), so a read finds the server that wrote its block.
 * The host still records every command's {@code submitted} and {@code reply} around the policy.
 */
class CacheAffinityPolicyTest {
  static final long RANGE = 256;

  /** The example of HostPolicy's class comment. */
  static final HostPolicy BY_RANGE =
      (command, servers, chosenBefore) ->
          servers.get((int) (command.lba() / RANGE % servers.size())).name();

  @Test
  void commandsGoWhereThePolicySaysAndEachIsRecordedAsSubmittedAndReplied() {
    var s = settings().toBuilder().servers(3).hostPolicy(BY_RANGE).build();
    Map<String, String> expected = new TreeMap<>();
    try (var run = VirtualSubsystem.start(s)) {
      long at = 0;
      for (long lba : List.of(0L, 300L, 600L, 900L, 255L, 512L)) {
        String w = "w" + lba;
        String r = "r" + lba;
        run.submitAt(at, write(w, lba, 7, 1), null);
        run.submitAt(at + ms(1), IoCommand.read(r, lba, 1), null);
        String server = "server-" + (lba / RANGE % 3 + 1);
        expected.put(w, server);
        expected.put(r, server);
        at += ms(2);
      }
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      for (var e : expected.entrySet()) {
        String id = e.getKey();
        assertEquals(Status.GOOD, run.result(id).status(), id);
        assertEquals(e.getValue(), run.result(id).server(), id + " went where the policy said");
        List<HistoryEvent> submitted = of(run.history(), HistoryEvent.Kind.SUBMITTED, id);
        assertEquals(1, submitted.size(), id + " is recorded as submitted once");
        assertEquals(e.getValue(), submitted.get(0).peer());
        assertEquals(1, of(run.history(), HistoryEvent.Kind.REPLY, id).size(), id + "'s reply");
      }
    }
  }
}
