package org.peerpath.testkit;

import org.opentest4j.AssertionFailedError;

/**
 * The one use of opentest4j by the classes that work without JUnit ({@link FailedSchedule}): loaded
 * (and verified, which loads opentest4j) only for a failure that is an opentest4j assertion, so
 * only when opentest4j is on the class path.
 */
final class ExpectedAndActual {

  private ExpectedAndActual() {}

  /** An assertion failure saying {@code message}, with {@code failure}'s values and as cause. */
  static AssertionError keeping(String message, Throwable failure) {
    AssertionFailedError a = (AssertionFailedError) failure;
    if (!a.isExpectedDefined() && !a.isActualDefined())
      return new AssertionFailedError(message, failure);
    return new AssertionFailedError(
        message,
        a.isExpectedDefined() ? a.getExpected().getValue() : null,
        a.isActualDefined() ? a.getActual().getValue() : null,
        failure);
  }
}
