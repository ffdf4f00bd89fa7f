package org.peerpath.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The key material of Artery over TLS with mutual authentication: a certificate authority of the
 * cluster's own, one node key pair signed by it (every node shows the same certificate), a PKCS12
 * key store holding that key with its chain, and a PKCS12 trust store holding the authority alone.
 * A node trusts exactly the certificates its authority signed, so a node whose certificate comes
 * from another authority is refused at the handshake, in both directions.
 *
 * <p>{@link #ensure(Path)} makes them with the JDK's {@code keytool} in a new or empty directory,
 * the commands docs/cluster.md lists for making them by hand: at its top the three files every
 * machine that runs a node gets ({@link #NODE_FILES}, the password random), and in {@link
 * #AUTHORITY} the authority's key under a password of its own, which never leaves the machine the
 * stores were made on. The certificate names no node, so whoever holds the node files can join in
 * any role. The directory is never checked in (under target/ by default).
 *
 * @param keyStore the PKCS12 store with the node's key and chain
 * @param trustStore the PKCS12 store with the authority's certificate
 * @param password the password of both stores and of the key
 */
public record TlsStores(Path keyStore, Path trustStore, String password) {
  static final String KEY_STORE = "node-keystore.p12";
  static final String TRUST_STORE = "truststore.p12";
  static final String PASSWORD = "store-password";

  /** What a node needs, on every machine that runs one. */
  static final List<String> NODE_FILES = List.of(KEY_STORE, TRUST_STORE, PASSWORD);

  /**
   * The subdirectory of the authority: its key store, its own password, its certificate and the
   * node certificate it signed. It stays where the stores were made; it is needed only to sign.
   */
  static final String AUTHORITY = "authority";

  private static final String LOCK = ".lock";
  private static final Duration KEYTOOL_LIMIT = Duration.ofSeconds(60);

  /**
   * The keytool commands, run in the stores' directory, as docs/cluster.md gives them: the
   * authority (a self-signed key pair allowed to sign certificates, under a password of its own)
   * and its certificate; the node key pair, its request and the authority's signature on it; the
   * chain into the key store (the authority first, so that the signed reply is trusted); the
   * authority alone into the trust store. The authority's key and what it signed stay in {@link
   * #AUTHORITY}; a node needs only {@link #NODE_FILES}.
   */
  static final List<String> COMMANDS =
      List.of(
          "-genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname CN=peerpath-cluster-ca"
              + " -ext bc:c -validity 3650 -storetype PKCS12 -keystore authority/ca.p12"
              + " -storepass:file authority/ca-password",
          "-exportcert -rfc -alias ca -keystore authority/ca.p12"
              + " -storepass:file authority/ca-password -file authority/ca.pem",
          "-genkeypair -alias node -keyalg EC -groupname secp256r1 -dname CN=peerpath-node"
              + " -validity 3650 -storetype PKCS12 -keystore node-keystore.p12"
              + " -storepass:file store-password",
          "-certreq -alias node -keystore node-keystore.p12 -storepass:file store-password"
              + " -file authority/node.csr",
          "-gencert -alias ca -keystore authority/ca.p12 -storepass:file authority/ca-password"
              + " -rfc -infile authority/node.csr -outfile authority/node.pem -validity 3650"
              + " -ext ku:c=digitalSignature,keyAgreement -ext eku=serverAuth,clientAuth",
          "-importcert -noprompt -alias ca -file authority/ca.pem -keystore node-keystore.p12"
              + " -storepass:file store-password",
          "-importcert -alias node -file authority/node.pem -keystore node-keystore.p12"
              + " -storepass:file store-password",
          "-importcert -noprompt -alias ca -file authority/ca.pem -storetype PKCS12"
              + " -keystore truststore.p12 -storepass:file store-password");

  /**
   * The stores in {@code dir}, made now if {@code dir} is new or empty. A directory that holds
   * anything but lacks one of a node's three files (a partial copy, an earlier make's remains) is
   * refused, not filled: a new authority made there would leave every node that has the old one's
   * files unable to talk to this one, and would overwrite the old authority's key.
   *
   * @throws Unusable if {@code dir} holds part of the stores, or keytool failed to make them
   */
  public static TlsStores ensure(Path dir) throws IOException {
    Files.createDirectories(dir);
    // Nodes started together over TLS may all make the stores at once: one makes them.
    try (FileChannel lockFile =
        FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = lockFile.lock();
      try {
        List<String> there = entries(dir);
        List<String> missing =
            NODE_FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (there.isEmpty()) make(dir);
        else if (!missing.isEmpty()) throw new Unusable(incomplete(dir, there, missing));
        String password = Files.readString(dir.resolve(PASSWORD), StandardCharsets.UTF_8).strip();
        return new TlsStores(
            dir.resolve(KEY_STORE).toAbsolutePath(),
            dir.resolve(TRUST_STORE).toAbsolutePath(),
            password);
      } finally {
        lock.release();
      }
    }
  }

  /** The stores could not be used or made: the message says why and what to do. */
  public static final class Unusable extends IOException {
    Unusable(String message) {
      super(message);
    }
  }

  private static String incomplete(Path dir, List<String> there, List<String> missing) {
    List<String> shown = there.size() > 8 ? there.subList(0, 8) : there;
    return "the TLS stores in "
        + dir
        + " are incomplete: it has "
        + String.join(", ", shown)
        + (shown.size() < there.size() ? " and " + (there.size() - shown.size()) + " more" : "")
        + " but not "
        + String.join(", ", missing)
        + ". Copy the missing files from the directory the cluster's stores were made in, or"
        + " remove "
        + dir
        + " to start over with a new authority (every node then needs the new "
        + String.join(", ", NODE_FILES)
        + "); stores are made only in a new or empty directory";
  }

  /** What {@code dir} holds, the lock aside, sorted by name. */
  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(LOCK))
          .sorted()
          .toList();
    }
  }

  /** Makes the stores in {@code dir}, which is empty; on failure empties it again. */
  private static void make(Path dir) throws IOException {
    try {
      makeIn(dir);
    } catch (IOException | RuntimeException e) {
      // All that is there now was made here: removed, a later attempt starts afresh.
      try (Stream<Path> made = Files.walk(dir)) {
        for (Path p : made.sorted(Comparator.reverseOrder()).toList())
          if (!p.equals(dir) && !p.equals(dir.resolve(LOCK))) Files.deleteIfExists(p);
      } catch (IOException left) {
        e.addSuppressed(left);
      }
      throw e;
    }
  }

  private static void makeIn(Path dir) throws IOException {
    // The directories first: what keytool then creates under the umask is out of others' reach.
    ownerOnly(dir);
    Path authority = Files.createDirectory(dir.resolve(AUTHORITY));
    ownerOnly(authority);
    writeSecret(dir.resolve(PASSWORD));
    writeSecret(authority.resolve("ca-password"));
    for (String command : COMMANDS) keytool(dir, command.split(" "));
    try (Stream<Path> made = Files.walk(dir)) {
      for (Path p : made.toList()) ownerOnly(p);
    }
  }

  private static void writeSecret(Path file) throws IOException {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    Files.writeString(
        file,
        HexFormat.of().formatHex(secret),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE_NEW);
    ownerOnly(file);
  }

  /**
   * Readable and writable (a directory: and searchable) by the owner alone, where the file system
   * has POSIX permissions; elsewhere as the file system made it.
   */
  private static void ownerOnly(Path p) throws IOException {
    if (!Files.getFileStore(p).supportsFileAttributeView(PosixFileAttributeView.class)) return;
    Files.setPosixFilePermissions(
        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
  }

  private static void keytool(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // keytool is a short-lived JVM: the client compiler alone starts it faster.
    command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-Xshare:auto"));
    command.addAll(List.of(args));
    run(dir, command, "keytool " + args[0], KEYTOOL_LIMIT);
  }

  /**
   * Runs {@code command} in {@code dir} and waits at most {@code limit} for it: its output goes to
   * a file, not a pipe, so a program that hangs (or writes more than a pipe holds) cannot make the
   * wait unbounded; at the limit it is killed by its handle, its children first.
   */
  static void run(Path dir, List<String> command, String what, Duration limit) throws IOException {
    Path output = Files.createTempFile("peerpath-keytool", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
              .start();
      try {
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          kill(p);
          throw new Unusable(
              what
                  + " did not finish within "
                  + (limit.toMillis() % 1000 == 0
                      ? limit.toSeconds() + " s"
                      : limit.toMillis() + " ms")
                  + " in "
                  + dir
                  + " and was stopped"
                  + said(output));
        }
      } catch (InterruptedException e) {
        kill(p);
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while " + what + " ran in " + dir, e);
      }
      if (p.exitValue() != 0)
        throw new Unusable(
            what + " failed in " + dir + " (exit " + p.exitValue() + ")" + said(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      // The kill is asynchronous; once it is done the process is reaped and its file closed.
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String said(Path output) throws IOException {
    String out = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
    if (out.length() > 2000) out = out.substring(0, 2000) + " ...";
    return out.isEmpty() ? "" : ": " + out.replaceAll("\\s*\\R\\s*", " / ");
  }

  private static java.io.File nullFile() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** The password stays out of logs. */
  @Override
  public String toString() {
    return "TlsStores[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
  }
}
