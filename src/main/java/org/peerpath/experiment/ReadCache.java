package org.peerpath.experiment;

/**
 * A server's read cache in its own memory (memory-i): the blocks it read or wrote last, least
 * recently used evicted first, at most a configured number of blocks. The patent's stated gain is
 * that a server whose adapter failed keeps serving reads from this cache; a host that fails over to
 * the other server leaves it unused and shares the survivor's cache between both servers' clients.
 * Only which blocks it holds is modelled, not their bytes.
 *
 * <p>Built on primitive arrays (a recency list of slots and an open-addressing index from block to
 * slot), since every command of a run looks a block up: a map of boxed longs was the largest cost
 * of the simulation.
 */
final class ReadCache {
  private static final int NONE = -1;

  private final int capacity;
  private final long[] blockOf;
  private final int[] newer;
  private final int[] older;
  private final long[] keys;
  private final int[] slots;
  private final int mask;
  private int newest = NONE;
  private int oldest = NONE;
  private int used;
  private int free = NONE;
  private long hits;
  private long misses;

  ReadCache(int capacity) {
    if (capacity < 0) throw new IllegalArgumentException("a negative cache size: " + capacity);
    this.capacity = capacity;
    blockOf = new long[capacity];
    newer = new int[capacity];
    older = new int[capacity];
    int table = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
    keys = new long[table];
    slots = new int[table];
    java.util.Arrays.fill(slots, NONE);
    mask = table - 1;
  }

  /** Whether a read of {@code block} is served from memory; a hit makes it the most recent. */
  boolean read(long block) {
    int slot = slotOf(block);
    if (slot == NONE) {
      misses++;
      return false;
    }
    hits++;
    touch(slot);
    return true;
  }

  /** {@code block} was read from the disk or written through to it: it is now held, most recent. */
  void keep(long block) {
    if (capacity == 0) return;
    int slot = slotOf(block);
    if (slot != NONE) {
      touch(slot);
      return;
    }
    if (free != NONE) {
      slot = free;
      free = older[slot];
    } else if (used < capacity) {
      slot = used++;
    } else {
      slot = oldest;
      unlink(slot);
      unindex(blockOf[slot]);
    }
    blockOf[slot] = block;
    index(block, slot);
    linkNewest(slot);
  }

  /** The other server wrote {@code block}: a copy held here is stale and goes. */
  void invalidate(long block) {
    int slot = slotOf(block);
    if (slot == NONE) return;
    unlink(slot);
    unindex(block);
    older[slot] = free;
    free = slot;
  }

  boolean holds(long block) {
    return slotOf(block) != NONE;
  }

  long hits() {
    return hits;
  }

  long misses() {
    return misses;
  }

  private void touch(int slot) {
    if (slot == newest) return;
    unlink(slot);
    linkNewest(slot);
  }

  private void linkNewest(int slot) {
    newer[slot] = NONE;
    older[slot] = newest;
    if (newest != NONE) newer[newest] = slot;
    newest = slot;
    if (oldest == NONE) oldest = slot;
  }

  private void unlink(int slot) {
    int n = newer[slot];
    int o = older[slot];
    if (n != NONE) older[n] = o;
    else newest = o;
    if (o != NONE) newer[o] = n;
    else oldest = n;
  }

  private int home(long block) {
    return (int) ((block * 0x9E3779B97F4A7C15L) >>> 33) & mask;
  }

  private int slotOf(long block) {
    for (int i = home(block); slots[i] != NONE; i = (i + 1) & mask) {
      if (keys[i] == block) return slots[i];
    }
    return NONE;
  }

  private void index(long block, int slot) {
    int i = home(block);
    while (slots[i] != NONE) i = (i + 1) & mask;
    keys[i] = block;
    slots[i] = slot;
  }

  /**
   * Removes {@code block} from the index, shifting later entries of its run back (no tombstones).
   */
  private void unindex(long block) {
    int i = home(block);
    while (keys[i] != block || slots[i] == NONE) i = (i + 1) & mask;
    int gap = i;
    for (int j = (gap + 1) & mask; slots[j] != NONE; j = (j + 1) & mask) {
      int h = home(keys[j]);
      // Entry j may fill the gap if its home is not in the cyclic range (gap, j].
      boolean homeAfterGap = gap <= j ? (h > gap && h <= j) : (h > gap || h <= j);
      if (!homeAfterGap) {
        keys[gap] = keys[j];
        slots[gap] = slots[j];
        gap = j;
      }
    }
    slots[gap] = NONE;
  }
}
