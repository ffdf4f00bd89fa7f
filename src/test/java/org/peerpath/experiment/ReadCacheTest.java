package org.peerpath.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadCacheTest {

  @Test
  void theLeastRecentlyUsedBlockIsEvictedFirstAndAReadCountsAsAUse() {
    ReadCache cache = new ReadCache(2);
    cache.keep(1);
    cache.keep(2);
    assertTrue(cache.read(1), "1 is now the most recent");
    cache.keep(3);
    assertTrue(cache.holds(1));
    assertFalse(cache.holds(2), "2 was the least recently used");
    assertTrue(cache.holds(3));
    assertEquals(1, cache.hits());
  }

  @Test
  void aCacheOfNoBlocksMissesEveryRead() {
    ReadCache cache = new ReadCache(0);
    cache.keep(5);
    assertFalse(cache.read(5));
    assertEquals(1, cache.misses());
  }

  @Test
  void anInvalidatedBlockIsGoneAndItsSlotIsUsedAgain() {
    ReadCache cache = new ReadCache(2);
    cache.keep(1);
    cache.keep(2);
    cache.invalidate(1);
    assertFalse(cache.read(1));
    cache.keep(3);
    assertTrue(cache.holds(2), "the freed slot took 3: nothing was evicted");
    assertTrue(cache.holds(3));
  }

  /**
   * The open-addressing index under churn: the same operations on a LinkedHashMap in access order,
   * the obvious LRU, hold the same blocks at every step.
   */
  @Test
  void underRandomUseItHoldsExactlyWhatAPlainLruHolds() {
    int capacity = 50;
    ReadCache cache = new ReadCache(capacity);
    Map<Long, Boolean> lru =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
          }
        };
    Random random = new Random(3);
    for (int step = 0; step < 100_000; step++) {
      long block = random.nextInt(200) * 1_000_003L;
      switch (random.nextInt(3)) {
        case 0 -> assertEquals(lru.get(block) != null, cache.read(block), "step " + step);
        case 1 -> {
          cache.keep(block);
          lru.put(block, Boolean.TRUE);
        }
        default -> {
          cache.invalidate(block);
          lru.remove(block);
        }
      }
    }
    for (long b = 0; b < 200; b++)
      assertEquals(lru.containsKey(b * 1_000_003L), cache.holds(b * 1_000_003L), "block " + b);
  }
}
