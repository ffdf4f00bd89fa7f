package org.peerpath.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StationTest {
  private final EventQueue events = new EventQueue();
  private final List<String> done = new ArrayList<>();

  private Runnable record(String job) {
    return () -> done.add(job + "@" + events.now());
  }

  @Test
  void oneChannelServesJobsFirstInFirstOutAndEachTravelsItsLatencyAfterwards() {
    Station link = new Station("server-1->server-2", events, 1, 3);
    link.submit(10, record("a"));
    link.submit(4, record("b"));
    events.runUntil(1_000);
    // a holds the channel 0..10 and arrives at 13; b waits for it, 10..14, and arrives at 17.
    assertEquals(List.of("a@13", "b@17"), done);
    assertEquals(14, link.busyNanos());
    assertEquals(2, link.served());
  }

  @Test
  void withTwoChannelsAShortJobOvertakesALongOneThatStartedFirst() {
    Station disk = new Station("disk", events, 2, 0);
    disk.submit(100, record("long"));
    disk.submit(10, record("short"));
    disk.submit(10, record("third"));
    events.runUntil(1_000);
    // third waits for the first channel to free, which is short's at 10.
    assertEquals(List.of("short@10", "third@20", "long@100"), done);
  }

  @Test
  void aJobArrivingAtAnIdleStationStartsAtOnce() {
    Station cores = new Station("server-1", events, 1, 0);
    cores.submit(5, record("a"));
    events.runUntil(50);
    events.after(0, () -> cores.submit(5, record("b")));
    events.runUntil(100);
    assertEquals(List.of("a@5", "b@55"), done);
  }

  @Test
  void aFailedAdaptersQueueIsDroppedSoThatItIsFreeWhenRepaired() {
    Station adapter = new Station("adapter-1", events, 1, 0);
    for (int i = 0; i < 10; i++) adapter.submit(100, () -> {});
    events.runUntil(150);
    adapter.dropWaiting();
    adapter.submit(5, record("after"));
    events.runUntil(10_000);
    assertEquals(List.of("after@155"), done);
  }
}
