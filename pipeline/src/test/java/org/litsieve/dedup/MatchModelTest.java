package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;

/** The per-run Fellegi–Sunter model: estimated by EM, deterministic, a second opinion that only keeps apart. */
class MatchModelTest {
  private static final int F = MatchModel.FIELDS.length;

  /** Draws patterns from known m and u probabilities (agree with p, else differ; DOI missing). */
  private static Map<Integer, Long> simulate(int matches, int nonMatches, double[] mAgree, double[] uAgree, long seed) {
    Random random = new Random(seed);
    Map<Integer, Long> counts = new HashMap<>();
    for (int k = 0; k < matches + nonMatches; k++) {
      double[] p = k < matches ? mAgree : uAgree;
      int pattern = 0;
      for (int i = 0; i < F; i++) {
        int level = i == 6 ? MatchModel.MISSING : random.nextDouble() < p[i] ? MatchModel.AGREE : MatchModel.DISAGREE;
        pattern |= level << (2 * i);
      }
      counts.merge(pattern, 1L, Long::sum);
    }
    return counts;
  }

  private static int pattern(int... levels) {
    int p = 0;
    for (int i = 0; i < levels.length; i++) {
      p |= levels[i] << (2 * i);
    }
    return p;
  }

  @Test
  void emRecoversTheShareOfMatchesAndOrdersPatterns() {
    double[] m = {0.95, 0.9, 0.95, 0.9, 0.85, 0.9, 0, 0.6};
    double[] u = {0.05, 0.3, 0.4, 0.1, 0.02, 0.3, 0, 0.2};
    MatchModel model = MatchModel.fit(simulate(300, 2700, m, u, 7));
    assertNotNull(model);
    assertEquals(0.1, model.lambda(), 0.03);
    int agree = MatchModel.AGREE;
    int differ = MatchModel.DISAGREE;
    int none = MatchModel.MISSING;
    assertTrue(model.posterior(pattern(agree, agree, agree, agree, agree, agree, none, agree)) > 0.99);
    assertTrue(model.posterior(pattern(differ, differ, differ, differ, differ, differ, none, differ)) < 0.01);
    // the same title alone, everything else differing: not one paper
    assertTrue(model.posterior(pattern(agree, differ, differ, differ, differ, differ, none, differ)) < 0.5);
  }

  @Test
  void theSameCountsInAnyOrderGiveTheSameModel() {
    double[] m = {0.95, 0.9, 0.95, 0.9, 0.85, 0.9, 0, 0.6};
    double[] u = {0.05, 0.3, 0.4, 0.1, 0.02, 0.3, 0, 0.2};
    Map<Integer, Long> counts = simulate(200, 1800, m, u, 3);
    Map<Integer, Long> reversed = new LinkedHashMap<>();
    List<Integer> keys = new java.util.ArrayList<>(counts.keySet());
    java.util.Collections.reverse(keys);
    keys.forEach(k -> reversed.put(k, counts.get(k)));
    MatchModel a = MatchModel.fit(counts);
    MatchModel b = MatchModel.fit(reversed);
    assertEquals(a.weights(), b.weights());
  }

  @Test
  void tooFewPairsGiveNoModel() {
    assertNull(MatchModel.fit(Map.of(pattern(3, 3, 3), 10L, pattern(1, 1, 1), 50L)));
  }

  @Test
  void aRuleMatchThisRunsDataDoubtsGoesToReviewWithItsReason() {
    // a run of recurring columns: the same title, author, year and journal in nine of ten pairs,
    // with different volumes, pages and issues; one pair in ten agrees on everything. Here the
    // same title, author and year say nothing, and a match on them alone is doubted
    int agree = MatchModel.AGREE;
    int differ = MatchModel.DISAGREE;
    int none = MatchModel.MISSING;
    Map<Integer, Long> counts = new HashMap<>();
    counts.put(pattern(agree, agree, agree, differ, differ, agree, none, differ), 900L);
    counts.put(pattern(agree, agree, agree, agree, agree, agree, none, agree), 100L);
    MatchModel model = MatchModel.fit(counts);
    assertNotNull(model);
    int thin = pattern(agree, agree, agree, none, none, none, none, none);
    int full = pattern(agree, agree, agree, agree, agree, agree, none, agree);
    assertTrue(model.posterior(thin) < MatchModel.REVIEW_BELOW, model.explain(thin));
    Edge doubted = new Edge("a#1", "b#1", PairMatcher.Kind.MATCH, "title 1.00+authors+year", 1, "", "", "", "",
        2019, 2019, "", "", thin, "", "");
    Edge sure = new Edge("a#2", "b#2", PairMatcher.Kind.MATCH, "title 1.00+authors+year", 1, "", "", "", "",
        2019, 2019, "", "", full, "", "");
    Clusters.Result r = Clusters.build(List.of(doubted, sure), model);
    assertEquals(2, r.assignments().size(), "only the pair the model does not doubt is merged");
    assertEquals(1, r.review().size());
    String rule = r.review().get(0).rule();
    assertTrue(rule.startsWith("title 1.00+authors+year, not merged: this run's match model doubts it, posterior"), rule);
    // without the model both merge
    assertEquals(4, Clusters.build(List.of(doubted, sure)).assignments().size());
  }

  private static RecordFeatures paper(String volume, String issue, String pages) {
    return RecordFeatures.of(BibRecord.builder(new Provenance("export.ris", 1, 1, "r1", "")).type("JOUR")
        .title("Home oxygen weaning in infants with bronchopulmonary dysplasia").authors(List.of("Varga, Noemi"))
        .year(2023).journal("Journal of Neonatal Respiratory Care").volume(volume).issue(issue).pages(pages).build());
  }

  private static int firstPage(RecordFeatures a, RecordFeatures b) {
    return MatchModel.levelOf(MatchModel.pattern(a, b), 4);
  }

  @Test
  void anEPageAndItsPlainNumberAgreeAndANumberBesideARangeInOneIssueSaysNothing() {
    assertEquals(MatchModel.AGREE, firstPage(paper("31", "2", "e123-e131"), paper("31", "2", "123-131")));
    assertEquals(MatchModel.AGREE, firstPage(paper("31", "2", "E0123"), paper("31", "2", "123")));
    // an article number where the other database gives the print pages, in the same issue
    assertEquals(MatchModel.MISSING, firstPage(paper("31", "2", "3200405"), paper("31", "2", "51-55")));
    // but in another issue, or as two ranges, or a supplement's page, they differ
    assertEquals(MatchModel.DISAGREE, firstPage(paper("31", "2", "3200405"), paper("31", "5", "51-55")));
    assertEquals(MatchModel.DISAGREE, firstPage(paper("31", "2", "40-44"), paper("31", "2", "51-55")));
    assertEquals(MatchModel.DISAGREE, firstPage(paper("31", "2", "S123"), paper("31", "2", "123")));
  }
}
