package org.peerpath.memory;

import org.peerpath.CborSerializable;

/**
 * A range of a memory region that one command's grant lets its adapter touch. A {@code CSW} window
 * is writable and rings the owner's doorbell when written.
 */
public record Window(long offset, int length, Access access) implements CborSerializable {
  public enum Access {
    READ,
    WRITE,
    CSW
  }

  /**
   * Whether {@code len} bytes from {@code from} lie inside this window. Written without {@code from
   * + len}, which overflows for an offset near 2^63 and would let such a DMA through.
   */
  public boolean covers(long from, int len, boolean write) {
    boolean allowed = write ? access != Access.READ : access == Access.READ;
    return allowed && len >= 0 && from >= offset && from - offset <= (long) length - len;
  }

  public boolean overlaps(long from, int len) {
    return len > 0 && length > 0 && from < end(offset, length) && offset < end(from, len);
  }

  /** One past the last byte, held at Long.MAX_VALUE where the sum would overflow. */
  private static long end(long from, int len) {
    return from > Long.MAX_VALUE - len ? Long.MAX_VALUE : from + len;
  }
}
