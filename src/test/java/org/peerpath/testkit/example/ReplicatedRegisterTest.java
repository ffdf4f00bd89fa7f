package org.peerpath.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.peerpath.runtime.Schedule;
import org.peerpath.testkit.Exploration;
import org.peerpath.testkit.Explore;
import org.peerpath.testkit.FailedSchedule;
import org.peerpath.testkit.RecordingProbe;
import org.peerpath.testkit.VirtualTimeKit;
import org.peerpath.testkit.VirtualTimeTest;

/**
 * Replicated register: every acknowledged write is at every backup (three writes, two backups, each
 * write read back from the second backup as soon as it is acknowledged). A primary that
 * acknowledges on the first backup's reply breaks it, but only in orders that FIFO never takes;
 * exploring schedules finds one, and its report replays it exactly.
 */
class ReplicatedRegisterTest {

  private static final int WRITES = 3;
  private static final int EXPLORED = 200;

  /** The register with {@code acks}, three writes, and what the writer saw checked. */
  static void everyAcknowledgedWriteIsAtEveryBackup(VirtualTimeKit kit, Primary.Acks acks) {
    ActorRef<Backup.Command> first = kit.spawn(Backup.create("backup-1"), "backup-1");
    ActorRef<Backup.Command> second = kit.spawn(Backup.create("backup-2"), "backup-2");
    ActorRef<Primary.Command> primary =
        kit.spawn(
            Primary.create(
                List.of(
                    kit.spawn(Link.create(first), "link-1"),
                    kit.spawn(Link.create(second), "link-2")),
                acks),
            "primary");
    RecordingProbe<Writer.Observed> seen = kit.probe(Writer.Observed.class);
    kit.spawn(Writer.create(primary, second, WRITES, seen.ref()), "writer");

    kit.runUntilQuiescent();

    assertEquals(WRITES, seen.messages().size(), "every write acknowledged and read back");
    for (Writer.Observed o : seen.messages())
      assertEquals(
          o.acknowledged(),
          o.read().version(),
          "the version backup-2 held once write " + o.acknowledged() + " was acknowledged");
  }

  private static void ackOnFirstReply(VirtualTimeKit kit) {
    everyAcknowledgedWriteIsAtEveryBackup(kit, Primary.Acks.FIRST);
  }

  @VirtualTimeTest
  void underFifoTheRaceHides(VirtualTimeKit kit) {
    ackOnFirstReply(kit);
  }

  @Test
  void underFifoOneMessagePerTurnTheRaceHidesToo() {
    assertEquals(
        Optional.empty(),
        Exploration.replay("fifo", Schedule.FIFO, ReplicatedRegisterTest::ackOnFirstReply));
  }

  @Test
  void pctFindsTheRaceAndItsReportReplaysItExactly() {
    FailedSchedule found =
        Exploration.pct(EXPLORED)
            .run("pct", ReplicatedRegisterTest::ackOnFirstReply)
            .orElseThrow(() -> new AssertionError("no schedule of " + EXPLORED + " found it"));
    assertFoundAndReplayable(found, Schedule.Strategy.PCT);
  }

  @Test
  void randomSchedulesFindTheRaceToo() {
    FailedSchedule found =
        Exploration.random(EXPLORED)
            .run("random", ReplicatedRegisterTest::ackOnFirstReply)
            .orElseThrow(() -> new AssertionError("no schedule of " + EXPLORED + " found it"));
    assertFoundAndReplayable(found, Schedule.Strategy.RANDOM);
  }

  @Test
  void aDepthFirstSearchFindsTheRaceToo() {
    FailedSchedule found =
        Exploration.depthFirst(EXPLORED)
            .run("dfs", ReplicatedRegisterTest::ackOnFirstReply)
            .orElseThrow(() -> new AssertionError("no run of " + EXPLORED + " found it"));
    assertFoundAndReplayable(found, Schedule.Strategy.CHOICES);
  }

  /**
   * {@code found} is an explored schedule, not FIFO; the writer read an older version than the one
   * acknowledged; and both its schedule and its list of choices, replayed on a new actor system,
   * fail with the same message after the same choices.
   */
  private static void assertFoundAndReplayable(FailedSchedule found, Schedule.Strategy strategy) {
    assertEquals(strategy, found.schedule().strategy());
    assertTrue(found.index() >= 1, found.describe());
    String failure = found.failure().getMessage();
    assertTrue(failure.startsWith("the version backup-2 held once write "), failure);

    for (Schedule again : List.of(found.schedule(), found.replay())) {
      FailedSchedule replayed =
          Exploration.replay("replay", again, ReplicatedRegisterTest::ackOnFirstReply)
              .orElseThrow(() -> new AssertionError(again + " passed; " + found.describe()));
      assertEquals(failure, replayed.failure().getMessage(), again.describe());
      assertEquals(found.choices(), replayed.choices(), again.describe());
    }
  }

  @Explore(strategy = Schedule.Strategy.PCT, schedules = EXPLORED)
  void acknowledgingOnceEveryBackupHoldsTheWriteSurvivesPct(VirtualTimeKit kit) {
    everyAcknowledgedWriteIsAtEveryBackup(kit, Primary.Acks.ALL);
  }

  @Test
  void acknowledgingOnceEveryBackupHoldsTheWriteSurvivesRandomOrders() {
    assertEquals(
        Optional.empty(),
        Exploration.random(EXPLORED)
            .run("random", kit -> everyAcknowledgedWriteIsAtEveryBackup(kit, Primary.Acks.ALL)));
  }
}
