package org.peerpath.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.apache.pekko.event.NoMarkerLogging$;
import org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The TLS stores as TlsStores makes and finds them, and the keytool runs it makes them with. */
@Timeout(value = 50, unit = TimeUnit.SECONDS)
class TlsStoresTest {
  /** Stores made once for the class (keytool takes seconds); tests that change them copy them. */
  @TempDir static Path once;

  static Path made;

  @TempDir Path dir;

  private static final String ENGINE = "pekko.remote.artery.ssl.config-ssl-engine.";

  @BeforeAll
  static void makeStores() throws IOException {
    made = once.resolve("tls");
    TlsStores.ensure(made);
  }

  @Test
  void aNewDirectoryGetsWhatANodeNeedsAndASecondLookFindsTheSame() throws IOException {
    for (String f : TlsStores.NODE_FILES) assertTrue(Files.isRegularFile(made.resolve(f)), f);
    byte[] keyStore = Files.readAllBytes(made.resolve(TlsStores.KEY_STORE));
    TlsStores again = TlsStores.ensure(made);
    assertEquals(made.resolve(TlsStores.KEY_STORE).toAbsolutePath(), again.keyStore());
    assertEquals(made.resolve(TlsStores.TRUST_STORE).toAbsolutePath(), again.trustStore());
    assertEquals(Files.readString(made.resolve(TlsStores.PASSWORD)).strip(), again.password());
    assertArrayEquals(keyStore, Files.readAllBytes(again.keyStore()));
  }

  @Test
  void theAuthoritysKeyStaysApartUnderAPasswordOfItsOwn() throws Exception {
    assertEquals(
        Set.of(".lock", "authority", "node-keystore.p12", "store-password", "truststore.p12"),
        names(made));
    Path authority = made.resolve(TlsStores.AUTHORITY);
    assertEquals(
        Set.of("ca-password", "ca.p12", "ca.pem", "node.csr", "node.pem"), names(authority));
    assertNotEquals(
        Files.readString(made.resolve(TlsStores.PASSWORD)),
        Files.readString(authority.resolve("ca-password")));
    char[] password = Files.readString(made.resolve(TlsStores.PASSWORD)).strip().toCharArray();
    KeyStore node = KeyStore.getInstance(made.resolve(TlsStores.KEY_STORE).toFile(), password);
    assertEquals(Set.of("ca", "node"), Set.copyOf(Collections.list(node.aliases())));
    assertTrue(node.isKeyEntry("node"));
    assertTrue(node.isCertificateEntry("ca"), "the node's key store holds the authority's key");
    KeyStore trust = KeyStore.getInstance(made.resolve(TlsStores.TRUST_STORE).toFile(), password);
    assertEquals(List.of("ca"), Collections.list(trust.aliases()));
    assertTrue(trust.isCertificateEntry("ca"));
  }

  @Test
  void theDirectoriesAndEveryFileInThemAreTheOwnersAlone() throws IOException {
    assumeTrue(Files.getFileStore(made).supportsFileAttributeView(PosixFileAttributeView.class));
    try (Stream<Path> all = Files.walk(made)) {
      for (Path p : all.toList())
        assertEquals(
            Files.isDirectory(p) ? "rwx------" : "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
            made.relativize(p).toString());
    }
  }

