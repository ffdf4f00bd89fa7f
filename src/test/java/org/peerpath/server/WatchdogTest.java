package org.peerpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.peerpath.adapter.Adapter;

/**
 * The server's watchdog: hangs found within a period of an unanswered check, revival asked once per
 * incarnation.
 */
class WatchdogTest {
  final Watchdog watchdog = new Watchdog(1_000);

  @Test
  void aCheckUnansweredForAWholePeriodIsOverdueAndNoSecondOneGoesOut() {
    Adapter.HealthCheck check = watchdog.nextCheck(100);
    assertNotNull(check);
    assertNull(watchdog.nextCheck(600), "one check at a time");
    assertFalse(watchdog.overdue(1_099));
    assertTrue(watchdog.overdue(1_100));
  }

  @Test
  void anAnswerOfThisIncarnationClearsTheCheckAndAStaleOneDoesNot() {
    Adapter.HealthCheck check = watchdog.nextCheck(0);
    watchdog.answered(new Adapter.HealthOk(check.seq(), 1), 2);
    assertTrue(
        watchdog.overdue(1_000), "an answer from incarnation 1 says nothing about incarnation 2");
    watchdog.answered(new Adapter.HealthOk(check.seq(), 2), 2);
    assertFalse(watchdog.overdue(1_000));
    assertEquals(check.seq() + 1, watchdog.nextCheck(1_000).seq());
  }

  @Test
  void afterAHangItProbesUntilTheIncarnationAnswersThenAsksItBackOnce() {
    watchdog.nextCheck(0);
    watchdog.lost("hang");
    assertNotNull(watchdog.probe(3));
    assertFalse(watchdog.revive(new Adapter.HealthOk(9, 2), 3), "an older incarnation's answer");
    assertTrue(watchdog.revive(new Adapter.HealthOk(9, 3), 3));
    assertFalse(watchdog.revive(new Adapter.HealthOk(10, 3), 3), "asked once");
    assertNull(watchdog.probe(3), "no more probes for an incarnation already asked back");
  }

  @Test
  void aCrashedAdapterIsNotProbed() {
    watchdog.lost("crash");
    assertNull(watchdog.probe(1));
    assertFalse(watchdog.revive(new Adapter.HealthOk(1, 1), 1));
  }

  @Test
  void aRepairCountsAsAskingBack() {
    watchdog.lost("hang");
    watchdog.askedToComeBack(4);
    assertNull(watchdog.probe(4));
  }
}
