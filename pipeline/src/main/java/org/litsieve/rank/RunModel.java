package org.litsieve.rank;

import de.bwaldvogel.liblinear.Feature;
import java.util.List;
import java.util.Random;

/**
 * The relevance model of a screening run: the features and the learner of an {@link
 * ActiveLearning.Settings} ({@link ActiveLearning.Settings#DEFAULT} in litsieve, the settings {@code
 * simulate} measures), trained once on the records reviewers decided, its decision values turned into
 * probabilities by Platt scaling ({@link Calibration}) fitted on those same records. So the model that
 * ranks a review's queue is the one whose replay figures docs/ranking.md gives, not another one.
 *
 * <p>Input: {@link Features} of every record, built by {@link Features#of} (as {@code simulate} builds
 * them), the labels of the first {@code labels.length} records (the decided ones; the rest are
 * unlabelled), the settings and a seed. Output: every record's decision value and the calibration.
 * A learner that takes pseudo-irrelevant records ({@link ActiveLearning.Settings#pseudoNegatives})
 * draws them from the unlabelled records with the seed, as a replay's training draws them from the
 * unseen ones ({@code lowest} is a replay's choice between its trainings and has no meaning for one
 * training). Fails with {@link IllegalArgumentException} when the labels lack a relevant or an irrelevant
 * record.
 */
public final class RunModel {
  private RunModel() {}

  /**
   * The records' features as the settings' learner reads them: {@code x} for the logistic regression
   * and the older learners, {@code svmX} for ELAS u4's SVM (the same list unless the learner is the
   * ensemble, whose SVM reads ASReview's own features).
   */
  public record Features(List<SparseVector> x, List<SparseVector> svmX) {
    /** The features of {@code texts} and {@code tags} (see {@link TextVectors#build}) for {@code s}. */
    public static Features of(List<String> texts, List<List<String>> tags, ActiveLearning.Settings s) {
      return of(texts, tags, s, 1);
    }

    /**
     * As {@link #of(List, List, ActiveLearning.Settings)}, the text analysed on {@code threads} threads
     * ({@link TextVectors#build(List, List, TextVectors.Options, int)}): the same features.
     */
    public static Features of(List<String> texts, List<List<String>> tags, ActiveLearning.Settings s, int threads) {
      List<SparseVector> x = TextVectors.build(texts, tags, TextVectors.Options.DEFAULT, threads);
      List<SparseVector> svmX = s.learner() == ActiveLearning.Learner.ENSEMBLE
          ? TextVectors.build(texts, tags, TextVectors.Options.ASREVIEW, threads) : x;
      return new Features(x, svmX);
    }
  }

  /**
   * A trained model's verdict on every record.
   *
   * @param score each record's decision value, higher leaning relevant
   * @param calibration Platt scaling of those values, fitted on the labelled records
   */
  public record Trained(double[] score, Calibration calibration) {
    /** The probability that record {@code i} is relevant. */
    public double probability(int i) {
      return calibration.probability(score[i]);
    }
  }

  /** What {@code s}'s learner is, in words, for the run's summary and report. */
  public static String describe(ActiveLearning.Settings s) {
    String learner = switch (s.learner()) {
      case ASREVIEW_SVM -> "a linear SVM (ASReview's ELAS u4 settings: C " + s.svmC() + ", ratio " + s.ratio() + ")";
      case LR -> "logistic regression (C " + s.c() + ")";
      case SVM -> "a linear SVM (C " + s.c() + ")";
      case MEAN -> "logistic regression and a linear SVM, summed";
      case ENSEMBLE -> "logistic regression and ELAS u4's SVM, standardised and summed";
      case CHOOSE_VIEW -> "a linear SVM (ASReview's ELAS u4 settings: C " + s.svmC() + ", ratio " + s.ratio()
          + ") on the feature view that cross-validates better on the decisions"
          + (s.chooseMargin() > 0 ? " by more than " + s.chooseMargin() + " standard errors" : "");
      case NB -> "multinomial naive Bayes (alpha " + NaiveBayes.ASREVIEW_ALPHA + ")";
      case INTERLEAVE, RECIPROCAL_RANK, BETTER_SO_FAR -> "two linear SVMs (ASReview's ELAS u4 settings: C " + s.svmC()
          + ", ratio " + s.ratio() + "), standardised and summed";
      case INTERLEAVE_NB, RECIPROCAL_RANK_NB, BETTER_SO_FAR_NB -> "a linear SVM (ASReview's ELAS u4 settings: C "
          + s.svmC() + ", ratio " + s.ratio() + ") and multinomial naive Bayes, standardised and summed";
    };
    if (s.prevalenceRef() > 0) {
      learner += ", its ratio growing once the relevant records found exceed " + s.prevalenceRef()
          + " of the records";
    }
    if (s.centroid() > 0) {
      learner += ", plus " + s.centroid() + " times the similarity to the relevant records' centroid"
          + (s.centroidFrom() > 0 ? " once they exceed " + s.centroidFrom() + " of the records" : "");
    }
    return learner + " with Platt-scaled probabilities";
  }

