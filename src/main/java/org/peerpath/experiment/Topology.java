package org.peerpath.experiment;

import java.util.ArrayList;
import java.util.List;
import org.peerpath.command.Elements;

/**
 * The patent's two-server subsystem as queues: for each server its host link (one station each
 * way), its cores, its read cache in its memory and its adapter; one disk; the inter-server link,
 * one station each way, which the peer path's forwards, notices and cross-server DMAs share. The
 * stations carry the model's element names (server-1, adapter-1, disk, host-1->server-1,
 * server-1->server-2), so that a reader of the experiment finds the subsystem of DESIGN.md.
 *
 * <p>Why queues and not the actors: the actors model what happens to each command, and their fabric
 * delays each message by a fixed latency, but no element queues behind another or holds a cache,
 * and those decide how the recovery policies compare. The experiment therefore runs this queueing
 * model, under its own virtual time, with the figures of published hardware.
 */
final class Topology {
  /** Bytes of a command's control block: an NVMe submission queue entry is 64 bytes. */
  static final int CONTROL_BYTES = 64;

  /** Bytes of a command status word: an NVMe completion queue entry is 16 bytes. */
  static final int STATUS_BYTES = 16;

  final Station[] hostToServer = new Station[2];
  final Station[] serverToHost = new Station[2];
  final Station[] cores = new Station[2];
  final Station[] adapters = new Station[2];

  /** {@code links[i]} carries what server-i's side sends to the other side. */
  final Station[] links = new Station[2];

  final Station disk;
  final ReadCache[] caches = new ReadCache[2];
  final boolean[] adapterUp = {true, true};

  Topology(ExperimentSettings s, EventQueue events) {
    for (int i = 0; i < 2; i++) {
      String server = Elements.server(i + 1);
      String host = Elements.host(1);
      hostToServer[i] = new Station(host + "->" + server, events, 1, s.hostLinkLatency());
      serverToHost[i] = new Station(server + "->" + host, events, 1, s.hostLinkLatency());
      cores[i] = new Station(server, events, s.serverCores(), 0);
      adapters[i] = new Station(Elements.adapter(i + 1), events, 1, 0);
      links[i] =
          new Station(server + "->" + Elements.server(2 - i), events, 1, s.serverLinkLatency());
      caches[i] = new ReadCache(s.cacheBlocks());
      // Warm, as a server's cache is after a while in service: its clients' hot set, as much of
      // it as fits (Workload puts server-i's hot set at (i - 1) x hot-blocks).
      long warm = Math.min(s.hotBlocks(), s.cacheBlocks());
      for (long b = 0; b < warm; b++) caches[i].keep(i * s.hotBlocks() + b);
    }
    disk = new Station(Elements.DISK, events, s.diskChannels(), 0);
  }

  /** Adapter {@code a} fails: it is down and takes nothing more from its queue. */
  void fail(int a) {
    adapterUp[a] = false;
    adapters[a].dropWaiting();
  }

  /** Every station, for the report of how busy each was. */
  List<Station> stations() {
    List<Station> all = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      all.add(hostToServer[i]);
      all.add(serverToHost[i]);
      all.add(cores[i]);
      all.add(adapters[i]);
      all.add(links[i]);
    }
    all.add(disk);
    return all;
  }
}
