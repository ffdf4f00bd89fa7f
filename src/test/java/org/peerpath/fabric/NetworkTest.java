package org.peerpath.fabric;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The network of whole-server faults (trace-v1 extensions): a node goes down and comes back, a cut
 * between two nodes holds in both directions until each of its cuts is healed, and every element
 * lives on the node of its server (adapter-i and memory-i on server-i's), so a fault names a node
 * whichever of its elements is named.
 */
class NetworkTest {
  final Network network = new Network();

  @Test
  void withNothingDownOrCutEveryMessageLeavesAndArrives() {
    assertTrue(network.canSend("server-1"));
    assertTrue(network.arrives("adapter-2", "memory-1"));
    assertTrue(network.arrives("host-1", "server-2"));
    assertFalse(network.isDown("server-1"));
    assertFalse(network.isCut("server-1", "server-2"));
  }

  @Test
  void aCrashedNodeSendsNothingAndReceivesNothingUntilItRestarts() {
    network.crash("server-2");
    assertTrue(network.isDown("server-2"));
    assertFalse(network.canSend("server-2"));
    assertFalse(network.arrives("host-1", "server-2"), "nothing sent to it arrives");
    assertFalse(network.arrives("server-1", "server-2"));
    assertTrue(network.arrives("server-2", "server-1"), "what it sent before still arrives");
    assertTrue(network.canSend("server-1"), "the other nodes are up");
    assertTrue(network.arrives("host-1", "server-1"));

    network.restart("server-2");
    assertFalse(network.isDown("server-2"));
    assertTrue(network.canSend("server-2"));
    assertTrue(network.arrives("host-1", "server-2"));
  }

  @Test
  void aServersCrashTakesItsAdapterAndMemoryDownWithIt() {
    network.crash("server-2");
    assertTrue(network.isDown("adapter-2"));
    assertTrue(network.isDown("memory-2"));
    assertFalse(network.canSend("adapter-2"));
    assertFalse(network.arrives("adapter-1", "memory-2"), "a DMA into the dead node's memory");
    assertFalse(network.arrives("disk", "adapter-2"), "the disk's answer to its adapter");
    assertFalse(network.isDown("adapter-1"));
    assertFalse(network.isDown("memory-1"));
    assertFalse(network.isDown("disk"));
    assertFalse(network.isDown("host-2"), "host-2 is on a node of its own, not server-2's");
  }

  @Test
  void aCutHoldsBothWaysBetweenEveryElementOfTheTwoNodes() {
    network.cut("server-1", "server-2");
    assertTrue(network.isCut("server-1", "server-2"));
    assertTrue(network.isCut("server-2", "server-1"), "a cut is symmetric");
    assertTrue(network.isCut("adapter-2", "memory-1"), "every path between the two nodes");
    assertTrue(network.isCut("memory-1", "adapter-2"));
    assertFalse(network.arrives("server-1", "server-2"));
    assertFalse(network.arrives("server-2", "server-1"));
    assertFalse(network.arrives("adapter-2", "memory-1"));
    assertFalse(network.arrives("adapter-1", "memory-2"));
    assertTrue(network.canSend("server-1"), "both nodes are up");
    assertTrue(network.arrives("adapter-1", "memory-1"), "inside a node nothing is cut");
    assertTrue(network.arrives("adapter-2", "disk"), "nor to a third node");
    assertTrue(network.arrives("host-1", "server-1"));
    assertFalse(network.isCut("server-1", "disk"));
  }

  @Test
  void aCutNamedByOneElementOfANodeIsHealedByAnother() {
    network.cut("adapter-1", "memory-2");
    assertTrue(network.isCut("server-1", "server-2"));
    assertTrue(network.heal("server-2", "server-1"));
    assertFalse(network.isCut("adapter-1", "memory-2"));
    assertTrue(network.arrives("adapter-1", "memory-2"));
  }

  @Test
  void aPairCutTwiceIsWholeOnlyOnceBothCutsAreHealed() {
    network.cut("server-1", "server-2");
    network.cut("server-2", "server-1");
    assertTrue(network.heal("server-1", "server-2"));
    assertTrue(network.isCut("server-1", "server-2"), "one cut still holds");
    assertFalse(network.arrives("server-1", "server-2"));
    assertTrue(network.heal("server-1", "server-2"));
    assertFalse(network.isCut("server-1", "server-2"));
    assertTrue(network.arrives("server-1", "server-2"));
    assertFalse(network.heal("server-1", "server-2"), "a heal with no cut left changes nothing");
    assertFalse(network.isCut("server-1", "server-2"));
  }

  @Test
  void aHealOfAPairNeverCutChangesNothing() {
    network.cut("server-1", "disk");
    assertFalse(network.heal("server-1", "server-2"));
    assertTrue(network.isCut("server-1", "disk"), "the other cut still holds");
    assertTrue(network.arrives("server-1", "server-2"));
  }

  @Test
  void severalPartitionsHoldAtOnceAndHealOneByOne() {
    network.cut("server-1", "server-2");
    network.cut("host-1", "server-2");
    network.heal("server-1", "server-2");
    assertTrue(network.arrives("server-1", "server-2"));
    assertFalse(network.arrives("host-1", "server-2"), "the other partition still holds");
    assertTrue(network.arrives("host-2", "server-2"));
  }

  @Test
  void aRestartLeavesACutInPlaceAndAHealLeavesACrashInPlace() {
    network.crash("server-1");
    network.cut("server-1", "server-2");
    network.restart("server-1");
    assertFalse(network.arrives("server-2", "server-1"), "the cut outlives the crash");
    assertTrue(network.arrives("host-1", "server-1"));

    network.crash("server-2");
    network.heal("server-1", "server-2");
    assertFalse(network.arrives("server-1", "server-2"), "server-2 is still down");
    assertFalse(network.canSend("memory-2"));
  }
}
