package org.peerpath.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The JDK's keytool, for stores the tests shape by hand, bounded as TlsStores bounds its own. */
final class Keytool {
  private Keytool() {}

  static void run(Path dir, String arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments.split(" ")));
    TlsStores.run(dir, command, "keytool " + arguments, Duration.ofSeconds(60));
  }
}
