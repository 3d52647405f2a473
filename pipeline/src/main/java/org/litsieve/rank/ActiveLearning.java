package org.litsieve.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Replays screening with a relevance model in the loop (continuous active learning, after Cormack and
 * Grossman's baseline model implementation): start from one random relevant and one random irrelevant
 * record, train, screen the highest-scored unseen records, add their labels, train again.
 *
 * <p>Batches grow with what is known: one record at a time for the first tenth of the records ({@link
 * Settings#singles}), then a share of the decisions made so far ({@link Settings#growth}, 5% by
 * default), so a replay of {@code N} records trains about {@code N / 10 + ln(10) / ln(1.05)} times
 * instead of {@code N}. Each training also takes {@link Settings#pseudoNegatives}
 * unseen records, drawn afresh with the seed, as irrelevant: in a search result most records are, and
 * this keeps the first models from favouring whatever the one irrelevant prior happens not to contain.
 *
 * <p>Input: vectors, labels and a seed. Output: the screening order (every index once, priors
 * first). Fails with {@link IllegalArgumentException} when the labels hold no relevant or no
 * irrelevant record, since there are then no priors to draw.
 */
public final class ActiveLearning {
  private ActiveLearning() {}

  /** The learner a replay trains. */
  public enum Learner {
    /** L2-regularised logistic regression. */
    LR,
    /** A linear support vector machine (L2 loss), ASReview's default learner. */
    SVM,
    /** Both, each record scored by the sum of their decision values. */
    MEAN,
    /**
     * ASReview LAB's default model (ELAS u4): a linear SVM with cost {@link Settings#svmC}, its examples
     * weighted as ASReview's balancer does ({@link Settings#ratio}), trained on the labelled records only.
     */
    ASREVIEW_SVM,
    /**
     * Logistic regression as {@link #LR} and the SVM of {@link #ASREVIEW_SVM}, each on its own features,
     * each record scored by the sum of the two models' scores, each standardised over the unseen records
     * (mean 0, standard deviation 1) so that neither model's scale decides.
     */
    ENSEMBLE,
    /**
     * ELAS u4's SVM as {@link #ASREVIEW_SVM} on one of two views of the records, chosen within the run: the
     * first view ({@code x}) until the first tenth of the records ({@link Settings#singles}) is screened, then,
     * there and at each doubling of the records screened while under half are, the view whose SVM orders the labelled records
     * better under cross-validation on them ({@link #crossValidatedLoss}). Each run picks the features that
     * suit its own records, instead of one choice fitted to other data.
     */
    CHOOSE_VIEW
  }

  /**
   * The replay's settings.
   *
   * @param learner the model trained at each step
   * @param c the model's cost (LIBLINEAR's C)
   * @param pseudoNegatives unseen records taken as irrelevant at each training
   * @param growth a batch's size as a share of the decisions made so far (at least one record)
   * @param taper when true, each true irrelevant label screened so far replaces one pseudo-irrelevant
   *     record, so they are gone once {@code pseudoNegatives} true irrelevant labels exist; where many
   *     records are relevant, records drawn at random and called irrelevant are often wrong, and true
   *     labels are better evidence
   * @param lowest when true, the pseudo-irrelevant records are drawn from the lower-scored half of the
   *     unseen records under the previous model instead of from all of them (at random either way), so
   *     that fewer of them are in fact relevant when many records are
   * @param singles the share of the records screened one at a time, retraining after every label, before
   *     batches grow (0: batches grow from the start, one record while {@code growth} of the decisions
   *     is under one); a share of the run's own record count rather than a fixed number
   * @param balance the relevant class is weighted by {@code (irrelevant / relevant) ^ balance} in each
   *     training: 1 balances the classes fully, 0 not at all
   * @param svmC the cost of the ASReview-style SVM ({@link Learner#ASREVIEW_SVM}, {@link Learner#ENSEMBLE})
   * @param ratio how many times the irrelevant examples the relevant ones weigh together in that SVM
   *     (ASReview's balancer ratio)
   * @param svmTolerance the stopping tolerance of that SVM's solver (LIBLINEAR's default 0.01); each training
   *     starts from the previous weights and only the order of the scores matters
   */
  public record Settings(Learner learner, double c, int pseudoNegatives, double growth, boolean taper, boolean lowest,
      double singles, double balance, double svmC, double ratio, double svmTolerance) {
    /** Settings with LIBLINEAR's default tolerance for the ASReview-style SVM. */
    public Settings(Learner learner, double c, int pseudoNegatives, double growth, boolean taper, boolean lowest,
        double singles, double balance, double svmC, double ratio) {
      this(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, svmC, ratio, RelevanceModel.SVM_TOLERANCE);
    }

    /** ELAS u4's SVM cost, as ASReview's source sets it (tuned by its authors on other data, not ours). */
    public static final double U4_C = 0.11;
    /** ELAS u4's balancer ratio: the relevant examples together weigh this many times the irrelevant ones. */
    public static final double U4_RATIO = 9.8;

    /** Settings without the ASReview-style SVM (its C and ratio as in ELAS u4). */
    public Settings(Learner learner, double c, int pseudoNegatives, double growth, boolean taper, boolean lowest,
        double singles, double balance) {
      this(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, U4_C, U4_RATIO);
    }

    /** Logistic regression or a linear SVM, with the previous round's batch rule and full balancing. */
    public Settings(boolean svm, double c, int pseudoNegatives, double growth, boolean taper, boolean lowest) {
      this(svm ? Learner.SVM : Learner.LR, c, pseudoNegatives, growth, taper, lowest, 0, 1);
    }

    /** As above, drawing pseudo-irrelevant records from all unseen ones. */
    public Settings(boolean svm, double c, int pseudoNegatives, double growth, boolean taper) {
      this(svm, c, pseudoNegatives, growth, taper, false);
    }

    /** Whether the learner is a linear SVM alone (kept for callers of the first version). */
    public boolean svm() {
      return learner == Learner.SVM;
    }

    /**
     * The settings {@code simulate} gets: those the ranking benchmark's leave-one-out choice picks for
     * every one of the 15 labelled datasets (docs/ranking.md says which figures are held out): ELAS u4's
     * SVM (C = 0.11, relevant examples weighing 9.8 times the irrelevant ones, labelled records only) on
     * stems and their pairs, retrained after every label for the first tenth of the records, then in
     * batches of 5% of the decisions so far.
     */
    public static final Settings DEFAULT =
        new Settings(Learner.ASREVIEW_SVM, 1.0, 0, 0.05, false, false, 0.1, 1, U4_C, U4_RATIO);

    /**
     * Logistic regression, C = 1, 100 pseudo-irrelevant records, retraining after every label for the first
     * tenth of the records, then batches of 5%: the previous default, and the ensemble's other half.
     */
    public static final Settings LOGISTIC = new Settings(Learner.LR, 1.0, 100, 0.05, false, false, 0.1, 1);

    /**
     * Logistic regression as in {@link #LOGISTIC} and ELAS u4's SVM side by side ({@link Learner#ENSEMBLE}),
     * retrained after every label for the first tenth of the records, then in batches of 5%.
     */
    public static final Settings ENSEMBLE = new Settings(Learner.ENSEMBLE, 1.0, 100, 0.05, false, false, 0.1, 1, U4_C, U4_RATIO);

    /**
     * ASReview LAB's default model, ELAS u4, as its source sets it: a linear SVM with C = 0.11, the
     * relevant examples together weighing 9.8 times the irrelevant ones, trained on the labelled records
     * alone and retrained after every label.
     */
    public static final Settings ASREVIEW_U4 = new Settings(Learner.ASREVIEW_SVM, 1.0, 0, 0, false, false, 1, 1, U4_C, U4_RATIO);
  }

  /** A trained scorer of the records by index: higher leans relevant. */
  interface Scorer {
    double score(int record);
  }

  /** The screening order of {@code x} when the truth is {@code relevant}. */
  public static int[] replay(List<SparseVector> x, boolean[] relevant, int dims, long seed, Settings s) {
    return replay(x, x, relevant, seed, s);
  }

  /**
   * As {@link #replay(List, boolean[], int, long, Settings)}; the ASReview-style SVM of {@link
   * Learner#ASREVIEW_SVM} and {@link Learner#ENSEMBLE} reads {@code svmX} (the same records, in the same
   * order, as features of its own), the logistic regression {@code x}.
   */
  public static int[] replay(List<SparseVector> x, List<SparseVector> svmX, boolean[] relevant, long seed, Settings s) {
    int n = x.size();
    if (svmX.size() != n) {
      throw new IllegalArgumentException("two feature sets of " + n + " and " + svmX.size() + " records");
    }
    Random random = new Random(seed);
    int[] rel = indices(relevant, true);
    int[] irr = indices(relevant, false);
    if (rel.length == 0 || irr.length == 0) {
      throw new IllegalArgumentException("the labels need at least one relevant and one irrelevant record, found "
          + rel.length + " relevant and " + irr.length + " irrelevant");
    }
    boolean choose = s.learner() == Learner.CHOOSE_VIEW;
    boolean useAsr = s.learner() == Learner.ASREVIEW_SVM || s.learner() == Learner.ENSEMBLE || choose;
    boolean global = s.learner() == Learner.SVM || s.learner() == Learner.MEAN;
    int dims = dims(x);
    int svmDims = dims(svmX);
    // LIBLINEAR's rows: in all features for the older learners, in the features met so far for the others
    de.bwaldvogel.liblinear.Feature[][] fx = new de.bwaldvogel.liblinear.Feature[global ? n : 0][];
    for (int i = 0; i < fx.length; i++) {
      fx[i] = RelevanceModel.features(x.get(i), dims);
    }
    FeatureSpace lrSpace = new FeatureSpace(x, dims);
    FeatureSpace asrSpace = svmX == x ? lrSpace : new FeatureSpace(svmX, svmDims);
    int singles = (int) Math.ceil(s.singles() * n);
    int[] order = new int[n];
    boolean[] seen = new boolean[n];
    int done = 0;
    order[done++] = rel[random.nextInt(rel.length)];
    order[done++] = irr[random.nextInt(irr.length)];
    seen[order[0]] = true;
    seen[order[1]] = true;
    int[] unseen = new int[n];
    int irrelevantSeen = 1;
    double[] lastLr = null;
    double[] lastAsr = null;
    double[] lastFirst = null;
    boolean second = !choose;
    int nextCheck = Math.max(singles, 2);
    Scorer last = null;
    while (done < n) {
      // checks stop at half the records: later ones cost ten trainings on most of the records and can change
      // little of what is left to find
      if (choose && done >= nextCheck && done <= n / 2) {
        int rels = 0;
        for (int i = 0; i < done; i++) {
          rels += relevant[order[i]] ? 1 : 0;
        }
        if (rels >= 3 && done - rels >= 3) {
          long cvSeed = seed * 31 + done;
          double lossFirst = crossValidatedLoss(lrSpace, order, done, relevant, s, cvSeed);
          double lossSecond = crossValidatedLoss(asrSpace, order, done, relevant, s, cvSeed);
          second = lossSecond < lossFirst;
          nextCheck = 2 * done;
        } else {
          nextCheck = done + 1;
        }
      }
      int u = 0;
      for (int i = 0; i < n; i++) {
        if (!seen[i]) {
          unseen[u++] = i;
        }
      }
      long modelSeed = random.nextLong();
      RelevanceModel asr = null;
      // the CHOOSE_VIEW learner reads svmX once it has chosen the second view, x before and otherwise
      FeatureSpace space = second ? asrSpace : lrSpace;
      List<SparseVector> view = second ? svmX : x;
      if (useAsr) {
        de.bwaldvogel.liblinear.Feature[][] tx = new de.bwaldvogel.liblinear.Feature[done][];
        boolean[] ty = new boolean[done];
        for (int i = 0; i < done; i++) {
          tx[i] = space.row(order[i]);
          ty[i] = relevant[order[i]];
        }
        double[] w = RelevanceModel.trainLocal(tx, ty, space.size(), true, s.svmC(), s.ratio(), modelSeed,
            second ? lastAsr : lastFirst, s.svmTolerance());
        if (second) {
          lastAsr = w;
        } else {
          lastFirst = w;
        }
        asr = RelevanceModel.of(space.global(w));
      }
      Scorer scorer;
      if (s.learner() == Learner.ASREVIEW_SVM || choose) {
        RelevanceModel m = asr;
        scorer = i -> m.score(view.get(i));
      } else {
        int pseudo = s.taper() ? Math.max(0, s.pseudoNegatives() - irrelevantSeen) : s.pseudoNegatives();
        int[] pool = unseen;
        int poolSize = u;
        if (s.lowest() && last != null && u > 1) {
          pool = lowerHalf(last, unseen, u);
          poolSize = pool.length;
        }
        int[] drawn = sample(pool, poolSize, pseudo, random);
        de.bwaldvogel.liblinear.Feature[][] tx = new de.bwaldvogel.liblinear.Feature[done + drawn.length][];
        boolean[] ty = new boolean[done + drawn.length];
        for (int i = 0; i < done; i++) {
          tx[i] = global ? fx[order[i]] : lrSpace.row(order[i]);
          ty[i] = relevant[order[i]];
        }
        for (int i = 0; i < drawn.length; i++) {
          tx[done + i] = global ? fx[drawn[i]] : lrSpace.row(drawn[i]);
        }
        if (s.learner() == Learner.SVM) {
          RelevanceModel m = RelevanceModel.train(tx, ty, dims, s.c(), true, s.balance(), modelSeed, null,
              RelevanceModel.TOLERANCE);
          scorer = i -> m.score(x.get(i));
        } else if (s.learner() == Learner.MEAN) {
          RelevanceModel lr = RelevanceModel.train(tx, ty, dims, s.c(), false, s.balance(), modelSeed, null,
              RelevanceModel.TOLERANCE);
          RelevanceModel svm = RelevanceModel.train(tx, ty, dims, s.c(), true, s.balance(), modelSeed, null,
              RelevanceModel.TOLERANCE);
          scorer = i -> lr.score(x.get(i)) + svm.score(x.get(i));
        } else {
          lastLr = RelevanceModel.trainLocal(tx, ty, lrSpace.size(), false, s.c(), s.balance(), modelSeed, lastLr,
              RelevanceModel.TOLERANCE);
          RelevanceModel lr = RelevanceModel.of(lrSpace.global(lastLr));
          if (s.learner() == Learner.ENSEMBLE) {
            RelevanceModel m = asr;
            scorer = standardisedSum(i -> lr.score(x.get(i)), i -> m.score(svmX.get(i)), unseen, u, n);
          } else {
            scorer = i -> lr.score(x.get(i));
          }
        }
      }
      last = scorer;
      int batch = done < singles ? 1 : Math.max(1, Math.min(u, (int) Math.ceil(done * s.growth())));
      batch = Math.min(batch, u);
      for (int i : top(scorer, unseen, u, batch)) {
        order[done++] = i;
        seen[i] = true;
        irrelevantSeen += relevant[i] ? 0 : 1;
      }
    }
    return order;
  }

  /**
   * How badly ELAS u4's SVM ({@code s}'s cost and ratio) in {@code space} orders the first {@code done}
   * records of {@code order} when each is scored by a model trained without it: the records are split into
   * folds (at most 5, each with relevant records; drawn with {@code seed}), a model is trained on all folds
   * but one and scores that one, and the loss is the share of (relevant, irrelevant) pairs within a fold that
   * it orders wrongly (ties count half), pooled over the folds: one minus the area under the ROC curve. Lower
   * is better.
   */
  static double crossValidatedLoss(FeatureSpace space, int[] order, int done, boolean[] relevant, Settings s,
      long seed) {
    Random random = new Random(seed);
    List<Integer> rel = new ArrayList<>();
    List<Integer> irr = new ArrayList<>();
    for (int i = 0; i < done; i++) {
      (relevant[order[i]] ? rel : irr).add(order[i]);
    }
    java.util.Collections.shuffle(rel, random);
    java.util.Collections.shuffle(irr, random);
    int k = Math.min(5, rel.size());
    List<List<Integer>> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      folds.add(new ArrayList<>());
    }
    for (int i = 0; i < rel.size(); i++) {
      folds.get(i % k).add(rel.get(i));
    }
    for (int i = 0; i < irr.size(); i++) {
      folds.get(i % k).add(irr.get(i));
    }
    double wrong = 0;
    double pairs = 0;
    for (int f = 0; f < k; f++) {
      List<Integer> train = new ArrayList<>();
      for (int g = 0; g < k; g++) {
        if (g != f) {
          train.addAll(folds.get(g));
        }
      }
      de.bwaldvogel.liblinear.Feature[][] tx = new de.bwaldvogel.liblinear.Feature[train.size()][];
      boolean[] ty = new boolean[train.size()];
      for (int i = 0; i < tx.length; i++) {
        tx[i] = space.row(train.get(i));
        ty[i] = relevant[train.get(i)];
      }
      List<Integer> test = folds.get(f);
      double[] score = new double[test.size()];
      for (int i = 0; i < score.length; i++) {
        space.row(test.get(i));
      }
      double[] w = RelevanceModel.trainLocal(tx, ty, space.size(), true, s.svmC(), s.ratio(), seed, null,
          s.svmTolerance());
      for (int i = 0; i < score.length; i++) {
        for (de.bwaldvogel.liblinear.Feature node : space.row(test.get(i))) {
          score[i] += w[node.getIndex() - 1] * node.getValue();
        }
      }
      for (int a = 0; a < score.length; a++) {
        if (!relevant[test.get(a)]) {
          continue;
        }
        for (int b = 0; b < score.length; b++) {
          if (!relevant[test.get(b)]) {
            pairs++;
            wrong += score[b] > score[a] ? 1 : score[b] == score[a] ? 0.5 : 0;
          }
        }
      }
    }
    return pairs == 0 ? 0.5 : wrong / pairs;
  }

  /**
   * The sum of {@code a}'s and {@code b}'s scores, each standardised over the {@code u} unseen records
   * (mean 0, standard deviation 1; a model that scores them all alike adds 0). Only unseen records are
   * ranked, so only they set the scale.
   */
  static Scorer standardisedSum(Scorer a, Scorer b, int[] unseen, int u, int n) {
    double[] sa = new double[u];
    double[] sb = new double[u];
    double[] sum = new double[n];
    for (int i = 0; i < u; i++) {
      sa[i] = a.score(unseen[i]);
      sb[i] = b.score(unseen[i]);
    }
    double[] ma = meanSd(sa);
    double[] mb = meanSd(sb);
    for (int i = 0; i < u; i++) {
      sum[unseen[i]] = (sa[i] - ma[0]) / ma[1] + (sb[i] - mb[0]) / mb[1];
    }
    return i -> sum[i];
  }

  static double[] meanSd(double[] v) {
    double m = 0;
    for (double d : v) {
      m += d;
    }
    m /= v.length;
    double ss = 0;
    for (double d : v) {
      ss += (d - m) * (d - m);
    }
    double sd = Math.sqrt(ss / v.length);
    return new double[] {m, sd > 0 ? sd : Double.POSITIVE_INFINITY};
  }

  /** The {@code k} unseen records with the highest scores, highest first; ties by index. */
  static int[] top(Scorer model, int[] unseen, int u, int k) {
    double[] score = new double[u];
    Integer[] pos = new Integer[u];
    for (int i = 0; i < u; i++) {
      score[i] = model.score(unseen[i]);
      pos[i] = i;
    }
    Arrays.sort(pos, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = unseen[pos[i]];
    }
    return out;
  }

  /** The unseen records in the lower-scored half under {@code model} (the larger half when {@code u} is odd). */
  static int[] lowerHalf(Scorer model, int[] unseen, int u) {
    // top() is highest first: the lower-scored half is its second half
    int[] ranked = top(model, unseen, u, u);
    return Arrays.copyOfRange(ranked, u / 2, u);
  }

  static int[] sample(int[] from, int size, int k, Random random) {
    int[] copy = Arrays.copyOf(from, size);
    int m = Math.min(k, size);
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(size - i);
      int t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return Arrays.copyOf(copy, m);
  }

  static int[] indices(boolean[] labels, boolean value) {
    int c = 0;
    for (boolean b : labels) {
      c += b == value ? 1 : 0;
    }
    int[] out = new int[c];
    c = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == value) {
        out[c++] = i;
      }
    }
    return out;
  }

  /** The number of features in {@code x}: one more than its largest index. */
  public static int dims(List<SparseVector> x) {
    int d = 0;
    for (SparseVector v : x) {
      if (v.index().length > 0) {
        d = Math.max(d, v.index()[v.index().length - 1] + 1);
      }
    }
    return d;
  }
}
