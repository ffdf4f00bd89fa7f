package org.peerpath.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports on 127.0.0.1 for nodes a launcher or a test starts. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /**
   * {@code n} different ports free on 127.0.0.1 now: each bound at once, then all released. Another
   * process may take one before its node binds it; the node then fails to start and says so.
   */
  public static int[] free(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket();
        held.add(s);
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) s.close();
    }
  }
}
