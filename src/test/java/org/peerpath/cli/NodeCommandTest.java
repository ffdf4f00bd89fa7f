package org.peerpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/peerpath node} refuses bad input with one line and exit 2, before any actor system
 * starts: an unknown role, a name its role does not carry, a port out of range or in use, a seed
 * that is not HOST:PORT.
 */
class NodeCommandTest {

  private static void refused(String expected, String... args) {
    var r = CommandLineContractTest.peerpath(args);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());
    assertEquals("", r.out());
  }

  @Test
  void badInputIsRefusedWithOneLineAndExitTwo() {
    refused(
        "unknown role 'controller'",
        "node",
        "--role",
        "controller",
        "--name",
        "x",
        "--port",
        "2551");
    refused(
        "name it like server-1", "node", "--role", "server", "--name", "disk", "--port", "2551");
    refused(
        "--port 70000 is not in 1..65535",
        "node",
        "--role",
        "disk",
        "--name",
        "disk",
        "--port",
        "70000");
    refused(
        "--port 0 is not in 1..65535", "node", "--role", "disk", "--name", "disk", "--port", "0");
    refused(
        "bad seed '127.0.0.1'",
        "node",
        "--role",
        "disk",
        "--name",
        "disk",
        "--port",
        "2551",
        "--seed",
        "127.0.0.1");
  }

  @Test
  void whatTheModelCannotRunIsRefusedBeforeTheNodeStarts() throws Exception {
    String port;
    try (ServerSocket free = new ServerSocket()) {
      free.bind(new InetSocketAddress("127.0.0.1", 0));
      port = "" + free.getLocalPort();
    }
    refused(
        "server-3 is not a server of this configuration: peerpath.subsystem.servers = 2",
        "node",
        "--role",
        "server",
        "--name",
        "server-3",
        "--port",
        port);
    refused(
        "--workload is for a host node",
        "node",
        "--role",
        "server",
        "--name",
        "server-1",
        "--port",
        port,
        "--workload",
        "4");
    refused(
        "--workload 5000 is more blocks than the disk's 1024",
        "node",
        "--role",
        "host",
        "--name",
        "host-1",
        "--port",
        port,
        "--workload",
        "5000");
    refused(
        "give --disk-dir or --disk-in-memory, not both",
        "node",
        "--role",
        "disk",
        "--name",
        "disk",
        "--port",
        port,
        "--disk-in-memory",
        "--disk-dir",
        "x");
    refused(
        "are for the disk node",
        "node",
        "--role",
        "host",
        "--name",
        "host-1",
        "--port",
        port,
        "--disk-in-memory");
  }

  @Test
  void aPortInUseIsRefused() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      refused(
          "is the port in use?",
          "node",
          "--role",
          "disk",
          "--name",
          "disk",
          "--port",
          "" + taken.getLocalPort());
    }
  }

  @Test
  void helpExplainsTheNode() {
    var r = CommandLineContractTest.peerpath("node", "--help");
    assertEquals(0, r.exit());
    for (String option : List.of("--role", "--name", "--port", "--seed", "--tls"))
      assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
    assertFalse(r.out().contains("--exit-with-stdin"), "a hidden option shows");
  }
}
