package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.litsieve.rank.ActiveLearning;
import org.litsieve.rank.RunModel;
import org.litsieve.rank.SparseVector;
import org.litsieve.rank.TextVectors;

/**
 * The ranking's features made of records analysed one by one elsewhere ({@link RankStep#views},
 * {@link TextVectors.Analyser}, then {@link RankStep#analysedFeatures}: what {@code RankReviewQueue}
 * does, the analysis where the records are) are bit for bit those {@link RunModel.Features#of} makes
 * of the same texts and tags in one call (what the driver's ranking and {@code simulate} do), for
 * every learner: both views where the learner reads two. A learner given other views by {@code
 * Features.of} and not by {@code RankStep.views} fails here. Made-up texts: titles with line breaks,
 * diacritics, repeated words and stop words, empty abstracts, tags.
 */
class RankFeaturesTest {
  private static final String[] WORDS = {"peer", "support", "workers", "of", "the", "Évaluation", "recovery",
      "college", "mice", "dosing", "lived", "experience", "statin", "hip", "and", "peer-delivered", "care", "2021"};

  private static List<Map<String, String>> rows(Random rnd, int n) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("record_id", "ls-" + i);
      row.put("title", words(rnd, 3 + rnd.nextInt(6)) + (rnd.nextInt(5) == 0 ? "\n" + words(rnd, 2) : ""));
      row.put("abstract", rnd.nextInt(6) == 0 ? "" : words(rnd, 10 + rnd.nextInt(40)));
      row.put("matched_blocks", rnd.nextBoolean() ? "population;intervention" : "");
      row.put("outcome_tags", rnd.nextInt(3) == 0 ? "recovery|Quality of life" : "");
      rows.add(row);
    }
    return rows;
  }

  private static String words(Random rnd, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : rnd.nextInt(9) == 0 ? ", " : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
    }
    return b.toString();
  }

  @Test
  void analysedApartTheFeaturesAreFeaturesOfForEveryLearner() {
    List<Map<String, String>> rows = rows(new Random(2340), 150);
    for (ActiveLearning.Learner learner : ActiveLearning.Learner.values()) {
      ActiveLearning.Settings s = withLearner(ActiveLearning.Settings.DEFAULT, learner);
      RunModel.Features expected = RankStep.features(rows, s);
      List<Iterable<TextVectors.Analysis>> views = new ArrayList<>();
      for (TextVectors.Options o : RankStep.views(s)) {
        List<TextVectors.Analysis> analysed = new ArrayList<>();
        try (TextVectors.Analyser a = new TextVectors.Analyser(o)) {
          rows.forEach(r -> analysed.add(a.of(RankStep.text(r), RankStep.tags(r))));
        }
        views.add(analysed);
      }
      RunModel.Features actual = RankStep.analysedFeatures(views, s);
      same(learner + " x", expected.x(), actual.x());
      same(learner + " svmX", expected.svmX(), actual.svmX());
    }
  }

  private static void same(String what, List<SparseVector> expected, List<SparseVector> actual) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).index(), actual.get(i).index(), what + " features of record " + i);
      assertArrayEquals(bits(expected.get(i).value()), bits(actual.get(i).value()), what + " weights of record " + i);
    }
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }

  private static ActiveLearning.Settings withLearner(ActiveLearning.Settings s, ActiveLearning.Learner learner) {
    return new ActiveLearning.Settings(learner, s.c(), s.pseudoNegatives(), s.growth(), s.taper(), s.lowest(),
        s.singles(), s.balance(), s.svmC(), s.ratio(), s.svmTolerance());
  }
}
