package org.peerpath.subsystem;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerpath.adapter.Adapter;
import org.peerpath.adapter.FaultMode;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.memory.Window;
import org.peerpath.server.Server;

/**
 * Messages that may cross JVMs survive Pekko's Jackson CBOR serializer, payload bytes and actor
 * references included.
 */
class MessageSerializationTest {
  static final ActorTestKit testKit = ActorTestKit.create();
  static final SerializationTestKit serialization = new SerializationTestKit(testKit.system());

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  static List<Object> messages() {
    TestProbe<Object> probe = testKit.createTestProbe();
    ByteString data = ByteString.fromArray(new byte[] {1, 2, 3, 4});
    return List.of(
        new Server.Submit(
            "host-1", new IoCommand("w1", Op.WRITE, 7, 1, data), probe.getRef().unsafeUpcast()),
        new Server.Forward(
            "server-1",
            probe.getRef().unsafeUpcast(),
            "w1",
            2,
            (5L << 16) | 2,
            "memory-1",
            probe.getRef().unsafeUpcast(),
            128,
            3),
        new Server.Notice(65537, "adapter-2", Status.GOOD),
        new Server.Bounce(65537, "server-2", "adapter-2", 3, "adapter-2 hang"),
        new Server.PeerStatus("server-2", false, 3),
        new Server.InjectFault(FaultMode.RESET, 5_000_000),
        new Adapter.Execute(65537, "memory-1", probe.getRef().unsafeUpcast(), 0, 1),
        new Adapter.Completed(65537, "memory-1", 1, Status.MEDIUM_ERROR),
        new MemoryRegion.DmaWrite(65537, "adapter-2", 1, 128, data),
        new MemoryRegion.Setup(
            65537,
            "w1",
            1,
            List.of(new MemoryRegion.Placed(0, data)),
            "adapter-2",
            List.of(new Window(0, 64, Window.Access.READ), new Window(64, 16, Window.Access.CSW)),
            probe.getRef().unsafeUpcast(),
            probe.getRef().unsafeUpcast()),
        new MemoryRegion.DmaReadResult(9, Status.DMA_FAULT, ByteString.emptyByteString()),
        new Disk.Io(
            "adapter-1",
            2,
            9,
            "memory-1#5",
            Op.READ,
            7,
            2,
            ByteString.emptyByteString(),
            probe.getRef().unsafeUpcast()),
        new Disk.IoDone(9, Status.GOOD, "", data),
        new CommandResult(
            "r1",
            Status.GOOD,
            "",
            data,
            "server-1",
            HistoryEvent.Path.PEER,
            "adapter-2",
            HistoryEvent.Order.NOTICE_FIRST,
            2),
        HistoryEvent.at(1_250_000, Kind.CSW)
            .id("w1")
            .node("memory-1")
            .peer("adapter-2")
            .attempt(1)
            .epoch(1)
            .build());
  }

  @ParameterizedTest
  @MethodSource("messages")
  void survivesTheCborSerializer(Object message) {
    serialization.verifySerialization(message, true);
  }
}
