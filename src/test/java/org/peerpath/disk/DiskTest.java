package org.peerpath.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.testing.Bytes;

/**
 * The shared disk: it serves only the registered incarnation, applies a write once, and says what
 * went wrong.
 */
class DiskTest {
  static final int BLOCK = 512;
  static final long BLOCKS = 16;

  final History history = new History(() -> 0L, Integer.MAX_VALUE);
  final InMemoryDisk backend = new InMemoryDisk(BLOCK, BLOCKS);
  final TestInbox<Disk.IoDone> replies = TestInbox.create();
  final TestInbox<Disk.Preempted> preempted = TestInbox.create();
  long tags;

  BehaviorTestKit<Disk.Command> disk(DiskBackend backend) {
    return BehaviorTestKit.create(
        Disk.create(backend, 0, new Fabric(LatencyModel.zero(), null, null), history));
  }

  final BehaviorTestKit<Disk.Command> disk = disk(backend);

  static ByteString fill(int value, int blocks) {
    return Bytes.fill(value, blocks * BLOCK);
  }

  Disk.IoDone write(
      BehaviorTestKit<Disk.Command> d, long epoch, String command, long lba, ByteString data) {
    d.run(
        new Disk.Io(
            "adapter-1",
            epoch,
            ++tags,
            command,
            Op.WRITE,
            lba,
            data.size() / BLOCK,
            data,
            replies.getRef()));
    Disk.IoDone done = replies.receiveMessage();
    assertEquals(tags, done.tag(), "the reply echoes the request's tag");
    return done;
  }

  Disk.IoDone read(BehaviorTestKit<Disk.Command> d, long epoch, long lba, int blocks) {
    d.run(
        new Disk.Io(
            "adapter-1",
            epoch,
            ++tags,
            "memory-1#r" + tags,
            Op.READ,
            lba,
            blocks,
            ByteString.emptyByteString(),
            replies.getRef()));
    Disk.IoDone done = replies.receiveMessage();
    assertEquals(tags, done.tag(), "the reply echoes the request's tag");
    return done;
  }

  Disk.IoDone write(long epoch, String command, long lba, ByteString data) {
    return write(disk, epoch, command, lba, data);
  }

  Disk.IoDone read(long epoch, long lba, int blocks) {
    return read(disk, epoch, lba, blocks);
  }

  void preempt(String adapter, long epoch) {
    disk.run(new Disk.Preempt(adapter, epoch, "server-2", 42, preempted.getRef()));
    assertEquals(
        new Disk.Preempted(adapter, epoch, 42),
        preempted.receiveMessage(),
        "the requester is answered");
  }

  List<HistoryEvent> events(Kind kind) {
    return history.events().stream().filter(e -> e.kind() == kind).toList();
  }

