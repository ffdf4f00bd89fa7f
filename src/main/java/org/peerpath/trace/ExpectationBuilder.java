package org.peerpath.trace;

import java.util.Objects;
import org.apache.pekko.util.ByteString;
import org.peerpath.command.Elements;
import org.peerpath.command.Status;
import org.peerpath.history.HistoryEvent;

/**
 * Builds a {@link Trace.Expectation} field by field, each named as in a trace's expect line; a
 * field never set is not checked:
 *
 * <pre>{@code
 * Trace.Expectation.builder("r1")
 *     .status(Status.GOOD)
 *     .data(TraceBuilder.fill(171, 4096))
 *     .path(HistoryEvent.Path.PEER)
 *     .servedBy("adapter-2")
 *     .order(HistoryEvent.Order.NOTICE_FIRST)
 *     .build();
 * }</pre>
 */
public final class ExpectationBuilder {
  private final String id;
  private int line;
  private Status status;
  private ByteString data;
  private HistoryEvent.Path path;
  private String servedBy;
  private HistoryEvent.Order order;

  ExpectationBuilder(String id) {
    if (Objects.requireNonNull(id, "id").isBlank())
      throw new IllegalArgumentException("an expectation's id must not be empty");
    this.id = id;
  }

  /**
   * {@code status}: how the command must end.
   *
   * @throws IllegalArgumentException for a status that never reaches a host
   */
  public ExpectationBuilder status(Status status) {
    if (!Objects.requireNonNull(status, "status").reachesHost()) {
      throw new IllegalArgumentException(
          "status of " + id + ": " + status + " stays inside the subsystem, no host sees it");
    }
    this.status = status;
    return this;
  }

  /** {@code data}: the bytes the reply carries (a read's data). */
  public ExpectationBuilder data(ByteString data) {
    this.data = Objects.requireNonNull(data, "data");
    return this;
  }

  /** {@code path}: the path of the attempt that completed the command. */
  public ExpectationBuilder path(HistoryEvent.Path path) {
    this.path = Objects.requireNonNull(path, "path");
    return this;
  }

  /**
   * {@code servedBy}: the adapter that served the completing attempt.
   *
   * @throws IllegalArgumentException unless it names an adapter, {@code adapter-N}
   */
  public ExpectationBuilder servedBy(String adapter) {
    if (Elements.index(Objects.requireNonNull(adapter, "servedBy"), Elements.ADAPTER_PREFIX) < 1) {
      throw new IllegalArgumentException(
          "servedBy of " + id + ": \"" + adapter + "\" is not an adapter, adapter-1, adapter-2...");
    }
    this.servedBy = adapter;
    return this;
  }

  /** {@code order}, on the peer path: which of the notice and the CSW reached the origin first. */
  public ExpectationBuilder order(HistoryEvent.Order order) {
    this.order = Objects.requireNonNull(order, "order");
    return this;
  }

  /** The expect line it comes from, which the reader's and the replay's messages name. */
  ExpectationBuilder line(int line) {
    this.line = line;
    return this;
  }

  /** The expectation; the builder may go on to build another. */
  public Trace.Expectation build() {
    return new Trace.Expectation(line, id, status, data, path, servedBy, order);
  }
}
