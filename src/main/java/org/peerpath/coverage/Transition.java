package org.peerpath.coverage;

import java.util.Comparator;

/** An actor of kind {@code actor}, in behaviour {@code state}, received a {@code message}. */
public record Transition(String actor, String state, String message)
    implements Comparable<Transition> {

  private static final Comparator<Transition> ORDER =
      Comparator.comparing(Transition::actor)
          .thenComparing(Transition::state)
          .thenComparing(Transition::message);

  @Override
  public int compareTo(Transition o) {
    return ORDER.compare(this, o);
  }
}
