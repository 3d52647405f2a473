package org.litsieve.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The screening run's model is the one a replay trains: same features, same learner, then calibrated. */
class RunModelTest {
  /** Made-up abstracts: relevant ones lean on a topic's words, all share the same filler. */
  static List<String> texts(boolean[] relevant, long seed) {
    Random r = new Random(seed);
    String[] topic = {"exercise", "programme", "falls", "older", "balance", "randomised", "strength", "trial"};
    String[] other = {"dialysis", "tumour", "imaging", "vaccine", "infant", "asthma", "diet", "stroke", "liver",
        "cohort", "survey", "kidney", "sleep", "pain"};
    List<String> out = new ArrayList<>();
    for (boolean rel : relevant) {
      StringBuilder s = new StringBuilder();
      for (int w = 0; w < 30; w++) {
        String[] from = rel && r.nextInt(3) > 0 ? topic : r.nextInt(6) == 0 ? topic : other;
        s.append(from[r.nextInt(from.length)]).append(' ');
      }
      out.add(s.toString());
    }
    return out;
  }

  /** The records of {@code all} in the order {@code order} (first {@code k} of it first, then the rest by index). */
  static <T> List<T> reordered(List<T> all, int[] order, int k) {
    List<T> out = new ArrayList<>();
    boolean[] taken = new boolean[all.size()];
    for (int i = 0; i < k; i++) {
      out.add(all.get(order[i]));
      taken[order[i]] = true;
    }
    for (int i = 0; i < all.size(); i++) {
      if (!taken[i]) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  @Test
  void trainedOnAReplaysFirstRecordsItPicksWhatTheReplayPickedNext() {
    picksAsTheReplay(ActiveLearning.Settings.DEFAULT);
  }

  @Test
  void withTheRatioFollowingTheLabelsOrTheCentroidAddedItStillPicksWhatTheReplayPickedNext() {
    picksAsTheReplay(ActiveLearning.Settings.DEFAULT.withPrevalenceRef(0.01));
    picksAsTheReplay(ActiveLearning.Settings.DEFAULT.withCentroid(2));
    // one relevant record in eight: the gate opens once ten are found
    picksAsTheReplay(ActiveLearning.Settings.DEFAULT.withPrevalenceRef(0.01).withCentroid(2, 0.04));
    String both = RunModel.describe(ActiveLearning.Settings.DEFAULT.withPrevalenceRef(0.01).withCentroid(2));
    assertTrue(both.contains("found") && both.contains("centroid"), both);
  }

  private static void picksAsTheReplay(ActiveLearning.Settings s) {
    for (long seed = 1; seed <= 4; seed++) {
      int n = 240;
      boolean[] relevant = new boolean[n];
      for (int i = 0; i < n; i++) {
        relevant[i] = i % 8 == 3;
      }
      List<String> texts = texts(relevant, seed);
      RunModel.Features all = RunModel.Features.of(texts, null, s);
      int[] order = ActiveLearning.replay(all.x(), all.svmX(), relevant, seed, s);
      // each pick of the replay's one-at-a-time phase is the top record of a model trained on the records
      // before it; the run's model trained on those records must pick the same. The replay starts each
      // training from the previous weights and the run from zero, so the two may differ within the
      // solver's tolerance, and a near tie may go the other way now and then
      int singles = (int) Math.ceil(s.singles() * n);
      int same = 0;
      for (int k = 2; k < singles; k++) {
        List<String> t = reordered(texts, order, k);
        RunModel.Features f = RunModel.Features.of(t, null, s);
        boolean[] labels = new boolean[k];
        for (int i = 0; i < k; i++) {
          labels[i] = relevant[order[i]];
        }
        RunModel.Trained m = RunModel.train(f, labels, s, seed);
        int best = k;
        for (int i = k + 1; i < n; i++) {
          if (m.score()[i] > m.score()[best]) {
            best = i;
          }
        }
        same += texts.get(order[k]).equals(t.get(best)) ? 1 : 0;
      }
      // with logistic regression in the run's place, 9 to 14 of the 22 picks agree
      assertTrue(same >= singles - 3, "seed " + seed + ": " + same + " of " + (singles - 2) + " picks as the replay's");
    }
  }

  @Test
  void relevantRecordsGetHigherProbabilitiesAndTheyAreCalibratedOnTheDecidedOnes() {
    int n = 300;
    boolean[] relevant = new boolean[n];
    for (int i = 0; i < n; i++) {
      relevant[i] = i % 6 == 1;
    }
    List<String> texts = texts(relevant, 9);
    RunModel.Features f = RunModel.Features.of(texts, null, ActiveLearning.Settings.DEFAULT);
    boolean[] labels = java.util.Arrays.copyOf(relevant, 60);
    RunModel.Trained m = RunModel.train(f, labels, ActiveLearning.Settings.DEFAULT, 1);
    double rel = 0;
    double irr = 0;
    for (int i = 60; i < n; i++) {
      double p = m.probability(i);
      assertTrue(p > 0 && p < 1, "a probability: " + p);
      if (relevant[i]) {
        rel += p / 40;
      } else {
        irr += p / 200;
      }
    }
    assertTrue(rel > 0.5 && irr < 0.2, "relevant " + rel + ", irrelevant " + irr);
    assertEquals(Calibration.fit(java.util.Arrays.copyOf(m.score(), 60), labels), m.calibration());
  }

  @Test
  void everyLearnerTrainsOnceAndRefusesOneClass() {
    int n = 120;
    boolean[] relevant = new boolean[n];
    for (int i = 0; i < n; i++) {
      relevant[i] = i % 5 == 0;
    }
    List<String> texts = texts(relevant, 2);
    boolean[] labels = java.util.Arrays.copyOf(relevant, 40);
    for (ActiveLearning.Learner l : ActiveLearning.Learner.values()) {
      ActiveLearning.Settings s = new ActiveLearning.Settings(l, 1.0, 20, 0.05, false, false, 0.1, 1,
          ActiveLearning.Settings.U4_C, ActiveLearning.Settings.U4_RATIO);
      RunModel.Trained m = RunModel.train(RunModel.Features.of(texts, null, s), labels, s, 1);
      assertEquals(n, m.score().length, l.toString());
      assertTrue(RunModel.describe(s).endsWith(" with Platt-scaled probabilities"), RunModel.describe(s));
    }
    assertThrows(IllegalArgumentException.class, () -> RunModel.train(RunModel.Features.of(texts, null,
        ActiveLearning.Settings.DEFAULT), new boolean[] {true, true}, ActiveLearning.Settings.DEFAULT, 1));
  }
}
