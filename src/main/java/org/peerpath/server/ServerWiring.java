package org.peerpath.server;

import org.apache.pekko.actor.typed.ActorRef;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.history.History;
import org.peerpath.memory.MemoryRegion;

/** What a server and its waiting commands share: names, references and the subsystem's services. */
record ServerWiring(
    String name,
    ActorRef<Server.Command> self,
    String memoryName,
    ActorRef<MemoryRegion.Command> memory,
    ActorRef<Disk.Command> disk,
    ServerSettings settings,
    Fabric fabric,
    History history,
    CommandReplies replies) {

  /**
   * Where the memory and the disk answer a waiting command: the server's own message adapters,
   * which hand each answer to the command its grant id names.
   */
  record CommandReplies(
      ActorRef<MemoryRegion.SetUp> setUps,
      ActorRef<MemoryRegion.CswWritten> doorbell,
      ActorRef<MemoryRegion.Fenced> memoryFences,
      ActorRef<Disk.Preempted> diskFences,
      ActorRef<MemoryRegion.Fetched> fetches) {}

  /** The server writes its own memory over the server-to-memory path. */
  void toMemory(MemoryRegion.Command message) {
    fabric.send(name, memoryName, memory, message);
  }
}
