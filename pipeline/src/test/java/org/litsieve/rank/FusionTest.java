package org.litsieve.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Naive Bayes and the learners that combine two models' rankings in a replay. */
class FusionTest {
  private static ActiveLearning.Settings with(ActiveLearning.Learner l) {
    ActiveLearning.Settings d = ActiveLearning.Settings.DEFAULT;
    return new ActiveLearning.Settings(l, d.c(), d.pseudoNegatives(), d.growth(), d.taper(), d.lowest(), d.singles(),
        d.balance(), d.svmC(), d.ratio(), d.svmTolerance());
  }

  @Test
  void naiveBayesProbabilityOnTwoRecordsIsTheHandWorkedPosterior() {
    // features 0, 1, 2; record "0" relevant (weight 1 on feature 0), record "1" irrelevant (weight 1 on feature 1)
    NaiveBayes nb = new NaiveBayes(3, 1.0, false);
    NaiveBayes balanced = new NaiveBayes(3, 1.0, true);
    for (NaiveBayes m : List.of(nb, balanced)) {
      m.add(new SparseVector(new int[] {0}, new float[] {1f}), true);
      m.add(new SparseVector(new int[] {1}, new float[] {1f}), false);
    }
    // theta_rel = (2, 1, 1) / 4 and theta_irr = (1, 2, 1) / 4; even prior (one of each)
    SparseVector first = new SparseVector(new int[] {0}, new float[] {1f});
    assertEquals(2.0 / 3, nb.probability(first), 1e-9, "P(rel | feature 0) = (2/4) / (2/4 + 1/4)");
    assertEquals(1.0 / 3, nb.probability(new SparseVector(new int[] {1}, new float[] {1f})), 1e-9);
    assertEquals(0.5, nb.probability(new SparseVector(new int[] {2}, new float[] {1f})), 1e-9,
        "a feature of neither class says nothing");
    // a second irrelevant record makes the prior 1:2 and theta_irr = (1, 3, 1) / 5 on feature 1 twice over
    assertEquals(2.0 / 3, balanced.probability(first), 1e-9, "with one record of each class, balancing changes nothing");
    nb.add(new SparseVector(new int[] {1}, new float[] {1f}), false);
    double odds = 0.5 * (2.0 / 4) / (1.0 / 5);
    assertEquals(odds / (1 + odds), nb.probability(first), 1e-9);
    // balanced, the relevant record weighs two: theta_rel = (1 + 2, 1, 1) / (3 + 2), and the prior is even
    balanced.add(new SparseVector(new int[] {1}, new float[] {1f}), false);
    assertEquals(0.75, balanced.probability(first), 1e-9);
  }

  @Test
  void interleavingTakesTurnsAndSkipsWhatTheOtherRankingTook() {
    assertArrayEquals(new int[] {7, 3, 5, 9}, ActiveLearning.interleave(new int[] {7, 5, 1, 2}, new int[] {3, 7, 9, 4}, 4, 0));
    assertArrayEquals(new int[] {3, 7, 9, 5}, ActiveLearning.interleave(new int[] {7, 5, 1, 2}, new int[] {3, 7, 9, 4}, 4, 1),
        "an odd turn lets the second ranking go first");
  }

  @Test
  void reciprocalRankFusionSumsOneOverSixtyPlusEachRank() {
    int[] unseen = {0, 1, 2};
    ActiveLearning.Scorer a = i -> new double[] {3, 2, 1}[i];
    ActiveLearning.Scorer b = i -> new double[] {1, 3, 2}[i];
    ActiveLearning.Scorer f = ActiveLearning.reciprocalRank(a, b, unseen, 3, 3);
    assertEquals(1.0 / 61 + 1.0 / 63, f.score(0), 1e-12);
    assertEquals(1.0 / 62 + 1.0 / 61, f.score(1), 1e-12);
    assertEquals(1.0 / 63 + 1.0 / 62, f.score(2), 1e-12);
  }

  @Test
  void theBetterModelSoFarIsTheOneThatOrderedTheLaterScreenedRecordsRight() {
    int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
    boolean[] relevant = {true, false, false, true, false, true, false, false};
    double[][] before = new double[2][8];
    for (int i = 2; i < 8; i++) {
      before[0][i] = relevant[i] ? -1 : 1; // the first model put every relevant record below the irrelevant ones
      before[1][i] = relevant[i] ? 1 : -1;
    }
    assertTrue(ActiveLearning.preferSecond(order, 8, relevant, before));
    double[][] swapped = {before[1], before[0]};
    assertFalse(ActiveLearning.preferSecond(order, 8, relevant, swapped));
    assertFalse(ActiveLearning.preferSecond(order, 8, relevant, new double[2][8]), "a tie keeps the first model");
  }

