package org.peerpath.memory;

import org.peerpath.CborSerializable;

/**
 * A range of a memory region that one command's grant lets its adapter touch. A {@code CSW}
 * window is writable and rings the owner's doorbell when written.
 */
public record Window(long offset, int length, Access access) implements CborSerializable {
  public enum Access {
    READ,
    WRITE,
    CSW
  }

  public boolean covers(long from, int len, boolean write) {
    boolean allowed = write ? access != Access.READ : access == Access.READ;
    return allowed && from >= offset && from + len <= offset + length;
  }

  public boolean overlaps(long from, int len) {
    return from < offset + length && offset < from + len;
  }
}
