package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Every dispatcher, including ones the application defines, runs on the driver thread. */
class NoForeignThreadsTest {

  @Test
  void allActorsRunOnTheDriverAndNoThreadIsStarted() {
    Set<String> threads = new TreeSet<>();
    List<String> replies = new ArrayList<>();
    Behavior<String> recorder =
        Behaviors.receiveMessage(
            m -> {
              threads.add(Thread.currentThread().getName());
              replies.add(m);
              return Behaviors.same();
            });
    Behavior<String> guardian =
        Behaviors.setup(
            ctx -> {
              List<ActorRef<String>> children =
                  List.of(
                      ctx.spawn(recorder, "default"),
                      ctx.spawn(recorder, "blocking", DispatcherSelector.blocking()),
                      ctx.spawn(
                          recorder,
                          "internal",
                          DispatcherSelector.fromConfig("pekko.actor.internal-dispatcher")),
                      ctx.spawn(
                          recorder,
                          "pinned",
                          DispatcherSelector.fromConfig("my-pinned-dispatcher")),
                      ctx.spawn(
                          recorder, "pool", DispatcherSelector.fromConfig("my-pool-dispatcher")));
              return Behaviors.receiveMessage(
                  m -> {
                    children.forEach(c -> c.tell(m));
                    return Behaviors.same();
                  });
            });
    var userConfig =
        ConfigFactory.parseString(
            String.join(
                "\n",
                "my-pinned-dispatcher { type = PinnedDispatcher, executor = thread-pool-executor }",
                "my-pool-dispatcher { type = Dispatcher, executor = fork-join-executor }"));
    try (VirtualTimeSystem<String> vts = VirtualTime.create(guardian, "lonely", userConfig)) {
      vts.system().tell("hello");
      vts.runUntilQuiescent();
      assertEquals(5, replies.size());
      assertEquals(Set.of(Thread.currentThread().getName()), threads);
      // Pekko names its threads after the system ("lonely-pekko.actor...", "lonely-scheduler-1").
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        assertFalse(t.getName().contains("lonely"), "unexpected thread " + t.getName());
      }
    }
  }
}
