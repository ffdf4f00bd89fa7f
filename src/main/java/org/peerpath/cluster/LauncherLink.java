package org.peerpath.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A node's line to the process that launched it (the clustered demo, a test): the node's standard
 * input. The launcher keeps the pipe open for as long as it lives, so end of input means the
 * launcher is gone, killed or not, and the node leaves and ends: no node outlives its launcher.
 * Lines are commands: {@code cut HOST:PORT} and {@code heal HOST:PORT} ({@link Partitions}); the
 * node answers each on {@code out} ({@code cut 127.0.0.1:2552 done}, or {@code cut ADDR failed: no
 * member of the cluster is at ...; nothing cut} for an address no other member has).
 */
public final class LauncherLink {
  private LauncherLink() {}

  /**
   * Reads {@code in} on a daemon thread until its end, then calls {@code launcherGone}; each line
   * is obeyed on {@code node}, and its outcome written to {@code out}.
   */
  public static Thread follow(
      InputStream in, ClusterNode node, Consumer<String> out, Runnable launcherGone) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine())
                  if (!line.isBlank()) out.accept(obey(node, line.strip()));
              } catch (IOException e) {
                out.accept("launcher link lost: " + e.getMessage());
              }
              launcherGone.run();
            },
            "launcher-link");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** Obeys one command line and says how it went. */
  static String obey(ClusterNode node, String line) {
    String[] words = line.split("\\s+");
    if (words.length != 2 || !(words[0].equals("cut") || words[0].equals("heal")))
      return "unknown command '" + line + "': give cut HOST:PORT or heal HOST:PORT";
    try {
      var other = NodeConfig.address(Seed.parse(words[1]));
      var done =
          words[0].equals("cut")
              ? Partitions.cut(node.system(), other)
              : Partitions.heal(node.system(), other);
      done.toCompletableFuture().get(5, TimeUnit.SECONDS);
      return line + " done";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return line + " failed: interrupted";
    } catch (Exception e) {
      return line + " failed: " + e.getMessage();
    }
  }
}
