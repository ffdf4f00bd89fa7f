package org.peerpath.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.peerpath.CborSerializable;

/**
 * One thing that happened in a run, at a time measured from the run's start (virtual under the
 * virtual-time runtime, wall otherwise). Tests, replay and the demo all read these; the JSON form
 * is the history of docs/spec/trace-format.md, one object per line, fields in a fixed order so that
 * two identical runs write identical bytes. Fields that do not apply are null and left out.
 *
 * @param node the element where it happened ({@code server-1}, {@code memory-2}, ...)
 * @param peer the other element involved, if any (the target of a forward, the adapter of a DMA)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "at",
  "kind",
  "id",
  "node",
  "peer",
  "attempt",
  "status",
  "path",
  "servedBy",
  "order",
  "epoch",
  "offset",
  "length",
  "detail"
})
public record HistoryEvent(
    @JsonIgnore long atNanos,
    String kind,
    String id,
    String node,
    String peer,
    Integer attempt,
    String status,
    String path,
    String servedBy,
    String order,
    Long epoch,
    Long offset,
    Integer length,
    String detail)
    implements CborSerializable {

  public static final String SUBMITTED = "submitted";
  public static final String FORWARDED = "forwarded";
  public static final String DMA_READ = "dma-read";
  public static final String DMA_WRITE = "dma-write";
  public static final String CSW = "csw";
  public static final String NOTICE = "notice";
  public static final String REPLY = "reply";
  public static final String ADAPTER_DOWN = "adapter-down";
  public static final String ADAPTER_UP = "adapter-up";
  public static final String FENCED = "fenced";
  public static final String REFUSED = "refused";
  public static final String DISK_WRITE = "disk-write";
  public static final String DUPLICATE_WRITE = "duplicate-write";
  public static final String ADAPTER_FAILED = "adapter-failed";
  public static final String INCARNATED = "incarnated";
  public static final String REDRIVEN = "redriven";
  public static final String FAULT = "fault";
  public static final String REPAIR = "repair";

  @JsonProperty("at")
  public String at() {
    return Durations.format(atNanos);
  }

  /**
   * Reads an event back from its JSON or CBOR form, where {@code at} is an exact duration string.
   */
  @com.fasterxml.jackson.annotation.JsonCreator
  static HistoryEvent fromJson(
      @JsonProperty("at") String at,
      @JsonProperty("kind") String kind,
      @JsonProperty("id") String id,
      @JsonProperty("node") String node,
      @JsonProperty("peer") String peer,
      @JsonProperty("attempt") Integer attempt,
      @JsonProperty("status") String status,
      @JsonProperty("path") String path,
      @JsonProperty("servedBy") String servedBy,
      @JsonProperty("order") String order,
      @JsonProperty("epoch") Long epoch,
      @JsonProperty("offset") Long offset,
      @JsonProperty("length") Integer length,
      @JsonProperty("detail") String detail) {
    return new HistoryEvent(
        Durations.parseTimeNanos(at),
        kind,
        id,
        node,
        peer,
        attempt,
        status,
        path,
        servedBy,
        order,
        epoch,
        offset,
        length,
        detail);
  }

  /** A start for building one: {@code HistoryEvent.at(t, CSW).node("memory-1").build()}. */
  public static Builder at(long atNanos, String kind) {
    return new Builder(atNanos, kind);
  }

  /** Fluent construction, since most events fill only a few fields. */
  public static final class Builder {
    private final long at;
    private final String kind;
    private String id, node, peer, status, path, servedBy, order, detail;
    private Integer attempt, length;
    private Long epoch, offset;

    private Builder(long at, String kind) {
      this.at = at;
      this.kind = kind;
    }

    public Builder id(String v) {
      id = v;
      return this;
    }

    public Builder node(String v) {
      node = v;
      return this;
    }

    public Builder peer(String v) {
      peer = v;
      return this;
    }

    public Builder attempt(int v) {
      attempt = v;
      return this;
    }

    public Builder status(Object v) {
      status = String.valueOf(v);
      return this;
    }

    public Builder path(String v) {
      path = v;
      return this;
    }

    public Builder servedBy(String v) {
      servedBy = v;
      return this;
    }

    public Builder order(String v) {
      order = v;
      return this;
    }

    public Builder epoch(long v) {
      epoch = v;
      return this;
    }

    public Builder offset(long v) {
      offset = v;
      return this;
    }

    public Builder length(int v) {
      length = v;
      return this;
    }

    public Builder detail(String v) {
      detail = v;
      return this;
    }

    public HistoryEvent build() {
      return new HistoryEvent(
          at, kind, id, node, peer, attempt, status, path, servedBy, order, epoch, offset, length,
          detail);
    }
  }
}
