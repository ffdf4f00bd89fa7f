package org.peerpath.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import org.peerpath.CborSerializable;

/**
 * One thing that happened in a run, at a time measured from the run's start (virtual under the
 * virtual-time runtime, wall otherwise). Tests, replay and the demo all read these; the JSON form
 * is the history of docs/spec/trace-format.md, one object per line, fields in a fixed order so that
 * two identical runs write identical bytes. Fields that do not apply are null and left out.
 *
 * @param node the element where it happened ({@code server-1}, {@code memory-2}, ...)
 * @param peer the other element involved, if any (the target of a forward, the adapter of a DMA)
 * @param path on a reply, the path of the attempt that completed the command, if one did
 * @param order on a reply by the peer path, which of the CSW and the notice came first
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
    Kind kind,
    String id,
    String node,
    String peer,
    Integer attempt,
    String status,
    Path path,
    String servedBy,
    Order order,
    Long epoch,
    Long offset,
    Integer length,
    String detail)
    implements CborSerializable {

  /**
   * Hashed by the wire names of its enums, not their identities: the same event hashes the same in
   * every JVM, so a digest of a history (simulate's determinism check) can be compared across runs.
   * The record's own equals agrees with it (equal enums have equal wire names).
   */
  @Override
  public int hashCode() {
    // Objects.hash of the fields, enums by wire name, without boxing them into an array: simulate
    // hashes every event of every seed.
    int h = 1;
    h = 31 * h + Long.hashCode(atNanos);
    h = 31 * h + (kind == null ? 0 : kind.wireName().hashCode());
    h = 31 * h + java.util.Objects.hashCode(id);
    h = 31 * h + java.util.Objects.hashCode(node);
    h = 31 * h + java.util.Objects.hashCode(peer);
    h = 31 * h + java.util.Objects.hashCode(attempt);
    h = 31 * h + java.util.Objects.hashCode(status);
    h = 31 * h + (path == null ? 0 : path.wireName().hashCode());
    h = 31 * h + java.util.Objects.hashCode(servedBy);
    h = 31 * h + (order == null ? 0 : order.wireName().hashCode());
    h = 31 * h + java.util.Objects.hashCode(epoch);
    h = 31 * h + java.util.Objects.hashCode(offset);
    h = 31 * h + java.util.Objects.hashCode(length);
    h = 31 * h + java.util.Objects.hashCode(detail);
    return h;
  }

  /**
   * What happened, written by its wire name ({@code "dma-read"}); docs/spec/trace-format.md, "The
   * history", says when each is recorded and which fields it fills.
   */
  public enum Kind {
    SUBMITTED("submitted"),
    FORWARDED("forwarded"),
    DMA_READ("dma-read"),
    DMA_WRITE("dma-write"),
    CSW("csw"),
    NOTICE("notice"),
    REPLY("reply"),
    ADAPTER_DOWN("adapter-down"),
    ADAPTER_UP("adapter-up"),
    FENCED("fenced"),
    REFUSED("refused"),
    DISK_WRITE("disk-write"),
    DUPLICATE_WRITE("duplicate-write"),
    ADAPTER_FAILED("adapter-failed"),
    INCARNATED("incarnated"),
    REDRIVEN("redriven"),
    FAULT("fault"),
    REPAIR("repair"),
    RETRIED("retried"),
    SERVER_DOWN("server-down"),
    SERVER_UP("server-up"),
    PARTITIONED("partitioned"),
    HEALED("healed"),
    UNREACHABLE("unreachable"),
    REACHABLE("reachable");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The name the history writes, {@code "dma-read"}. */
    @JsonValue
    public String wireName() {
      return wireName;
    }

    /** The kind the history writes as {@code wireName}; an unknown name is an error. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Kind of(String wireName) {
      return WireNames.of(values(), Kind::wireName, wireName, "a history kind");
    }

    /** The wire name, so that a message or a picture names the kind as the history does. */
    @Override
    public String toString() {
      return wireName;
    }
  }

  /** Which way the attempt that completed a command went: by its own server's adapter or a peer. */
  public enum Path {
    DIRECT("direct"),
    PEER("peer");

    private final String wireName;

    Path(String wireName) {
      this.wireName = wireName;
    }

    /** The name the history and the trace format write, {@code "peer"}. */
    @JsonValue
    public String wireName() {
      return wireName;
    }

    /** The path written as {@code wireName}; an unknown name is an error. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Path of(String wireName) {
      return WireNames.of(values(), Path::wireName, wireName, "a path");
    }

    /** The wire name, as the history writes it. */
    @Override
    public String toString() {
      return wireName;
    }
  }

  /**
   * On the peer path, which of the CSW and the peer's notice reached the origin server first
   * (claims 4, 7: the command completes only when both have, in either order).
   */
  public enum Order {
    NOTICE_FIRST("notice-first"),
    CSW_FIRST("csw-first");

    private final String wireName;

    Order(String wireName) {
      this.wireName = wireName;
    }

    /** The name the history and the trace format write, {@code "notice-first"}. */
    @JsonValue
    public String wireName() {
      return wireName;
    }

    /** The order written as {@code wireName}; an unknown name is an error. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Order of(String wireName) {
      return WireNames.of(values(), Order::wireName, wireName, "an order");
    }

    /** The wire name, as the history writes it. */
    @Override
    public String toString() {
      return wireName;
    }
  }

  @JsonProperty("at")
  public String at() {
    return Durations.format(atNanos);
  }

  /**
   * Reads an event back from its JSON or CBOR form, where {@code at} is an exact duration string.
   */
  @JsonCreator
  static HistoryEvent fromJson(
      @JsonProperty("at") String at,
      @JsonProperty("kind") Kind kind,
      @JsonProperty("id") String id,
      @JsonProperty("node") String node,
      @JsonProperty("peer") String peer,
      @JsonProperty("attempt") Integer attempt,
      @JsonProperty("status") String status,
      @JsonProperty("path") Path path,
      @JsonProperty("servedBy") String servedBy,
      @JsonProperty("order") Order order,
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

  /** A start for building one: {@code HistoryEvent.at(t, Kind.CSW).node("memory-1").build()}. */
  public static Builder at(long atNanos, Kind kind) {
    return new Builder(atNanos, kind, true);
  }

  /**
   * A builder that takes every field and builds nothing: what {@link History#event} gives when
   * nobody keeps, hears or receives the run's events, so that an element that records on every step
   * costs almost nothing where no history is wanted (an embedding, a bench).
   */
  static Builder discarded(Kind kind) {
    return new Builder(0, kind, false);
  }

  /** Fluent construction, since most events fill only a few fields. */
  public static final class Builder {
    private final long at;
    private final Kind kind;
    private final boolean kept;
    private String id, node, peer, status, servedBy, detail;
    private Path path;
    private Order order;
    private Integer attempt, length;
    private Long epoch, offset;

    private Builder(long at, Kind kind, boolean kept) {
      this.at = at;
      this.kind = kind;
      this.kept = kept;
    }

    /** False for a {@link #discarded} builder: recording it records nothing. */
    boolean kept() {
      return kept;
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

    public Builder path(Path v) {
      path = v;
      return this;
    }

    public Builder servedBy(String v) {
      servedBy = v;
      return this;
    }

    public Builder order(Order v) {
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
