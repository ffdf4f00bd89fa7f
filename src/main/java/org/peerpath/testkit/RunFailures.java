package org.peerpath.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A failure of a run's {@code @BeforeEach} (once it has taken the kit, it drives the actors under
 * the run's schedule) or {@code @AfterEach} (it may check what the actors did) is the run's failure
 * too: it is reported as the test's own is, naming the schedule.
 */
interface RunFailures
    extends TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  @Override
  default void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    handleTestExecutionException(context, failure);
  }

  @Override
  default void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    handleTestExecutionException(context, failure);
  }
}
