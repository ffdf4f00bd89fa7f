package org.peerpath.server;

import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.util.ByteString;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.memory.StatusWord;

/**
 * The origin server's waiting state of one peer-path command (block 604b, claims 5 and 7): a {@link
 * PendingCommand} set up and forwarded, then completed by the doorbell's CSW and the peer's notice,
 * in either order. {@link #setUpAndForward} is the part before the two arrive, so the difference
 * between it and {@link #cswThenNotice} or {@link #noticeThenCsw} is what receiving the two costs,
 * including decoding the CSW from the doorbell and answering the host. The neighbours are test
 * inboxes and the fabric has no latency, so each send is an enqueue; the history keeps nothing, as
 * in the bench.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WaitingStateBenchmark {
  private static final long TAG = 1;
  private static final long GRANT = (TAG << 16) | 1;

  private final TestInbox<MemoryRegion.Command> memory = TestInbox.create();
  private final TestInbox<Server.Command> peer = TestInbox.create();
  private final TestInbox<CommandResult> host = TestInbox.create();
  private PendingCommand.Spec spec;
  private final MemoryRegion.CswWritten doorbell =
      new MemoryRegion.CswWritten(GRANT, new StatusWord(GRANT, Status.GOOD).encode());
  private final PendingCommand.SetUpDone setUp = new PendingCommand.SetUpDone(GRANT);
  private final PendingCommand.NoticeArrived notice =
      new PendingCommand.NoticeArrived(GRANT, Status.GOOD, "adapter-2");

  @Setup
  public void wire() {
    // The unit tests' server-1 (src/test, on this profile's classpath): a trace's geometry and
    // times.
    var settings = ServerSettingsFixture.serverOne();
    var replies =
        new ServerWiring.CommandReplies(
            TestInbox.<MemoryRegion.SetUp>create().getRef(),
            TestInbox.<MemoryRegion.CswWritten>create().getRef(),
            TestInbox.<MemoryRegion.Fenced>create().getRef(),
            TestInbox.<Disk.Preempted>create().getRef(),
            TestInbox.<MemoryRegion.Fetched>create().getRef());
    var wiring =
        new ServerWiring(
            "server-1",
            TestInbox.<Server.Command>create().getRef(),
            "memory-1",
            memory.getRef(),
            TestInbox.<Disk.Command>create().getRef(),
            settings,
            new Fabric(LatencyModel.zero(), null, null),
            new History(() -> 0L, 0),
            replies);
    spec =
        new PendingCommand.Spec(
            TAG,
            "host-1",
            1,
            1,
            IoCommand.write("w1", 0, 4096, ByteString.fromArrayUnsafe(new byte[4096])),
            Slot.of(0, settings.bytesPerCommandMax()),
            new Route.ViaPeer("server-2", peer.getRef(), "adapter-2", 1),
            host.getRef(),
            wiring);
    // The first command loads and initialises the classes of a completion (a second or more on a
    // busy machine): here, not in the first measured operation.
    cswThenNotice();
    noticeThenCsw();
  }

  /** A new command, set up in memory and forwarded to the peer: now awaiting both. */
  private PendingCommand forwarded() {
    PendingCommand p = new PendingCommand(spec);
    p.start();
    p.on(setUp);
    memory.receiveMessage(); // the set-up
    peer.receiveMessage(); // the forward
    return p;
  }

  /** The one answer of a finished command (the memory's revoke drained beside it). */
  private CommandResult answered(boolean finished) {
    memory.receiveMessage();
    CommandResult r = host.receiveMessage();
    if (!finished || r.status() != Status.GOOD) throw new IllegalStateException(r.message());
    return r;
  }

  @Benchmark
  public PendingCommand setUpAndForward() {
    return forwarded();
  }

  @Benchmark
  public CommandResult cswThenNotice() {
    PendingCommand p = forwarded();
    p.on(PendingCommand.toCsw(doorbell));
    return answered(p.on(notice));
  }

  @Benchmark
  public CommandResult noticeThenCsw() {
    PendingCommand p = forwarded();
    p.on(notice);
    return answered(p.on(PendingCommand.toCsw(doorbell)));
  }
}
