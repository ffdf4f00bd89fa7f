package org.peerpath.testkit;

import org.peerpath.runtime.DepthFirstSearch;
import org.peerpath.runtime.Schedule;
import org.peerpath.runtime.VirtualTimeSystem;

/**
 * The actor system that the runs of one exploration share. Creating an actor system costs 50 to 100
 * ms, a run of a small test well under one; so each run gets a kit that borrows this system and,
 * when closed, stops the actors the run spawned. The next run then finds the system as the first
 * found it, quiescent and with no actor of a run's in it; its clock has moved on, which changes no
 * order (timers are relative) and which the kit's {@link VirtualTimeKit#now()} hides.
 *
 * <p>That holds while a run leaves nothing else behind. A timer still pending once its actors have
 * stopped is caught: the system is closed, and the next run gets a new one. What is not caught
 * (state in an extension of the run's, an actor spawned past the kit) the FIFO run's repeat is
 * there to find: {@link #freshEachRun()} makes every run start on a new system, as a replay does.
 */
final class SharedSystem implements AutoCloseable {

  private final String name;
  private VirtualTimeSystem<Void> system;
  private int timersAtRest;
  private boolean freshEachRun;
  private DepthFirstSearch search;

  SharedSystem(String name) {
    this.name = name;
  }

  /** From the next run on, each run gets a system of its own. */
  void freshEachRun() {
    freshEachRun = true;
  }

  boolean isFreshEachRun() {
    return freshEachRun;
  }

  /**
   * From now on, the runs are those of {@code s}: each system they run on, this one and any new
   * one, follows it past the choices of a schedule it handed out.
   */
  void search(DepthFirstSearch s) {
    search = s;
    if (system != null) system.search(s);
  }

  /** A kit for one run under {@code schedule}; close it before asking for the next. */
  VirtualTimeKit kit(Schedule schedule) {
    if (freshEachRun) {
      close();
      VirtualTimeSystem<Void> own = VirtualTimeKit.oneMessagePerTurn(name);
      if (search != null) own.search(search);
      return VirtualTimeKit.owning(own, schedule);
    }
    if (system == null) {
      system = VirtualTimeKit.oneMessagePerTurn(name);
      system.runUntilQuiescent();
      timersAtRest = system.pendingTimers();
      if (search != null) system.search(search);
    }
    return VirtualTimeKit.borrowing(system, schedule, this::returned);
  }

  /** After a run: a system with a timer of that run's still pending is not reused. */
  void returned() {
    if (system != null
        && (freshEachRun
            || system.pendingTimers() != timersAtRest
            || system.system().whenTerminated().isCompleted())) close();
  }

  @Override
  public void close() {
    if (system != null) {
      VirtualTimeSystem<Void> s = system;
      system = null;
      s.close();
    }
  }
}
