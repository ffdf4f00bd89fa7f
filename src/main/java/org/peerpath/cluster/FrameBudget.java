package org.peerpath.cluster;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The largest message a node may send across JVMs. Artery drops a message whose serialized form is
 * larger than {@code pekko.remote.artery.advanced.maximum-frame-size} (logging an error on the
 * sender, telling the receiver nothing), so an element checks a transfer here first and refuses one
 * that cannot fit with a clear error instead of letting it vanish. A message's envelope, its other
 * fields and the CBOR framing take up to {@link #OVERHEAD} bytes beside its data.
 *
 * @param maximumFrameSize the configured frame size, in bytes
 */
public record FrameBudget(long maximumFrameSize) {
  /** Bytes kept for the envelope, the message's other fields and CBOR's framing of its data. */
  public static final long OVERHEAD = 64 * 1024;

  static final String SETTING = "pekko.remote.artery.advanced.maximum-frame-size";

  /** The budget of a node's config. */
  public static FrameBudget of(Config config) {
    return new FrameBudget(config.getBytes(SETTING));
  }

  /** The budget of a running node. */
  public static FrameBudget of(ActorSystem<?> system) {
    return of(system.settings().config());
  }

  /** The most data bytes one message may carry. */
  public long largestPayload() {
    return Math.max(0, maximumFrameSize - OVERHEAD);
  }

  /** Whether a message carrying {@code dataBytes} bytes of data fits. */
  public boolean fits(long dataBytes) {
    return dataBytes >= 0 && dataBytes <= largestPayload();
  }

  /**
   * Refuses a transfer that does not fit.
   *
   * @param what names the transfer for the message ({@code "a command of 64 blocks"})
   * @throws IllegalArgumentException saying how large the transfer and the budget are, and which
   *     setting to raise
   */
  public void require(long dataBytes, String what) {
    if (!fits(dataBytes))
      throw new IllegalArgumentException(
          what
              + " carries "
              + dataBytes
              + " bytes, more than the "
              + largestPayload()
              + " one message may carry across JVMs ("
              + SETTING
              + " = "
              + maximumFrameSize
              + " bytes, less "
              + OVERHEAD
              + " for the envelope): raise that setting on every node, or lower"
              + " peerpath.subsystem.max-transfer-blocks");
  }
}