  /**
   * Two kinds of relevant record, each told apart in one view only: view one marks kind A, view two
   * kind B. A model on one view finds the other kind by chance; taking turns, each model finds its kind.
   */
  @Test
  void interleavingFindsEveryRelevantRecordEarlierThanEitherModelAlone() {
    int n = 400;
    boolean[] relevant = new boolean[n];
    List<String> one = new ArrayList<>();
    List<String> two = new ArrayList<>();
    Random r = new Random(11);
    for (int i = 0; i < n; i++) {
      boolean kindA = i % 40 == 0;
      boolean kindB = i % 40 == 20;
      relevant[i] = kindA || kindB;
      one.add((kindA ? "falls prevention exercise " : "") + noise(r, "u"));
      two.add((kindB ? "hip protector fracture " : "") + noise(r, "v"));
    }
    List<SparseVector> x = TextVectors.build(one, null);
    List<SparseVector> y = TextVectors.build(two, null);
    for (long seed = 1; seed <= 3; seed++) {
      int alone1 = lastFound(ActiveLearning.replay(x, x, relevant, seed, ActiveLearning.Settings.DEFAULT), relevant);
      int alone2 = lastFound(ActiveLearning.replay(y, y, relevant, seed, ActiveLearning.Settings.DEFAULT), relevant);
      int[] order = ActiveLearning.replay(x, y, relevant, seed, with(ActiveLearning.Learner.INTERLEAVE));
      int[] sorted = order.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i], "every record once");
      }
      int fused = lastFound(order, relevant);
      assertTrue(fused < Math.min(alone1, alone2),
          "seed " + seed + ": the last relevant record after " + fused + " records, alone " + alone1 + " and " + alone2);
    }
  }

  @Test
  void everyNewLearnerScreensEveryRecordOncePriorsFirstAndFindsAPlainTopicEarly() {
    int n = 400;
    boolean[] relevant = new boolean[n];
    List<String> texts = new ArrayList<>();
    Random r = new Random(5);
    for (int i = 0; i < n; i++) {
      relevant[i] = i % 20 == 0;
      texts.add((relevant[i] ? "peer support smoking cessation " : "") + noise(r, "w"));
    }
    List<SparseVector> x = TextVectors.build(texts, null);
    List<SparseVector> w = TextVectors.build(texts, null, TextVectors.Options.ASREVIEW);
    for (ActiveLearning.Learner l : List.of(ActiveLearning.Learner.NB, ActiveLearning.Learner.INTERLEAVE,
        ActiveLearning.Learner.INTERLEAVE_NB, ActiveLearning.Learner.RECIPROCAL_RANK,
        ActiveLearning.Learner.RECIPROCAL_RANK_NB, ActiveLearning.Learner.BETTER_SO_FAR,
        ActiveLearning.Learner.BETTER_SO_FAR_NB)) {
      int[] order = ActiveLearning.replay(x, w, relevant, 3, with(l));
      int[] sorted = order.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i], l + ": every record once");
      }
      assertTrue(relevant[order[0]] && !relevant[order[1]], l + ": priors first");
      assertArrayEquals(order, ActiveLearning.replay(x, w, relevant, 3, with(l)), l + ": the same seed, the same order");
      assertTrue(RecallMetrics.of(order, relevant).wss95() > 0.5, l + ": " + RecallMetrics.of(order, relevant));
    }
  }

  /** Records screened when the last relevant one is found. */
  private static int lastFound(int[] order, boolean[] relevant) {
    int last = 0;
    for (int i = 0; i < order.length; i++) {
      last = relevant[order[i]] ? i + 1 : last;
    }
    return last;
  }

  private static String noise(Random r, String prefix) {
    StringBuilder s = new StringBuilder();
    for (int w = 0; w < 30; w++) {
      s.append(prefix).append((char) ('a' + r.nextInt(26))).append((char) ('a' + r.nextInt(26))).append(' ');
    }
    return s.toString();
  }
}
