package org.peerpath.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Driving from a second thread, or from inside actor code, fails fast. */
class DriverGuardTest {

  @Test
  void secondThreadDrivingConcurrentlyFails() {
    try (VirtualTimeSystem<Void> vts =
        VirtualTime.create(Behaviors.<Void>empty(), "guard-threads")) {
      AtomicReference<Throwable> other = new AtomicReference<>();
      boolean done =
          vts.runUntil(
              () -> {
                // Runs on the driver, inside runUntil: another thread tries to drive meanwhile.
                Thread intruder =
                    new Thread(
                        () -> {
                          try {
                            vts.runUntilQuiescent();
                          } catch (Throwable t) {
                            other.set(t);
                          }
                        });
                intruder.start();
                try {
                  intruder.join();
                } catch (InterruptedException e) {
                  throw new AssertionError(e);
                }
                return true;
              },
              Duration.ofMillis(1));
      assertTrue(done);
      assertInstanceOf(IllegalStateException.class, other.get());
      assertTrue(
          other.get().getMessage().contains("one thread at a time"), other.get().getMessage());
    }
  }

  @Test
  void drivingFromActorCodeFails() {
    List<String> seen = new ArrayList<>();
    Behavior<String> guardian =
        Behaviors.receive(
            (ctx, msg) -> {
              try {
                VirtualTimeSystem.of(ctx.getSystem()).runFor(Duration.ofMillis(1));
                seen.add("drove");
              } catch (IllegalStateException e) {
                seen.add("refused");
              }
              return Behaviors.same();
            });
    try (VirtualTimeSystem<String> vts = VirtualTime.create(guardian, "guard-reentrant")) {
      vts.system().tell("go");
      vts.runUntilQuiescent();
      assertEquals(List.of("refused"), seen);
    }
  }

  @Test
  void closedSystemRefusesToDrive() {
    VirtualTimeSystem<Void> vts = VirtualTime.create(Behaviors.<Void>empty(), "guard-closed");
    vts.close();
    vts.close(); // idempotent
    assertThrows(IllegalStateException.class, vts::runUntilQuiescent);
    assertThrows(IllegalStateException.class, () -> ModelClock.of(vts.system()));
  }
}