  @Test
  void anUnregisteredAdapterGetsReservationConflictAndWritesNothing() {
    Disk.IoDone done = write(1, "memory-1#1", 3, fill(7, 1));
    assertEquals(Status.RESERVATION_CONFLICT, done.status());
    assertEquals(fill(0, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)));
    assertTrue(events(Kind.DISK_WRITE).isEmpty());
    assertEquals(1, events(Kind.REFUSED).size());
  }

  @Test
  void aRegisteredIncarnationIsServedAndReadsReturnWhatWasWritten() {
    disk.run(new Disk.Register("adapter-1", 1));
    assertEquals(Status.GOOD, write(1, "memory-1#1", 3, fill(7, 2)).status());
    Disk.IoDone done = read(1, 3, 2);
    assertEquals(Status.GOOD, done.status());
    assertEquals(fill(7, 2), done.data());
    assertEquals(
        fill(7, 2),
        ByteString.fromArrayUnsafe(backend.read(3, 2)),
        "the bytes reached the backend");
  }

  @Test
  void aPreemptedIncarnationGetsReservationConflictAndWritesNothing() {
    disk.run(new Disk.Register("adapter-1", 1));
    preempt("adapter-1", 1);
    assertEquals(Status.RESERVATION_CONFLICT, write(1, "memory-1#1", 3, fill(7, 1)).status());
    assertEquals(Status.RESERVATION_CONFLICT, read(1, 3, 1).status());
    assertEquals(fill(0, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)));
    assertEquals(1, events(Kind.FENCED).size());
  }

  @Test
  void aPreemptedIncarnationCannotRegisterAgain() {
    disk.run(new Disk.Register("adapter-1", 1));
    preempt("adapter-1", 1);
    disk.run(new Disk.Register("adapter-1", 1));
    assertEquals(Status.RESERVATION_CONFLICT, write(1, "memory-1#1", 3, fill(7, 1)).status());
    assertEquals(fill(0, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)));
  }

  @Test
  void aNewerIncarnationIsServedAfterTheOldOneIsPreempted() {
    disk.run(new Disk.Register("adapter-1", 1));
    preempt("adapter-1", 1);
    disk.run(new Disk.Register("adapter-1", 2));
    assertEquals(Status.GOOD, write(2, "memory-1#1", 3, fill(7, 1)).status());
    assertEquals(fill(7, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)));
  }

  @Test
  void anOlderIncarnationIsRefusedOnceANewerOneHasRegistered() {
    disk.run(new Disk.Register("adapter-1", 1));
    disk.run(new Disk.Register("adapter-1", 2));
    assertEquals(Status.RESERVATION_CONFLICT, write(1, "memory-1#1", 3, fill(7, 1)).status());
    assertEquals(fill(0, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)));
  }

  @Test
  void preemptingAnOlderEpochLeavesTheNewerRegistrationServed() {
    disk.run(new Disk.Register("adapter-1", 2));
    preempt("adapter-1", 1);
    assertEquals(Status.GOOD, write(2, "memory-1#1", 3, fill(7, 1)).status());
    assertEquals(fill(7, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)));
  }

  @Test
  void aWriteIdIsAppliedAtMostOnceAndItsRetryIsRecordedAsADuplicate() {
    disk.run(new Disk.Register("adapter-1", 1));
    assertEquals(Status.GOOD, write(1, "memory-1#1", 3, fill(7, 1)).status());
    assertEquals(Status.GOOD, write(1, "memory-1#2", 3, fill(8, 1)).status());
    // The first command's re-driven attempt must not undo the second command's write.
    assertEquals(
        Status.GOOD, write(1, "memory-1#1", 3, fill(7, 1)).status(), "the retry is acknowledged");
    assertEquals(fill(8, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)));
    assertEquals(2, events(Kind.DISK_WRITE).size());
    List<HistoryEvent> duplicates = events(Kind.DUPLICATE_WRITE);
    assertEquals(1, duplicates.size());
    assertEquals("memory-1#1", duplicates.get(0).detail());
  }

  /**
   * However many writes a busy disk applies in between, a command's re-drive within its life is
   * recognised.
   */
  @Test
  void aWriteIsRememberedForItsWholeWindowNotForACountOfLaterWrites() {
    long[] clock = {0};
    var timed = new History(() -> clock[0], Integer.MAX_VALUE);
    var d =
        BehaviorTestKit.create(
            Disk.create(backend, 0, 1_000_000, new Fabric(LatencyModel.zero(), null, null), timed));
    d.run(new Disk.Register("adapter-1", 1));
    assertEquals(Status.GOOD, write(d, 1, "memory-1#first", 3, fill(7, 1)).status());
    for (int i = 0; i < 70_000; i++) write(d, 1, "memory-1#" + i, 4, fill(1 + i % 200, 1));
    assertEquals(Status.GOOD, write(d, 1, "memory-1#other", 3, fill(8, 1)).status());
    write(d, 1, "memory-1#first", 3, fill(7, 1));
    assertEquals(
        fill(8, 1),
        ByteString.fromArrayUnsafe(backend.read(3, 1)),
        "the re-drive did not undo the later write");
    // Past their window all of them are forgotten at once, so the disk's memory stays bounded by
    // time.
    clock[0] = 2_000_000;
    write(d, 1, "memory-1#later", 5, fill(9, 1));
    write(d, 1, "memory-1#0", 4, fill(250, 1));
    assertEquals(
        fill(250, 1),
        ByteString.fromArrayUnsafe(backend.read(4, 1)),
        "an attempt past the window is written");
  }

  /**
   * A refusal for want of a registration says whether the incarnation may register: only one never
   * preempted and not older than the registered one, whose Register must have been lost.
   */
  @Test
  void aRefusalSaysWhetherTheIncarnationMayRegisterAgain() {
    Disk.IoDone never = write(1, "memory-1#1", 3, fill(7, 1));
    assertEquals(Status.RESERVATION_CONFLICT, never.status());
    assertTrue(never.unregistered(), "never registered: its Register was lost");
    disk.run(new Disk.Register("adapter-1", 2));
    Disk.IoDone older = write(1, "memory-1#2", 3, fill(7, 1));
    assertFalse(older.unregistered(), "an incarnation older than the registered one may not");
    preempt("adapter-1", 3);
    Disk.IoDone preempted = write(3, "memory-1#3", 3, fill(7, 1));
    assertFalse(preempted.unregistered(), "a preempted incarnation may not");
    Disk.IoDone newer = write(4, "memory-1#4", 3, fill(7, 1));
    assertTrue(newer.unregistered(), "a newer incarnation than any preempted may");
    disk.run(new Disk.Register("adapter-1", 4));
    assertEquals(Status.GOOD, write(4, "memory-1#4", 3, fill(7, 1)).status());
    assertEquals(1, events(Kind.DISK_WRITE).size(), "only the registered incarnation wrote");
  }

  /** An I/O of {@code adapter} that names its attempt, as adapters serving a command do. */
  Disk.IoDone io(
      String adapter,
      long epoch,
      String command,
      String attempt,
      Op op,
      long lba,
      ByteString data) {
    ByteString bytes = data == null ? ByteString.emptyByteString() : data;
    int blocks = op == Op.WRITE ? bytes.size() / BLOCK : 1;
    disk.run(
        new Disk.Io(
            adapter, epoch, ++tags, command, op, lba, blocks, bytes, replies.getRef(), attempt));
    Disk.IoDone done = replies.receiveMessage();
    assertEquals(tags, done.tag(), "the reply echoes the request's tag");
    return done;
  }

  /**
   * A server that lost the peer it forwarded a command to fences that one attempt: the peer may be
   * alive, only cut off, and goes on serving its own commands.
   */
  @Test
  void aPreemptOfOneAttemptRefusesThatAttemptAloneForThatAdapter() {
    disk.run(new Disk.Register("adapter-1", 1));
    disk.run(new Disk.Register("adapter-2", 1));
    disk.run(
        new Disk.Preempt("adapter-2", 1, "server-1", 42, preempted.getRef(), "memory-1#65537"));
    assertEquals(new Disk.Preempted("adapter-2", 1, 42), preempted.receiveMessage());
    List<HistoryEvent> fenced = events(Kind.FENCED);
    assertEquals(1, fenced.size());
    assertEquals("adapter-2", fenced.get(0).peer());
    assertEquals("memory-1#65537", fenced.get(0).detail());

    Disk.IoDone refused = io("adapter-2", 1, "host-1#7", "memory-1#65537", Op.WRITE, 3, fill(7, 1));
    assertEquals(Status.RESERVATION_CONFLICT, refused.status());
    assertEquals(fill(0, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)), "no byte written");
    assertEquals(
        Status.RESERVATION_CONFLICT,
        io("adapter-2", 1, "host-1#7", "memory-1#65537", Op.READ, 3, null).status(),
        "a read of the fenced attempt is refused too");
    assertEquals(2, events(Kind.REFUSED).size(), "each refusal is recorded");

    assertEquals(
        Status.GOOD,
        io("adapter-2", 1, "host-2#1", "memory-2#65537", Op.WRITE, 4, fill(8, 1)).status(),
        "the adapter's own commands are served");
    assertEquals(
        Status.GOOD,
        io("adapter-2", 1, "host-1#9", "memory-1#65538", Op.WRITE, 5, fill(9, 1)).status(),
        "another attempt from the same origin is served");
    assertEquals(fill(8, 1), ByteString.fromArrayUnsafe(backend.read(4, 1)));
    assertEquals(fill(9, 1), ByteString.fromArrayUnsafe(backend.read(5, 1)));
    // The origin re-drives the fenced command on another adapter: served, and applied once.
    assertEquals(
        Status.GOOD,
        io("adapter-1", 1, "host-1#7", "memory-1#65537", Op.WRITE, 3, fill(7, 1)).status(),
        "the same attempt through another adapter is served");
    assertEquals(fill(7, 1), ByteString.fromArrayUnsafe(backend.read(3, 1)));
    assertEquals(3, events(Kind.DISK_WRITE).size());
  }

  /**
   * A host resends a command whose server it lost, with the same identity, to another server: the
   * disk acknowledges a write it has applied under that identity without applying it again,
   * whichever adapter brings it.
   */
  @Test
  void aWriteAppliedOnceIsAcknowledgedWithoutWritingWhenAnotherAdapterBringsItAgain() {
    disk.run(new Disk.Register("adapter-1", 1));
    disk.run(new Disk.Register("adapter-2", 1));
    assertEquals(
        Status.GOOD,
        io("adapter-1", 1, "host-1#7", "memory-1#65537", Op.WRITE, 3, fill(7, 1)).status());
    assertEquals(
        Status.GOOD,
        io("adapter-2", 1, "host-2#1", "memory-2#65537", Op.WRITE, 3, fill(8, 1)).status(),
        "another command overwrites the block");
    Disk.IoDone again = io("adapter-2", 1, "host-1#7", "memory-2#65538", Op.WRITE, 3, fill(7, 1));
    assertEquals(Status.GOOD, again.status(), "the resend is acknowledged");
    assertEquals(
        fill(8, 1),
        ByteString.fromArrayUnsafe(backend.read(3, 1)),
        "the resend did not undo the later write");
    assertEquals(
        List.of("host-1#7", "host-2#1"),
        events(Kind.DISK_WRITE).stream().map(HistoryEvent::detail).toList());
    List<HistoryEvent> duplicates = events(Kind.DUPLICATE_WRITE);
    assertEquals(1, duplicates.size());
    assertEquals("host-1#7", duplicates.get(0).detail());
    assertEquals("adapter-2", duplicates.get(0).peer());
  }

  @Test
  void blocksOffTheDiskAreABadRequestAndChangeNothing() {
    disk.run(new Disk.Register("adapter-1", 1));
    assertEquals(
        Status.BAD_REQUEST,
        write(1, "memory-1#1", BLOCKS - 1, fill(7, 2)).status(),
        "runs past the end");
    assertEquals(
        Status.BAD_REQUEST, write(1, "memory-1#2", -1, fill(7, 1)).status(), "before the start");
    assertEquals(Status.BAD_REQUEST, read(1, BLOCKS, 1).status(), "starts past the end");
    assertEquals(Status.BAD_REQUEST, read(1, 0, 0).status(), "no blocks");
    assertEquals(
        Status.BAD_REQUEST, read(1, Long.MAX_VALUE, 2).status(), "an lba whose end overflows");
    assertEquals(fill(0, (int) BLOCKS), ByteString.fromArrayUnsafe(backend.read(0, (int) BLOCKS)));
    assertTrue(events(Kind.DISK_WRITE).isEmpty());
  }

  @Test
  void aWriteWhoseDataIsNotItsBlockCountIsABadRequest() {
    disk.run(new Disk.Register("adapter-1", 1));
    disk.run(
        new Disk.Io("adapter-1", 1, 1, "memory-1#1", Op.WRITE, 3, 2, fill(7, 1), replies.getRef()));
    assertEquals(Status.BAD_REQUEST, replies.receiveMessage().status());
    assertEquals(fill(0, 2), ByteString.fromArrayUnsafe(backend.read(3, 2)));
  }

  /** A backend whose every read and write fails, as a dying medium would. */
  static final class FailingBackend implements DiskBackend {
    @Override
    public byte[] read(long lba, int blocks) throws IOException {
      throw new IOException("unreadable sector");
    }

    @Override
    public void write(long lba, ByteString data) throws IOException {
      throw new IOException("unwritable sector");
    }

    @Override
    public int blockSize() {
      return BLOCK;
    }

    @Override
    public long blocks() {
      return BLOCKS;
    }

    @Override
    public void close() {}
  }

  @Test
  void aBackendIoExceptionIsAMediumErrorAndTheWriteIsNotRememberedAsApplied() {
    var failing = disk(new FailingBackend());
    failing.run(new Disk.Register("adapter-1", 1));
    Disk.IoDone written = write(failing, 1, "memory-1#1", 3, fill(7, 1));
    assertEquals(Status.MEDIUM_ERROR, written.status());
    assertTrue(written.message().contains("unwritable sector"), written.message());
    assertEquals(Status.MEDIUM_ERROR, read(failing, 1, 3, 1).status());
    assertTrue(events(Kind.DISK_WRITE).isEmpty());
    // A retry of the failed write is tried again rather than acknowledged as a duplicate.
    assertEquals(Status.MEDIUM_ERROR, write(failing, 1, "memory-1#1", 3, fill(7, 1)).status());
    assertTrue(events(Kind.DUPLICATE_WRITE).isEmpty());
  }

  /** A backend with a bug: every read and write throws an unchecked exception. */
  static final class BuggyBackend implements DiskBackend {
    @Override
    public byte[] read(long lba, int blocks) {
      throw new IllegalStateException("index out of order");
    }

    @Override
    public void write(long lba, ByteString data) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public int blockSize() {
      return BLOCK;
    }

    @Override
    public long blocks() {
      return BLOCKS;
    }

    @Override
    public void close() {}
  }

  @Test
  void aBackendsUncheckedExceptionIsAMediumErrorNamingItAndTheDiskGoesOnServing() {
    var buggy = disk(new BuggyBackend());
    buggy.run(new Disk.Register("adapter-1", 1));
    Disk.IoDone read = read(buggy, 1, 3, 1);
    assertEquals(Status.MEDIUM_ERROR, read.status());
    assertTrue(
        read.message().contains("IllegalStateException: index out of order"), read.message());
    Disk.IoDone written = write(buggy, 1, "memory-1#1", 3, fill(7, 1));
    assertEquals(Status.MEDIUM_ERROR, written.status());
    assertTrue(written.message().contains("UnsupportedOperationException"), written.message());
    assertTrue(buggy.isAlive(), "the disk goes on serving");
    assertTrue(events(Kind.DISK_WRITE).isEmpty());
  }
}
