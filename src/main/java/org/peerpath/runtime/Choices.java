package org.peerpath.runtime;

import java.util.Arrays;

/**
 * The choices a run made where more than one task was ready: at the i-th such point, {@code
 * chosen[i]} of {@code options[i]} ready tasks (oldest first). {@link Schedule#ofChoices} with
 * {@code chosen} runs the same schedule again on the same inputs; a systematic search varies it.
 */
public record Choices(int[] chosen, int[] options) {

  public Choices {
    if (chosen.length != options.length)
      throw new IllegalArgumentException("one option count per choice");
    chosen = chosen.clone();
    options = options.clone();
  }

  /** How many choice points the run had. */
  public int points() {
    return chosen.length;
  }

  @Override
  public int[] chosen() {
    return chosen.clone();
  }

  @Override
  public int[] options() {
    return options.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Choices c
        && Arrays.equals(chosen, c.chosen)
        && Arrays.equals(options, c.options);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(chosen) + Arrays.hashCode(options);
  }

  @Override
  public String toString() {
    return Arrays.toString(chosen) + " of " + Arrays.toString(options);
  }
}
