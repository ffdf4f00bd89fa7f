package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's settings refuse what cannot run, and its config says what docs/cluster.md says. */
class NodeSettingsTest {

  @Test
  void aSeedIsHostColonPort() {
    assertEquals(new Seed("127.0.0.1", 2551), Seed.parse("127.0.0.1:2551"));
    for (String bad :
        List.of("127.0.0.1", ":2551", "127.0.0.1:", "h:x1", "h:0", "h:65536", "h:123456"))
      assertThrows(IllegalArgumentException.class, () -> Seed.parse(bad), bad);
  }

  @Test
  void aNodeIsNamedAfterWhatItsRoleCarries() {
    NodeSettings.loopback(NodeRole.SERVER, "server-2", 2552, List.of());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NodeSettings.loopback(NodeRole.SERVER, "host-1", 2552, List.of()));
    assertTrue(e.getMessage().contains("server-1"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> NodeSettings.loopback(NodeRole.DISK, "disk-1", 2552, List.of()));
    assertThrows(IllegalArgumentException.class, () -> NodeRole.parse("controller"));
    assertEquals(NodeRole.HOST, NodeRole.parse("HOST"));
  }

  @Test
  void aServerNodeCarriesItsAdapterAndMemory() {
    assertEquals(List.of("server-2", "adapter-2", "memory-2"), NodeRole.elementsOf("server-2"));
    assertEquals(List.of("disk"), NodeRole.elementsOf("disk"));
  }

  @Test
  void aNodesConfigNamesItInItsRolesAndKeepsTheDisksSide() {
    var node =
        NodeSettings.loopback(
            NodeRole.SERVER, "server-2", 2552, List.of(Seed.parse("127.0.0.1:2551")));
    Config c = NodeConfig.of(node, ConfigFactory.empty());
    assertEquals("cluster", c.getString("pekko.actor.provider"));
    assertEquals(
        List.of("server", "node:server-2", "incarnation:" + node.incarnation()),
        c.getStringList("pekko.cluster.roles"));
    assertEquals("127.0.0.1", c.getString("pekko.remote.artery.canonical.hostname"));
    assertEquals(2552, c.getInt("pekko.remote.artery.canonical.port"));
    assertEquals("tcp", c.getString("pekko.remote.artery.transport"));
    assertEquals("keep-oldest", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    assertEquals("disk", c.getString("pekko.cluster.split-brain-resolver.keep-oldest.role"));
    assertTrue(!c.getBoolean("pekko.remote.artery.advanced.test-mode"));
    // A seed that never lets it in is given up, not retried for ever (Pekko's default is off).
    assertEquals(java.time.Duration.ofSeconds(30), c.getDuration(NodeConfig.JOIN_LIMIT_KEY));
    assertTrue(!c.getBoolean("pekko.actor.allow-java-serialization"));
    assertEquals(
        "jackson-cbor",
        c.getString("pekko.actor.serialization-bindings.\"org.peerpath.CborSerializable\""));
  }

  @Test
  void theApplicationsConfigIncludingEveryReferenceDoesNotTurnTheClusterOff() {
    var node = NodeSettings.loopback(NodeRole.DISK, "disk", 2551, List.of());
    Config application = ConfigFactory.parseResourcesAnySyntax("reference"); // what conf/ includes
    assertEquals("cluster", NodeConfig.of(node, application).getString("pekko.actor.provider"));
  }

  @Test
  void tlsTurnsArteryToTlsWithMutualAuthentication() {
    var node =
        NodeSettings.loopback(NodeRole.DISK, "disk", 2551, List.of())
            .withTls(new TlsStores(Path.of("/k.p12"), Path.of("/t.p12"), "secret"));
    Config c = NodeConfig.of(node, ConfigFactory.empty());
    assertEquals("tls-tcp", c.getString("pekko.remote.artery.transport"));
    String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
    assertTrue(c.getBoolean(engine + "require-mutual-authentication"));
    assertEquals("/k.p12", c.getString(engine + "key-store"));
    assertEquals("secret", c.getString(engine + "trust-store-password"));
    assertTrue(!node.tls().orElseThrow().toString().contains("secret"), "the password is printed");
  }

  @Test
  void theFrameFitsTheLargestDefaultCommandAndRefusesALargerOneByName() {
    var budget =
        FrameBudget.of(
            NodeConfig.of(
                NodeSettings.loopback(NodeRole.DISK, "disk", 2551, List.of()),
                ConfigFactory.empty()));
    Config reference = ConfigFactory.load();
    long largestCommand =
        (long) reference.getInt("peerpath.subsystem.max-transfer-blocks")
            * reference.getInt("peerpath.subsystem.block-size");
    assertTrue(budget.fits(largestCommand), budget + " cannot carry " + largestCommand);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> budget.require(budget.largestPayload() + 1, "a command of 1024 blocks"));
    assertTrue(e.getMessage().contains("maximum-frame-size"), e.getMessage());
  }

  @Test
  void oneKeyPerElementName() {
    assertEquals(
        ElementKeys.of("memory-1", String.class), ElementKeys.of("memory-1", String.class));
    assertTrue(
        !ElementKeys.of("memory-1", String.class).equals(ElementKeys.of("memory-2", String.class)));
  }
}
