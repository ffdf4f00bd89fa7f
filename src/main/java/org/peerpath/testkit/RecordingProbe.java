package org.peerpath.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * An actor that records every message it receives, for a test on virtual time to read after it has
 * driven the system. It never waits: Pekko's {@code TestProbe.expectMessage} blocks the thread
 * until a message arrives, and under virtual time that thread is the only one that could deliver
 * it. So drive first ({@link VirtualTimeKit#runUntilQuiescent()}, {@link VirtualTimeKit#runFor}),
 * then expect.
 *
 * <p>The {@code expect...} methods read the messages in order, each once; {@link #messages()}
 * returns them all, read or not. They fail with a plain {@link AssertionError}, which every test
 * framework reports as a failure: the probe needs no JUnit on the class path.
 */
public final class RecordingProbe<M> {

  private final String name;
  private final Class<M> type;
  private final VirtualTimeKit kit;
  private final List<M> received = new ArrayList<>();
  private final ActorRef<M> ref;
  private int read;

  private RecordingProbe(VirtualTimeKit kit, Class<M> type, String name) {
    this.kit = kit;
    this.type = type;
    this.name = name;
    this.ref =
        kit.spawn(
            Behaviors.receiveMessage(
                m -> {
                  record(m);
                  return Behaviors.same();
                }),
            name);
  }

  static <M> RecordingProbe<M> spawn(VirtualTimeKit kit, Class<M> type, String name) {
    return new RecordingProbe<>(kit, type, name);
  }

  /** Where to send what the probe should record. */
  public ActorRef<M> ref() {
    return ref;
  }

  /** Every message received so far, oldest first. */
  public synchronized List<M> messages() {
    return List.copyOf(received);
  }

  /**
   * The next message not yet read.
   *
   * @throws AssertionError if every message received so far has been read
   */
  public synchronized M expectNext() {
    if (read == received.size()) {
      throw new AssertionError(
          name
              + " has no "
              + (read == 0 ? "" : "further ")
              + type.getSimpleName()
              + " at virtual time "
              + kit.now()
              + " (received "
              + read
              + "); drive the system first (runUntilQuiescent, runFor, runUntil): nothing runs"
              + " between two driving calls");
    }
    return received.get(read++);
  }

  /** The next message not yet read, which must equal {@code expected}. */
  public M expectMessage(M expected) {
    M m = expectNext();
    if (!Objects.equals(expected, m))
      throw new AssertionError(
          name + "'s next message ==> expected: <" + expected + "> but was: <" + m + ">");
    return m;
  }

  /** The next message not yet read, which must be a {@code c}. */
  public <T extends M> T expectMessageClass(Class<T> c) {
    M m = expectNext();
    if (!c.isInstance(m)) {
      throw new AssertionError(
          name + "'s next message is a " + m.getClass().getName() + ", not a " + c.getName());
    }
    return c.cast(m);
  }

  /** Fails if a message has arrived that was not read yet. */
  public synchronized void expectNoMessage() {
    if (read < received.size()) {
      throw new AssertionError(
          name
              + " received "
              + received.subList(read, received.size())
              + " by virtual time "
              + kit.now()
              + ", expected nothing more");
    }
  }

  private synchronized void record(M m) {
    received.add(m);
  }

  @Override
  public String toString() {
    return "RecordingProbe(" + name + ")";
  }
}