  /** Trains {@code s}'s learner on the first {@code labels.length} records of {@code f} and scores them all. */
  public static Trained train(Features f, boolean[] labels, ActiveLearning.Settings s, long seed) {
    int n = f.x().size();
    int k = labels.length;
    if (f.svmX().size() != n || k > n) {
      throw new IllegalArgumentException(n + " and " + f.svmX().size() + " records, " + k + " labels");
    }
    int pos = RelevanceModel.relevant(labels);
    if (pos == 0 || pos == k) {
      throw new IllegalArgumentException("the model needs relevant and irrelevant decisions, found " + pos
          + " and " + (k - pos));
    }
    Random random = new Random(seed);
    double[] score = switch (s.learner()) {
      case ASREVIEW_SVM -> asreviewSvm(f.svmX(), labels, s, seed);
      case LR, SVM, MEAN -> withPseudoNegatives(f.x(), labels, s, random, seed, s.learner());
      case ENSEMBLE -> standardisedSum(withPseudoNegatives(f.x(), labels, s, random, seed, ActiveLearning.Learner.LR),
          asreviewSvm(f.svmX(), labels, s, seed), k);
      case CHOOSE_VIEW -> asreviewSvm(secondViewFits(f, labels, s, seed) ? f.svmX() : f.x(), labels, s, seed);
      case NB -> naiveBayes(f.x(), labels);
      // a model trained once ranks the queue once: the replay's turns and choices have no counterpart, so
      // the two models' standardised scores are summed, as the ensemble's are
      case INTERLEAVE, RECIPROCAL_RANK, BETTER_SO_FAR -> standardisedSum(asreviewSvm(f.x(), labels, s, seed),
          asreviewSvm(f.svmX(), labels, s, seed), k);
      case INTERLEAVE_NB, RECIPROCAL_RANK_NB, BETTER_SO_FAR_NB -> standardisedSum(asreviewSvm(f.x(), labels, s, seed),
          naiveBayes(f.svmX(), labels), k);
    };
    double[] trainingScores = java.util.Arrays.copyOf(score, k);
    return new Trained(score, Calibration.fit(trainingScores, labels));
  }

