package org.peerpath.runtime;

/**
 * For actors that share state outside their messages (a log they all append to, a map they all
 * read): tells a search over schedules that the running actor's turn touched it. {@link
 * DepthFirstSearch} takes two turns for independent, and runs only one of their two orders, when
 * they touch no actor and no state in common; a turn that reads or writes a shared state without
 * saying so may make it skip an order that ends differently. Costs one thread-local read when no
 * search records, so it may stay in production code.
 */
public final class SharedState {

  private SharedState() {}

  /**
   * The running task touched the shared state {@code name}: it is dependent on every other task
   * that touches {@code name}.
   */
  public static void touched(String name) {
    Footprint.shared(name);
  }

  /**
   * The running task changed state that every actor may read (which nodes are up, say): it is
   * dependent on every other task. Cheaper for the readers than naming the state at every read,
   * when changes are rare and reads are everywhere.
   */
  public static void changedForAll() {
    Footprint.everything();
  }
}
