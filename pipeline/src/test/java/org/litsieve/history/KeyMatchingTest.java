package org.litsieve.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.litsieve.model.MatchEdge;

/**
 * The key matching of a living review as candidates resolved in one place ({@link KeyMatching})
 * pairs exactly the records that one index walked strongest key first pairs (the rule the driver
 * applied before the candidates existed, kept below as the reference), on generated histories
 * full of shared DOIs, PMIDs and titles, and whatever order the candidates arrive in (as they do
 * from a grouping by key). Made-up rows; DOIs under 10.5555.
 */
class KeyMatchingTest {
  /** The reference: one index key → first earlier row, walked kind by kind, row by row. */
  static Map<Integer, Integer> greedy(List<Map<String, String>> rows, List<Map<String, String>> previous) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < previous.size(); i++) {
      for (String k : KeyMatching.keys(previous.get(i))) {
        index.putIfAbsent(k, i);
      }
    }
    Map<Integer, Integer> out = new TreeMap<>();
    Set<Integer> used = new java.util.HashSet<>();
    for (String kind : List.of("id:", "doi:", "pmid:", "ty:")) {
      for (int r = 0; r < rows.size(); r++) {
        if (out.containsKey(r)) {
          continue;
        }
        for (String k : KeyMatching.keys(rows.get(r))) {
          Integer p = k.startsWith(kind) ? index.get(k) : null;
          if (p != null && !used.contains(p)) {
            used.add(p);
            out.put(r, p);
            break;
          }
        }
      }
    }
    return out;
  }

  static Map<String, String> row(Random rnd, String prefix, int i) {
    Map<String, String> m = new LinkedHashMap<>();
    // few distinct values, so keys collide across and within runs
    m.put("record_id", "ls-" + (rnd.nextInt(4) == 0 ? prefix : "") + rnd.nextInt(60));
    m.put("title", rnd.nextInt(5) == 0 ? "Editorial" : "Peer support trial " + rnd.nextInt(40));
    m.put("authors", List.of("Smith, J", "Ngata, T", "van der Berg, A", "").get(rnd.nextInt(4)));
    m.put("year", Integer.toString(2018 + rnd.nextInt(3)));
    m.put("doi", rnd.nextInt(3) == 0 ? "" : (rnd.nextBoolean() ? "https://doi.org/" : "")
        + "10.5555/T" + rnd.nextInt(50));
    m.put("pmid", rnd.nextInt(2) == 0 ? "" : Integer.toString(91000000 + rnd.nextInt(50)));
    m.put("decision", "include");
    return m;
  }

  @Test
  void resolvedCandidatesPairWhatTheOrderedIndexPairs() {
    int seeds = 200;
    int pairs = 0;
    for (int seed = 0; seed < seeds; seed++) {
      Random rnd = new Random(seed);
      List<Map<String, String>> previous = new ArrayList<>();
      List<Map<String, String>> rows = new ArrayList<>();
      for (int i = 0, n = 20 + rnd.nextInt(80); i < n; i++) {
        previous.add(row(rnd, "p", i));
      }
      for (int i = 0, n = 20 + rnd.nextInt(80); i < n; i++) {
        rows.add(row(rnd, "c", i));
      }
      Map<Integer, Integer> expected = greedy(rows, previous);
      List<MatchEdge> edges = new ArrayList<>(KeyMatching.edges(rows, previous));
      Collections.shuffle(edges, rnd); // a grouping gives them in any order
      Map<Integer, Integer> got = new TreeMap<>();
      KeyMatching.pairs(edges).forEach((order, p) -> got.put(Integer.parseInt(order), p.intValue()));
      assertEquals(expected, got, "seed " + seed);
      pairs += got.size();
    }
    assertTrue(pairs > seeds * 10, "the generated runs share keys: " + pairs);
  }

  @Test
  void aRecordIdMatchIsNeverTakenByAWeakerKeyOfAnEarlierRow() {
    Map<String, String> a = new LinkedHashMap<>(Map.of("record_id", "ls-1", "doi", "10.5555/x", "decision", "include"));
    Map<String, String> b = new LinkedHashMap<>(Map.of("record_id", "ls-2", "doi", "10.5555/y", "decision", "include"));
    // this run: first a row sharing ls-2's DOI, then ls-2 itself
    Map<String, String> first = new LinkedHashMap<>(Map.of("record_id", "ls-9", "doi", "10.5555/y"));
    Map<String, String> second = new LinkedHashMap<>(Map.of("record_id", "ls-2", "doi", ""));
    Map<String, Long> got = KeyMatching.pairs(KeyMatching.edges(List.of(first, second), List.of(a, b)));
    assertEquals(Map.of(KeyMatching.order(1), 1L), got);
  }
}