  /** ELAS u4's SVM as a replay trains it, in the features the labelled records hold. */
  private static double[] asreviewSvm(List<SparseVector> x, boolean[] labels, ActiveLearning.Settings s, long seed) {
    FeatureSpace space = new FeatureSpace(x, ActiveLearning.dims(x));
    Feature[][] rows = new Feature[labels.length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = space.row(i);
    }
    double[] w = RelevanceModel.trainLocal(rows, labels, space.size(), true, s.svmC(),
        s.ratioFor(RelevanceModel.relevant(labels), x.size()), seed, null, s.svmTolerance());
    double[] svm = scoreAll(RelevanceModel.of(space.global(w)), x);
    if (!s.centroidFor(RelevanceModel.relevant(labels), x.size())) {
      return svm;
    }
    // as a replay adds it: the decided relevant records' centroid, standardised over the undecided records
    double[] centre = new double[ActiveLearning.dims(x)];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i]) {
        SparseVector v = x.get(i);
        for (int j = 0; j < v.index().length; j++) {
          centre[v.index()[j]] += v.value()[j];
        }
      }
    }
    double[] near = new double[x.size()];
    for (int i = 0; i < near.length; i++) {
      near[i] = x.get(i).dot(centre);
    }
    return weightedSum(svm, near, s.centroid(), labels.length);
  }

  /**
   * Whether {@link ActiveLearning.Learner#CHOOSE_VIEW}'s second view ({@code svmX}) orders the labelled
   * records better under cross-validation than the first, as a replay chooses once it has three of each
   * class (with a choice margin, better by that many standard errors, as a replay leaves its first view);
   * with fewer, the first view, as a replay starts.
   */
  private static boolean secondViewFits(Features f, boolean[] labels, ActiveLearning.Settings s, long seed) {
    int k = labels.length;
    int rel = RelevanceModel.relevant(labels);
    if (rel < 3 || k - rel < 3 || f.svmX() == f.x()) {
      return false;
    }
    int[] order = new int[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    boolean[] relevant = java.util.Arrays.copyOf(labels, f.x().size());
    ActiveLearning.FoldLosses first = ActiveLearning.foldLosses(new FeatureSpace(f.x(), ActiveLearning.dims(f.x())),
        order, k, relevant, s, seed);
    ActiveLearning.FoldLosses second = ActiveLearning.foldLosses(
        new FeatureSpace(f.svmX(), ActiveLearning.dims(f.svmX())), order, k, relevant, s, seed);
    return ActiveLearning.prefersSecond(first, second, false, s.chooseMargin());
  }

  /**
   * The logistic regression (or the older SVM, or both summed) as a replay trains it: the labelled
   * records and {@code pseudoNegatives} unlabelled ones drawn at random and taken as irrelevant.
   */
  private static double[] withPseudoNegatives(List<SparseVector> x, boolean[] labels, ActiveLearning.Settings s,
      Random random, long seed, ActiveLearning.Learner learner) {
    int n = x.size();
    int k = labels.length;
    int irrelevant = k - RelevanceModel.relevant(labels);
    int pseudo = s.taper() ? Math.max(0, s.pseudoNegatives() - irrelevant) : s.pseudoNegatives();
    int[] pool = new int[n - k];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = k + i;
    }
    // drawn as the replay draws its pseudo-irrelevant records
    int[] drawn = ActiveLearning.sample(pool, pool.length, pseudo, random);
    int m = drawn.length;
    boolean[] y = java.util.Arrays.copyOf(labels, k + m); // the drawn ones false: irrelevant
    if (learner == ActiveLearning.Learner.LR) {
      FeatureSpace space = new FeatureSpace(x, ActiveLearning.dims(x));
      Feature[][] rows = new Feature[k + m][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = space.row(i < k ? i : drawn[i - k]);
      }
      // LIBLINEAR's own tolerance: this model is trained once, not hundreds of times
      double[] w = RelevanceModel.trainLocal(rows, y, space.size(), false, s.c(), s.balance(), seed, null, 0.01);
      return scoreAll(RelevanceModel.of(space.global(w)), x);
    }
    int dims = ActiveLearning.dims(x);
    Feature[][] rows = new Feature[k + m][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = RelevanceModel.features(x.get(i < k ? i : drawn[i - k]), dims);
    }
    double[] sum = new double[n];
    for (boolean svm : learner == ActiveLearning.Learner.MEAN ? new boolean[] {false, true}
        : new boolean[] {true}) {
      double[] part = scoreAll(RelevanceModel.train(rows, y, dims, s.c(), svm, s.balance(), seed, null,
          RelevanceModel.TOLERANCE), x);
      for (int i = 0; i < n; i++) {
        sum[i] += part[i];
      }
    }
    return sum;
  }

  /** Naive Bayes on the labelled records (the first {@code labels.length}), scoring every record. */
  private static double[] naiveBayes(List<SparseVector> x, boolean[] labels) {
    NaiveBayes nb = new NaiveBayes(ActiveLearning.dims(x), NaiveBayes.ASREVIEW_ALPHA, true);
    for (int i = 0; i < labels.length; i++) {
      nb.add(x.get(i), labels[i]);
    }
    double[] out = new double[x.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = nb.logOdds(x.get(i));
    }
    return out;
  }

  private static double[] scoreAll(RelevanceModel m, List<SparseVector> x) {
    double[] out = new double[x.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.score(x.get(i));
    }
    return out;
  }

  /**
   * {@code a + b}, each standardised (mean 0, standard deviation 1) over the unlabelled records (from
   * {@code k} on; over all when there are none), as the ensemble's replay standardises over the unseen.
   */
  static double[] standardisedSum(double[] a, double[] b, int k) {
    return weightedSum(a, b, 1, k);
  }

  /** As {@link #standardisedSum}, {@code b}'s standardised scores times {@code weight}. */
  static double[] weightedSum(double[] a, double[] b, double weight, int k) {
    int from = k < a.length ? k : 0;
    double[] out = new double[a.length];
    double[] factor = {1, weight};
    double[][] both = {a, b};
    for (int m = 0; m < 2; m++) {
      double[] v = both[m];
      // the replay's scale: mean and standard deviation of the unlabelled records (infinite when all alike)
      double[] ms = ActiveLearning.meanSd(java.util.Arrays.copyOfRange(v, from, v.length));
      for (int i = 0; i < v.length; i++) {
        out[i] += factor[m] * (v[i] - ms[0]) / ms[1];
      }
    }
    return out;
  }
}
