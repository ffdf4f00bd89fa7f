package org.peerpath.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The closed loop of bench --cluster: as many requests out as asked, the next one sent for each
 * answer, every answer counted by its outcome, and after Stop no new request, only the wait for
 * those still out.
 */
class LoopTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  /** A request as the loop sent it: its number and where its answer goes. */
  record Sent(long seq, ActorRef<String> replyTo) {}

  @Test
  void keepsItsNumberInFlightCountsEachOutcomeAndAfterStopOnlyWaitsForTheRest() throws Exception {
    TestProbe<Sent> far = testKit.createTestProbe();
    Loop.Counts counts = new Loop.Counts();
    CompletableFuture<Loop.Counts> done = new CompletableFuture<>();
    var loop =
        testKit.spawn(
            Loop.create(
                String.class,
                (seq, replyTo) -> far.getRef().tell(new Sent(seq, replyTo)),
                answer ->
                    switch (answer) {
                      case "peer" -> Loop.Outcome.PEER;
                      case "direct" -> Loop.Outcome.DIRECT;
                      default -> Loop.Outcome.FAILED;
                    },
                3,
                counts,
                done));
    List<Sent> out = new ArrayList<>(far.receiveSeveralMessages(3, Duration.ofSeconds(5)));
    far.expectNoMessage(Duration.ofMillis(100));
    assertEquals(List.of(0L, 1L, 2L), out.stream().map(Sent::seq).toList());

    // Each answer sends the next request, whatever its outcome.
    out.remove(0).replyTo().tell("direct");
    out.add(far.receiveMessage(Duration.ofSeconds(5)));
    out.remove(0).replyTo().tell("peer");
    out.add(far.receiveMessage(Duration.ofSeconds(5)));
    out.remove(0).replyTo().tell("BUSY");
    out.add(far.receiveMessage(Duration.ofSeconds(5)));
    assertEquals(List.of(3L, 4L, 5L), out.stream().map(Sent::seq).toList());

    loop.tell(new Loop.Stop());
    out.remove(0).replyTo().tell("direct");
    far.expectNoMessage(Duration.ofMillis(100));
    assertFalse(done.isDone(), "two answers are still out");
    for (Sent s : out) s.replyTo().tell("direct");
    Loop.Counts c = done.get(5, TimeUnit.SECONDS);
    assertEquals(6, c.sent());
    assertEquals(6, c.answered());
    assertEquals(4, c.direct());
    assertEquals(1, c.peer());
    assertEquals(1, c.failed());
    assertEquals(5, c.good());
  }

  @Test
  void aLoopStoppedWithNothingOutEndsAtOnce() throws Exception {
    TestProbe<Sent> far = testKit.createTestProbe();
    Loop.Counts counts = new Loop.Counts();
    CompletableFuture<Loop.Counts> done = new CompletableFuture<>();
    var loop =
        testKit.spawn(
            Loop.create(
                String.class,
                (seq, replyTo) -> far.getRef().tell(new Sent(seq, replyTo)),
                answer -> Loop.Outcome.DIRECT,
                1,
                counts,
                done));
    far.receiveMessage(Duration.ofSeconds(5)).replyTo().tell("direct");
    Sent second = far.receiveMessage(Duration.ofSeconds(5));
    loop.tell(new Loop.Stop());
    second.replyTo().tell("direct");
    assertEquals(2, done.get(5, TimeUnit.SECONDS).answered());
    far.expectNoMessage(Duration.ofMillis(100));
  }
}
