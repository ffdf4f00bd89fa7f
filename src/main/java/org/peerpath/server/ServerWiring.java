package org.peerpath.server;

import org.apache.pekko.actor.typed.ActorRef;
import org.peerpath.disk.Disk;
import org.peerpath.fabric.Fabric;
import org.peerpath.memory.MemoryRegion;
import org.peerpath.subsystem.SubsystemSettings;
import org.peerpath.trace.History;

/** What a server and its waiting states share: names, references and the subsystem's services. */
record ServerWiring(String name, ActorRef<Server.Command> self, String memoryName, ActorRef<MemoryRegion.Command> memory,
    ActorRef<Disk.Command> disk, SubsystemSettings settings, Fabric fabric, History history) {

  /** The server writes its own memory over the server-to-memory path. */
  void toMemory(MemoryRegion.Command message) {
    fabric.send(name, memoryName, memory, message);
  }
}
