package org.peerpath.cluster;

import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * How the model's elements find each other across JVMs (DESIGN.md §8): one Receptionist service key
 * per element name, never an actor path. An element registers itself under its name; whoever talks
 * to it subscribes to (or finds) the same key.
 *
 * <pre>{@code
 * ctx.getSystem().receptionist().tell(Receptionist.register(ElementKeys.of("memory-1", MemoryRegion.Command.class), ctx.getSelf()));
 * }</pre>
 */
public final class ElementKeys {
  /** What every element's key id starts with, so the keys of other services never clash. */
  public static final String PREFIX = "peerpath-element:";

  private ElementKeys() {}

  /**
   * The key of the element called {@code name} ({@code server-2}, {@code memory-1}, {@code disk})
   * whose protocol is {@code protocol}. Keys of one name and protocol are equal wherever made.
   */
  public static <T> ServiceKey<T> of(String name, Class<T> protocol) {
    if (name.isBlank()) throw new IllegalArgumentException("an element needs a name");
    return ServiceKey.create(protocol, PREFIX + name);
  }
}
