package org.peerpath.cluster;

/**
 * The address of a node to join through, as {@code HOST:PORT} ({@code 127.0.0.1:2551}); the
 * cluster's actor system name is fixed ({@link NodeConfig#SYSTEM_NAME}).
 */
public record Seed(String host, int port) {
  public Seed {
    if (host.isBlank()) throw new IllegalArgumentException("a seed needs a host");
    if (port < 1 || port > 65535)
      throw new IllegalArgumentException("seed port " + port + " is not in 1..65535");
  }

  /**
   * {@code HOST:PORT}.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  public static Seed parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1)
      throw new IllegalArgumentException(
          "bad seed '" + text + "': write it HOST:PORT, for instance 127.0.0.1:2551");
    String port = text.substring(colon + 1);
    if (!port.matches("[0-9]{1,5}"))
      throw new IllegalArgumentException(
          "bad seed '" + text + "': the port '" + port + "' is not a number in 1..65535");
    return new Seed(text.substring(0, colon), Integer.parseInt(port));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
