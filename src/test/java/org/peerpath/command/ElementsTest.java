package org.peerpath.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Element names are what traces and histories are written in: a name made by Elements reads back as
 * the same index, and a name that is not one of a subsystem's elements is never taken for one.
 */
class ElementsTest {

  @Test
  void namesServerIAndWhatItOwnsWithTheSameIndex() {
    assertEquals(
        List.of("server-2", "adapter-2", "memory-2", "host-2", "disk"),
        List.of(
            Elements.server(2),
            Elements.adapter(2),
            Elements.memory(2),
            Elements.host(2),
            Elements.DISK));
    assertEquals(12, Elements.index(Elements.adapter(12), Elements.ADAPTER_PREFIX));
    assertEquals(3, Elements.index(Elements.host(3), Elements.HOST_PREFIX));
  }

  @Test
  void readsNoIndexFromANameOfAnotherFormOrAnotherKind() {
    for (String name :
        List.of("server-", "server-01", "server-0", "server-x", "server-1x", "server-9999999999"))
      assertEquals(-1, Elements.index(name, Elements.SERVER_PREFIX), name);
    assertEquals(-1, Elements.index("adapter-1", Elements.SERVER_PREFIX));
  }

  @Test
  void knowsOnlyTheElementsOfASubsystemOfItsSize() {
    for (String name : List.of("server-2", "adapter-2", "memory-1", "host-3", "disk"))
      assertTrue(Elements.knows(name, 2, 3), name);
    for (String name : List.of("server-3", "adapter-0", "memory-02", "host-4", "disk-1", "hosts"))
      assertFalse(Elements.knows(name, 2, 3), name);
  }
}
