package org.peerpath.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Users embed the model, so each actor's file tells them which of its messages are theirs to send
 * (docs/architecture.md, "Published and internal protocol"): every public type and factory in it is
 * either published, as listed here and there, or marked {@code @InternalApi}. Read from the
 * sources, since Pekko's annotation is not kept at run time.
 */
class PublishedProtocolTest {
  private static final Path SOURCES = Path.of("src/main/java/org/peerpath");

  /** Per actor, what is published; the rest of its public types and factories is internal. */
  private static final Map<String, Set<String>> PUBLISHED =
      Map.of(
          "server/Server.java",
          Set.of("Command", "Submit"),
          "host/Host.java",
          Set.of("Command", "Send"),
          "subsystem/Control.java",
          Set.of(
              "Command",
              "Fail",
              "Repair",
              "Subscribe",
              "CrashServer",
              "RestartServer",
              "Partition",
              "Heal"),
          "adapter/Adapter.java",
          Set.of("Command"),
          "memory/MemoryRegion.java",
          Set.of("Command"),
          "disk/Disk.java",
          Set.of("Command"));

  /** A public nested type or a public static factory, with the annotation that may precede it. */
  private static final Pattern DECLARATION =
      Pattern.compile(
          "(@InternalApi\\s+)?public (?:(?:static|final|sealed|abstract) )*"
              + "(?:(?:record|interface|class|enum) (\\w+)|\\S+ (create)\\()");

  /** The public types and factories in {@code source} that are not marked internal. */
  static Set<String> unmarked(String source, String actor) {
    Set<String> found = new TreeSet<>();
    Matcher m = DECLARATION.matcher(source);
    while (m.find()) {
      String name = m.group(2) != null ? m.group(2) : m.group(3);
      if (m.group(1) == null && !name.equals(actor)) found.add(name);
    }
    return found;
  }

  @Test
  void everyPublicTypeAndFactoryOfAnActorIsPublishedOrMarkedInternal() throws IOException {
    for (var actor : PUBLISHED.entrySet()) {
      String file = actor.getKey();
      String name = file.substring(file.indexOf('/') + 1, file.length() - ".java".length());
      assertEquals(
          new TreeSet<>(actor.getValue()),
          unmarked(Files.readString(SOURCES.resolve(file)), name),
          file + ": what is public and not @InternalApi");
    }
  }

  @Test
  void theReaderTellsMarkedFromUnmarkedDeclarations() {
    String source =
        """
        public final class Thing {
          public sealed interface Command {}
          public record Ask(int n) implements Command {}
          /** Internal. */
          @InternalApi
          public record Tell(int n) implements Command {}
          @InternalApi
          public static Behavior<Command> create() {}
          public static Behavior<Command> create(int n) {}
          public static final class Crashed extends RuntimeException {}
        }
        """;
    assertEquals(Set.of("Command", "Ask", "create", "Crashed"), unmarked(source, "Thing"));
  }
}
