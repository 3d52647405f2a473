package org.litsieve.dedup;

import java.util.HashMap;
import java.util.Map;

/**
 * How many compared pairs had each agreement pattern ({@link MatchModel#pattern}): one counter per
 * possible pattern in a flat array, so that counting one of the millions of compared pairs is an
 * array increment rather than a boxed map update (at 100,000 records every bundle of the block
 * comparison counts about as many pairs as it compares).
 *
 * <p>Input: patterns, one {@link #add} per pair. Output: the non-zero counts ({@link #toMap}).
 * Not thread-safe: one per worker and bundle. Never fails on a pattern of
 * {@link MatchModel#FIELDS} two-bit levels.
 */
final class PatternCounts {
  private final long[] counts = new long[1 << (2 * MatchModel.FIELDS.length)];

  /** Counts one pair with this pattern. */
  void add(int pattern) {
    counts[pattern]++;
  }

  /** The patterns counted at least once, with their counts. */
  Map<Integer, Long> toMap() {
    Map<Integer, Long> out = new HashMap<>();
    for (int p = 0; p < counts.length; p++) {
      if (counts[p] != 0) {
        out.put(p, counts[p]);
      }
    }
    return out;
  }
}
