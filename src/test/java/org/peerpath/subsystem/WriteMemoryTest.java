package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.disk.InMemoryDisk;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.testing.Bytes;

/**
 * The disk remembers an applied write for {@link SubsystemSettings#writeMemory()}: an attempt of
 * the same command that comes as late as a command may live must find it remembered, or the write
 * would take effect twice, over a later write to its block.
 */
class WriteMemoryTest {
  static final int BLOCK = 512;

  long now;
  final History history = new History(() -> now, Integer.MAX_VALUE);
  final InMemoryDisk backend = new InMemoryDisk(BLOCK, 16);
  final TestInbox<Disk.IoDone> replies = TestInbox.create();
  long tags;

  /**
   * Long paths beside the deadline: a resent command's waits on full servers (a round trip and a
   * backoff each, 64 of them) are then most of its lifetime, far more than its sends' patience.
   */
  @Test
  void anAttemptAsLateAsACommandLivesIsAcknowledgedNotAppliedAgain() {
    SubsystemSettings settings =
        SubsystemSettings.traceDefaults()
            .withServers(2)
            .withLatency((from, to) -> Duration.ofMillis(20));
    var disk =
        BehaviorTestKit.create(
            Disk.create(
                backend,
                0,
                settings.writeMemory().toNanos(),
                new Fabric(LatencyModel.zero(), null, null),
                history));
    disk.run(new Disk.Register("adapter-1", 1));

    assertEquals(Status.GOOD, write(disk, "host-1#1", Bytes.fill(7, BLOCK)).status());
    now = 1_000_000;
    assertEquals(Status.GOOD, write(disk, "host-1#2", Bytes.fill(8, BLOCK)).status());
    // Other writes go on (the disk forgets what is older than its memory as it applies them), and
    // then the first command's last attempt comes, as late as it may.
    now = settings.commandLifetime().toNanos();
    assertEquals(Status.GOOD, write(disk, "host-1#3", 4, Bytes.fill(9, BLOCK)).status());
    assertEquals(Status.GOOD, write(disk, "host-1#1", Bytes.fill(7, BLOCK)).status());

    assertEquals(
        Bytes.fill(8, BLOCK),
        ByteString.fromArrayUnsafe(backend.read(3, 1)),
        "the late attempt did not undo the later write");
    List<HistoryEvent> duplicates =
        history.events().stream()
            .filter(e -> e.kind() == HistoryEvent.Kind.DUPLICATE_WRITE)
            .toList();
    assertEquals(1, duplicates.size(), "the late attempt is recorded as a duplicate");
  }

  private Disk.IoDone write(BehaviorTestKit<Disk.Command> disk, String command, ByteString data) {
    return write(disk, command, 3, data);
  }

  private Disk.IoDone write(
      BehaviorTestKit<Disk.Command> disk, String command, long lba, ByteString data) {
    disk.run(
        new Disk.Io("adapter-1", 1, ++tags, command, Op.WRITE, lba, 1, data, replies.getRef()));
    return replies.receiveMessage();
  }
}