  @Test
  void aNodesThreeFilesAloneAreUsedAsTheyAre() throws IOException {
    for (String f : TlsStores.NODE_FILES) Files.copy(made.resolve(f), dir.resolve(f));
    Map<String, byte[]> before = contents(dir);
    TlsStores stores = TlsStores.ensure(dir);
    assertEquals(dir.resolve(TlsStores.KEY_STORE).toAbsolutePath(), stores.keyStore());
    Map<String, byte[]> after = contents(dir);
    after.remove(".lock");
    assertEquals(before.keySet(), after.keySet());
    for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f);
  }

  @Test
  void aDirectoryThatLacksOneOfANodesFilesIsRefusedAndKeepsWhatItHas() throws IOException {
    Path partial = copy(made, dir.resolve("tls"));
    Files.delete(partial.resolve(TlsStores.PASSWORD));
    Map<String, byte[]> before = contents(partial);

    TlsStores.Unusable e = assertThrows(TlsStores.Unusable.class, () -> TlsStores.ensure(partial));

    assertTrue(
        e.getMessage()
            .startsWith(
                "the TLS stores in "
                    + partial
                    + " are incomplete: it has authority, node-keystore.p12, truststore.p12 but"
                    + " not store-password. Copy the missing files"),
        e.getMessage());
    assertTrue(e.getMessage().contains("remove " + partial + " to start over"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "more than one line");
    Map<String, byte[]> after = contents(partial);
    assertEquals(before.keySet(), after.keySet());
    for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f);
  }

  @Test
  void aDirectoryWithFilesOfItsOwnIsNotMadeInto() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    TlsStores.Unusable e = assertThrows(TlsStores.Unusable.class, () -> TlsStores.ensure(dir));
    assertTrue(
        e.getMessage()
            .contains(
                "it has notes.txt but not node-keystore.p12, truststore.p12, store-password."),
        e.getMessage());
    assertEquals(Set.of("notes.txt", ".lock"), contents(dir).keySet());
  }

  @Test
  void theDocsMakeTheStoresByHandWithTheSameCommands() throws IOException {
    List<String> byHand =
        Files.readAllLines(Path.of("docs", "cluster.md")).stream()
            .filter(l -> l.startsWith("keytool "))
            .map(l -> l.substring("keytool ".length()))
            .toList();
    assertEquals(TlsStores.COMMANDS, byHand);
  }

  @Test
  void theClusterConfigStatesTheProtocolAndSuitesItselfNotPekkosDefaults() {
    Config own =
        ConfigFactory.parseResources(NodeConfig.class.getClassLoader(), NodeConfig.RESOURCE);
    assertEquals("TLSv1.3", own.getString(ENGINE + "protocol"));
    assertEquals(
        List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"),
        own.getStringList(ENGINE + "enabled-algorithms"));
    assertFalse(own.getBoolean(ENGINE + "hostname-verification"));
  }

  @Test
  void twoNodesWithTheStoresCompleteAMutuallyAuthenticatedHandshakeAsConfigured() throws Exception {
    var node =
        NodeSettings.loopback(NodeRole.DISK, "disk", 2551, List.of())
            .withTls(TlsStores.ensure(made));
    Config config = NodeConfig.of(node, ConfigFactory.empty());
    var engines =
        new ConfigSSLEngineProvider(
            config.getConfig(ENGINE.substring(0, ENGINE.length() - 1)), NoMarkerLogging$.MODULE$);
    SSLEngine client = engines.createClientSSLEngine("127.0.0.1", 2552);
    SSLEngine server = engines.createServerSSLEngine("127.0.0.1", 2551);

    handshake(client, server);

    assertEquals("TLSv1.3", client.getSession().getProtocol());
    assertTrue(
        config
            .getStringList(ENGINE + "enabled-algorithms")
            .contains(client.getSession().getCipherSuite()),
        client.getSession().getCipherSuite());
    assertEquals("CN=peerpath-node", server.getSession().getPeerPrincipal().getName());
    assertEquals("CN=peerpath-node", client.getSession().getPeerPrincipal().getName());
  }

  @Test
  void aProgramThatHangsIsKilledWithItsChildrenAtTheLimitAndTheErrorSaysSo() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    long start = System.nanoTime();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                TlsStores.run(
                    dir,
                    List.of("/bin/sh", "-c", "echo started; sleep 600 & echo $! > sleep.pid; wait"),
                    "a hung program",
                    Duration.ofSeconds(3)));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "it waited on");
    assertTrue(
        e.getMessage().startsWith("a hung program did not finish within 3 s in " + dir),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("and was stopped: started"), e.getMessage());
    long sleeper = Long.parseLong(Files.readString(dir.resolve("sleep.pid")).strip());
    ProcessHandle.of(sleeper).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void aProgramThatFailsIsReportedWithItsExitCodeAndOutput() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                TlsStores.run(
                    dir,
                    List.of(
                        "/bin/sh", "-c", "echo keytool error: >&2; echo alias ca exists; exit 3"),
                    "keytool -genkeypair",
                    Duration.ofSeconds(20)));
    assertEquals(
        "keytool -genkeypair failed in " + dir + " (exit 3): keytool error: / alias ca exists",
        e.getMessage());
  }

  /** Drives both engines' handshake in memory, each one's output the other's input. */
  static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
    ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    ByteBuffer received = ByteBuffer.allocate(1 << 17);
    client.beginHandshake();
    server.beginHandshake();
    for (int i = 0; i < 1000 && !(finished(client) && finished(server)); i++) {
      step(client, toServer, toClient, received);
      step(server, toClient, toServer, received);
    }
    assertTrue(finished(client) && finished(server), "the handshake did not finish");
  }

  private static boolean finished(SSLEngine engine) {
    return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
  }

  private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer received)
      throws SSLException {
    switch (engine.getHandshakeStatus()) {
      case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
      case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
        in.flip();
        engine.unwrap(in, received);
        in.compact();
      }
      case NEED_TASK -> {
        for (Runnable task = engine.getDelegatedTask();
            task != null;
            task = engine.getDelegatedTask()) task.run();
      }
      default -> {}
    }
  }

  /** Every file under {@code root}, by its path relative to it, with its bytes. */
  static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList())
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
    }
    return files;
  }

  static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
    }
    return to;
  }
}
