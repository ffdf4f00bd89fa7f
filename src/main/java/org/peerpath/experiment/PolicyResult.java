package org.peerpath.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What one recovery policy gave: throughput (GOOD commands a second, as the host counts them)
 * before the failure, during it and after the repair, and during it for server-1's clients alone (a
 * p99 of all commands can hide that they starve); latency percentiles of those phases in
 * microseconds (null where nothing completed) and the longest latency of the run; every command
 * completed and every NO_PATH answer over the run; how many commands went the peer path; the
 * caches' read hit ratio during the failure; how busy each station was during it (a share of its
 * channels' time); and, for the CSV and the plot, the figures of every time bucket.
 */
@JsonPropertyOrder({
  "name",
  "throughputBefore",
  "throughputDuring",
  "throughputAfter",
  "server1ClientsDuring",
  "p99BeforeMicros",
  "p99DuringMicros",
  "p99AfterMicros",
  "longestMicros",
  "completed",
  "errors",
  "forwarded",
  "heldAtFailure",
  "cacheHitRatioDuring",
  "utilisationDuring",
  "events"
})
public record PolicyResult(
    String name,
    double throughputBefore,
    double throughputDuring,
    double throughputAfter,
    double server1ClientsDuring,
    Double p99BeforeMicros,
    Double p99DuringMicros,
    Double p99AfterMicros,
    double longestMicros,
    long completed,
    long errors,
    long forwarded,
    long heldAtFailure,
    double cacheHitRatioDuring,
    Map<String, Double> utilisationDuring,
    long events,
    @JsonIgnore List<Bucket> buckets) {

  /** One time bucket: from {@code start} for {@code length} nanoseconds of virtual time. */
  public record Bucket(long start, long length, long completed, long errors, long p99Nanos) {
    /** GOOD commands a second in this bucket. */
    public double throughput() {
      return completed * 1e9 / length;
    }
  }
}
