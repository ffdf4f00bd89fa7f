package org.peerpath.host;

import java.util.List;
import org.peerpath.command.IoCommand;

/**
 * The two host policies reference.conf can name. An enum so that the settings that hold one print
 * and compare it by name.
 */
enum BuiltInPolicy implements HostPolicy {
  ROUND_ROBIN {
    @Override
    public String choose(IoCommand command, List<ServerLoad> servers, long chosenBefore) {
      return servers.get((int) (chosenBefore % servers.size())).name();
    }
  },
  LEAST_OUTSTANDING {
    @Override
    public String choose(IoCommand command, List<ServerLoad> servers, long chosenBefore) {
      ServerLoad best = servers.get(0);
      for (ServerLoad s : servers) if (s.outstanding() < best.outstanding()) best = s;
      return best.name();
    }
  }
}
