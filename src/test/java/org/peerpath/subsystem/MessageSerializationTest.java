package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerpath.CborSerializable;
import org.peerpath.adapter.Adapter;
import org.peerpath.adapter.FaultMode;
import org.peerpath.cluster.NodeTally;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Op;
import org.peerpath.command.Status;
import org.peerpath.disk.Disk;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.host.Host;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.memory.Window;
import org.peerpath.server.Server;
import org.peerpath.server.ServerMessageExamples;

/**
 * Messages that may cross JVMs survive Pekko's Jackson CBOR serializer, payload bytes and actor
 * references included: every message of every actor, published or internal (those that only their
 * own package can name come from {@link ServerMessageExamples}).
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
    List<Object> messages = new ArrayList<>(examples(probe));
    messages.addAll(ServerMessageExamples.examples(probe.getRef()));
    return messages;
  }

  private static List<Object> examples(TestProbe<Object> probe) {
    ByteString data = ByteString.fromArray(new byte[] {1, 2, 3, 4});
    return List.of(
        new Server.Submit(
            "host-1", new IoCommand("w1", Op.WRITE, 7, 1, data), probe.getRef().unsafeUpcast()),
        new Server.Peer("server-1", 1, probe.getRef().unsafeUpcast()),
        new Server.Introduce(
            List.of(new Server.Peer("server-2", 2, probe.getRef().unsafeUpcast()))),
        new Server.InjectFault(FaultMode.RESET, 5_000_000),
        new Server.RepairAdapter(),
        new Server.Submit("host-1", IoCommand.read("r1", 7, 1), probe.getRef().unsafeUpcast(), 42),
        new Server.NodeUnreachable("server-2"),
        new Server.NodeReachable("disk"),
        new Server.PeerUp(new Server.Peer("server-2", 2, probe.getRef().unsafeUpcast()), 1000001),
        new Server.Halt(),
        new MemoryRegion.Halt(),
        new Host.ServerUnreachable("server-2"),
        new Host.ServerReachable("server-2"),
        new Host.ServerUp(new Server.Peer("server-2", 2, probe.getRef().unsafeUpcast())),
        new Control.CrashServer("server-2"),
        new Control.RestartServer("server-2"),
        new Control.Partition("server-1", "server-2"),
        new Control.Heal("host-1", "disk"),
        new Disk.Preempt(
            "adapter-2", 1, "server-1", 65537, probe.getRef().unsafeUpcast(), "memory-1#65537"),
        new Disk.Io(
            "adapter-2",
            1,
            3,
            "host-1#42",
            Op.WRITE,
            7,
            1,
            data,
            probe.getRef().unsafeUpcast(),
            "memory-1#65537"),
        new Adapter.Execute(65537, "memory-1", probe.getRef().unsafeUpcast(), 0, 1),
        new Adapter.HealthCheck(7),
        new Adapter.InjectFault(FaultMode.HANG, 0),
        new Adapter.Repair(),
        new Adapter.Completed(65537, "memory-1", 1, Status.MEDIUM_ERROR),
        new Adapter.HealthOk(7, 1),
        new Adapter.Ready(2),
        new Adapter.Down(1, "reset"),
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
        new MemoryRegion.Placed(128, data),
        new MemoryRegion.Revoke(65537),
        new MemoryRegion.Fence("adapter-2", 1, 65537, probe.getRef().unsafeUpcast()),
        new MemoryRegion.DmaRead(65537, "adapter-2", 1, 9, 0, 64, probe.getRef().unsafeUpcast()),
        new MemoryRegion.Fetch(65537, 4096, 512, probe.getRef().unsafeUpcast()),
        new MemoryRegion.SetUp(65537),
        new MemoryRegion.CswWritten(65537, data),
        new MemoryRegion.Fenced("adapter-2", 1, 65537),
        new MemoryRegion.DmaReadResult(9, Status.DMA_FAULT, ByteString.emptyByteString()),
        new MemoryRegion.Fetched(65537, data),
        new Disk.Register("adapter-1", 2),
        new Disk.Preempt("adapter-1", 2, "server-1", 65537, probe.getRef().unsafeUpcast()),
        new Disk.Preempted("adapter-1", 2, 65537),
        new Host.Send(IoCommand.read("r1", 7, 1), null, probe.getRef().unsafeUpcast()),
        new Control.Fail("adapter-1", FaultMode.RESET, 5_000_000),
        new Control.Repair("adapter-1"),
        new Control.Subscribe(probe.getRef().unsafeUpcast()),
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
        new Disk.IoDone(
            10, Status.RESERVATION_CONFLICT, "no registration", ByteString.emptyByteString(), true),
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
        new NodeTally.Ask(probe.getRef().unsafeUpcast()),
        new NodeTally.Mark(1_790_000_000_000_000L),
        new NodeTally.Answer(
            "host-1",
            Map.of("retried", 3L),
            2,
            1,
            List.of(
                new NodeTally.Resend(
                    "w1", "server-1", 1_790_000_000_000_000L, "server-2 restarted"))),
        new NodeTally.Resend("w1", "server-1", 1_790_000_000_000_000L, "server-2 was busy"),
        HistoryEvent.at(1_250_000, Kind.CSW)
            .id("w1")
            .node("memory-1")
            .peer("adapter-2")
            .attempt(1)
            .epoch(1)
            .build());
  }

  /**
   * Every message an actor may be sent or may send has an example above. Only the actors' private
   * messages (to themselves: wrapped replies, a child's stop) are left out: they never leave the
   * JVM.
   */
  @Test
  void everyMessageOfEveryActorHasAnExample() {
    Set<Class<?>> shown = new HashSet<>();
    for (Object m : messages()) shown.add(m.getClass());
    List<String> missing = new ArrayList<>();
    for (Class<?> actor :
        List.of(
            Server.class,
            Adapter.class,
            MemoryRegion.class,
            Disk.class,
            Host.class,
            Control.class,
            NodeTally.class)) {
      for (Class<?> message : actor.getDeclaredClasses()) {
        if (message.isRecord()
            && CborSerializable.class.isAssignableFrom(message)
            && !Modifier.isPrivate(message.getModifiers())
            && !shown.contains(message)) missing.add(message.getName());
      }
    }
    assertEquals(List.of(), missing, "messages with no example in messages()");
  }

  @ParameterizedTest
  @MethodSource("messages")
  void survivesTheCborSerializer(Object message) {
    assertEquals(
        "org.apache.pekko.serialization.jackson.JacksonCborSerializer",
        org.apache.pekko.serialization.SerializationExtension.get(testKit.system())
            .findSerializerFor(message)
            .getClass()
            .getName(),
        "bound to jackson-cbor through CborSerializable");
    serialization.verifySerialization(message, true);
  }

  /** Java serialization is off: what lacks the marker does not serialize at all. */
  record Unmarked(String text) implements java.io.Serializable {}

  @org.junit.jupiter.api.Test
  void aMessageWithoutTheMarkerIsNotSerializedByJavaSerialization() {
    var serializationExtension =
        org.apache.pekko.serialization.SerializationExtension.get(testKit.system());
    org.junit.jupiter.api.Assertions.assertThrows(
        Exception.class, () -> serializationExtension.serialize(new Unmarked("x")).get());
  }
}
