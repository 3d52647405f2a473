package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmarks' synthetic corpus with known duplicates, and the plain deduplicator on it. */
class SyntheticCorpusTest {
  @Test
  void theSyntheticCorpusIsDeterministicAndDeduplicatedWithoutFalseMerges() {
    SyntheticCorpus one = SyntheticCorpus.generate(3000, 7);
    SyntheticCorpus two = SyntheticCorpus.generate(3000, 7);
    assertEquals(one.records(), two.records(), "same seed, same corpus");
    Deduplicator.Result r = Deduplicator.run(one.records());
    Map<String, Integer> truth = one.truth();
    Map<String, List<String>> groups = new HashMap<>();
    r.links().forEach(l -> groups.computeIfAbsent(l.recordId(), k -> new java.util.ArrayList<>()).add(l.sourceId()));
    long removed = 0;
    for (List<String> g : groups.values()) {
      assertEquals(1, g.stream().map(truth::get).distinct().count(), "a false merge: " + g);
      removed += g.size() - 1;
    }
    long removable = one.records().size() - truth.values().stream().distinct().count();
    assertTrue(removed >= 0.95 * removable, removed + " of " + removable + " duplicates found");
  }
}
