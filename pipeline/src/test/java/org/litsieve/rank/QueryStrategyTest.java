package org.litsieve.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which records a replay screens next and when it retrains: uncertainty sampling and batches reset by relevant records. */
class QueryStrategyTest {
  @Test
  void nearestTheBoundaryComesFirst() {
    double[] score = {3, -0.1, 0.5, -2, 0.1};
    ActiveLearning.Scorer m = i -> score[i];
    int[] unseen = {0, 1, 2, 3, 4};
    // -0.1 and 0.1 are equally near: ties by index
    assertArrayEquals(new int[] {1, 4, 2, 3, 0}, ActiveLearning.top(ActiveLearning.nearestBoundary(m), unseen, 5, 5));
  }

  @Test
  void aRelevantRecordResetsTheBatchToOneAndIrrelevantOnesDoubleItUpToTheShareOfDecisions() {
    ActiveLearning.Settings s = ActiveLearning.Settings.DEFAULT.withRelevantResets();
    assertEquals(1, s.resetBatch(16, true, 1000), "a relevant record: retrain after the next label");
    assertEquals(4, s.resetBatch(2, false, 1000));
    assertEquals(50, s.resetBatch(32, false, 1000), "5% of 1,000 decisions caps 64");
    assertEquals(1, s.resetBatch(1, false, 10), "5% of 10 rounds up to one record");
    assertEquals(3, s.resetBatch(8, false, 41), "5% of 41 rounds up to 3");
  }

  private static int[] permutation(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return all;
  }

  @Test
  void uncertaintyChangesOnlyTheRunsThatHaveFoundFewerRelevantRecordsThanItsThreshold() {
    int n = 300;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 15) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(RankTest.corpus(rel, 23), null);
    int dims = ActiveLearning.dims(x);
    ActiveLearning.Settings d = ActiveLearning.Settings.DEFAULT;
    int[] certain = ActiveLearning.replay(x, rel, dims, 4, d);
    // the relevant prior is found from the start: a threshold of one never asks for uncertainty
    assertArrayEquals(certain, ActiveLearning.replay(x, rel, dims, 4, d.withUncertainUntil(1)));
    int[] uncertain = ActiveLearning.replay(x, rel, dims, 4, d.withUncertainUntil(3));
    assertFalse(Arrays.equals(certain, uncertain), "below three relevant records the next record is another one");
    assertEquals(certain[0], uncertain[0], "the same priors");
    assertEquals(certain[1], uncertain[1], "the same priors");
    int[] sorted = uncertain.clone();
    Arrays.sort(sorted);
    assertArrayEquals(permutation(n), sorted, "every record once");
    assertTrue(RecallMetrics.of(uncertain, rel).wss95() > 0.3, "then certainty finds the topic: "
        + RecallMetrics.of(uncertain, rel));
  }

  @Test
  void batchesResetByRelevantRecordsUnderAZeroShareRetrainAfterEveryLabel() {
    int n = 200;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 9) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(RankTest.corpus(rel, 29), null);
    int dims = ActiveLearning.dims(x);
    ActiveLearning.Learner svm = ActiveLearning.Learner.ASREVIEW_SVM;
    double c = ActiveLearning.Settings.U4_C;
    double ratio = ActiveLearning.Settings.U4_RATIO;
    int[] everyLabel = ActiveLearning.replay(x, rel, dims, 6,
        new ActiveLearning.Settings(svm, 1, 0, 0, false, false, 1, 1, c, ratio));
    // a share of 0 caps every batch at one record, whatever the labels
    int[] resetCapped = ActiveLearning.replay(x, rel, dims, 6,
        new ActiveLearning.Settings(svm, 1, 0, 0, false, false, 0, 1, c, ratio).withRelevantResets());
    assertArrayEquals(everyLabel, resetCapped);
    int[] reset = ActiveLearning.replay(x, rel, dims, 6,
        new ActiveLearning.Settings(svm, 1, 0, 0.3, false, false, 0, 1, c, ratio).withRelevantResets());
    int[] grown = ActiveLearning.replay(x, rel, dims, 6,
        new ActiveLearning.Settings(svm, 1, 0, 0.3, false, false, 0, 1, c, ratio));
    assertFalse(Arrays.equals(grown, reset), "batches of 30% of the decisions are not those reset by relevant records");
    int[] sorted = reset.clone();
    Arrays.sort(sorted);
    assertArrayEquals(permutation(n), sorted, "every record once");
  }
}
