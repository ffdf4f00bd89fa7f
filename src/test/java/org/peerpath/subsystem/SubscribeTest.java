package org.peerpath.subsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerpath.subsystem.Fixtures.ms;
import static org.peerpath.subsystem.Fixtures.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.peerpath.command.IoCommand;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;

/** A subscriber gets every event from when it subscribes until it unsubscribes. */
class SubscribeTest {

  @Test
  void aSubscriberGetsTheEventsOfItsTimeAndNoneAfterItUnsubscribes() {
    try (var run = VirtualSubsystem.start(settings())) {
      List<HistoryEvent> got = new ArrayList<>();
      var subscriber =
          run.runtime()
              .spawn(
                  Behaviors.receive(HistoryEvent.class)
                      .onMessage(
                          HistoryEvent.class,
                          e -> {
                            got.add(e);
                            return Behaviors.same();
                          })
                      .build(),
                  "subscriber");
      run.subsystem().subscribe(subscriber);
      run.submitAt(ms(1), IoCommand.read("r1", 1, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      run.runtime().runUntilQuiescent();
      int during = got.size();
      assertTrue(got.stream().anyMatch(e -> e.kind() == Kind.REPLY), "the reply was seen");
      run.subsystem().unsubscribe(subscriber);
      run.submitAt(ms(5), IoCommand.read("r2", 1, 1), "server-1");
      assertTrue(run.runUntilReplied(Duration.ofSeconds(1)));
      run.runtime().runUntilQuiescent();
      assertEquals(during, got.size(), "nothing after unsubscribing");
    }
  }
}
