package org.peerpath.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.subsystem.SubsystemSettings;

/** No false failover: an adapter is declared down only after a fault took hold of it. */
class NoFalseFailoverCheckerTest {
  final SubsystemSettings settings = SubsystemSettings.traceDefaults();

  static HistoryEvent failed(long at, String adapter, long epoch) {
    return HistoryEvent.at(at, Kind.ADAPTER_FAILED)
        .node(adapter)
        .epoch(epoch)
        .detail("hang")
        .build();
  }

  static HistoryEvent down(long at, String adapter, long epoch, String reason) {
    return HistoryEvent.at(at, Kind.ADAPTER_DOWN)
        .node("server-1")
        .peer(adapter)
        .epoch(epoch)
        .detail(reason)
        .build();
  }

  @Test
  void aDownWithoutAFaultIsAFalseFailover() {
    var v = NoFalseFailoverChecker.check(List.of(down(10, "adapter-1", 1, "hang")), settings);
    assertEquals(1, v.size());
    assertEquals(NoFalseFailoverChecker.NAME, v.get(0).invariant());
  }

  @Test
  void aDownAfterAFaultOfThatIncarnationOrALaterOneIsNot() {
    assertEquals(
        List.of(),
        NoFalseFailoverChecker.check(
            List.of(failed(5, "adapter-1", 1), down(10, "adapter-1", 1, "hang")), settings));
    assertEquals(
        List.of(),
        NoFalseFailoverChecker.check(
            List.of(failed(5, "adapter-1", 2), down(10, "adapter-1", 1, "crash")), settings));
  }

  @Test
  void aFaultOfAnEarlierIncarnationOrAnotherAdapterDoesNotExcuseALaterDown() {
    assertEquals(
        1,
        NoFalseFailoverChecker.check(
                List.of(failed(5, "adapter-1", 1), down(10, "adapter-1", 2, "hang")), settings)
            .size());
    assertEquals(
        1,
        NoFalseFailoverChecker.check(
                List.of(failed(5, "adapter-2", 1), down(10, "adapter-1", 1, "hang")), settings)
            .size());
  }

  @Test
  void aRepairOfAWorkingAdapterIsNoFailover() {
    assertEquals(
        List.of(),
        NoFalseFailoverChecker.check(List.of(down(10, "adapter-1", 1, "reincarnated")), settings));
  }

  @Test
  void aHealthPathAsSlowAsTheWatchdogMakesAHealthyAdapterLookHungAndIsNotJudged() {
    var slow = settings.withLatencyPath("server-1->adapter-1", settings.watchdog().dividedBy(2));
    assertEquals(false, NoFalseFailoverChecker.applies(slow));
    assertEquals(
        List.of(), NoFalseFailoverChecker.check(List.of(down(10, "adapter-1", 1, "hang")), slow));
  }

  @Test
  void aSlowHealthPathOfOneServerDoesNotExcuseAnother() {
    var slow = settings.withLatencyPath("server-2->adapter-2", settings.watchdog().dividedBy(2));
    assertEquals(
        1, NoFalseFailoverChecker.check(List.of(down(10, "adapter-1", 1, "hang")), slow).size());
  }
}
