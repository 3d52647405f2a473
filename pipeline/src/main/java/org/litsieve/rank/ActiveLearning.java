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
 * <p>Batches follow the labels by default ({@link Settings#relevantResets}): one record after a batch that
 * brought a relevant record, else twice the last batch, up to a share of the decisions made so far ({@link
 * Settings#growth}, 5%). Without that, one record at a time for the first tenth of the records ({@link
 * Settings#singles}), then that share, so a replay of {@code N} records trains about {@code N / 10 + ln(10)
 * / ln(1.05)} times instead of {@code N}. Each training also takes {@link Settings#pseudoNegatives}
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
     * better under cross-validation on them ({@link #crossValidatedLoss}); with {@link Settings#chooseMargin}
     * above 0, the view in use is kept unless the other is better by that many standard errors
     * ({@link #choosesOther}). Each run picks the features that suit its own records, instead of one choice
     * fitted to other data.
     */
    CHOOSE_VIEW,
    /** Multinomial naive Bayes ({@link NaiveBayes}, ASReview's smoothing) on {@code x} alone. */
    NB(Fusion.ALONE, Model.NB, null),
    /**
     * Two models, ELAS u4's SVM on {@code x} and on {@code svmX}, taking turns: each screens the next
     * record of its own ranking that neither has screened (a model's turn passes after each record, so
     * in a batch they alternate too).
     */
    INTERLEAVE(Fusion.INTERLEAVE, Model.SVM, Model.SVM),
    /** As {@link #INTERLEAVE}, the second model naive Bayes on {@code svmX}. */
    INTERLEAVE_NB(Fusion.INTERLEAVE, Model.SVM, Model.NB),
    /**
     * The two SVMs of {@link #INTERLEAVE}, records screened in the order of reciprocal-rank fusion of their
     * rankings of the unseen records: {@code 1 / (60 + rank)} summed over both, ranks from 1 (Cormack,
     * Clarke and Buettcher 2009, whose constant 60 was set on other data than ours).
     */
    RECIPROCAL_RANK(Fusion.RECIPROCAL_RANK, Model.SVM, Model.SVM),
    /** As {@link #RECIPROCAL_RANK}, the second model naive Bayes on {@code svmX}. */
    RECIPROCAL_RANK_NB(Fusion.RECIPROCAL_RANK, Model.SVM, Model.NB),
    /**
     * The two SVMs of {@link #INTERLEAVE}, screening by one of them: at each training, the one that has
     * ordered the more recently screened records better when they were still unseen (see {@link
     * #preferSecond}). Both are trained each time; only the choice uses the labels, the ones the replay
     * gets anyway.
     */
    BETTER_SO_FAR(Fusion.BETTER_SO_FAR, Model.SVM, Model.SVM),
    /** As {@link #BETTER_SO_FAR}, the second model naive Bayes on {@code svmX}. */
    BETTER_SO_FAR_NB(Fusion.BETTER_SO_FAR, Model.SVM, Model.NB);

    /** How a two-model learner combines its models' rankings; null for the single-model learners above. */
    final Fusion fusion;
    final Model first;
    final Model second;

    Learner() {
      this(null, null, null);
    }

    Learner(Fusion fusion, Model first, Model second) {
      this.fusion = fusion;
      this.first = first;
      this.second = second;
    }
  }

  /** How two models' rankings become one screening order. */
  enum Fusion {
    ALONE, INTERLEAVE, RECIPROCAL_RANK, BETTER_SO_FAR
  }

  /** A model of a two-model learner. */
  enum Model {
    SVM, NB
  }

  /** Reciprocal-rank fusion's constant (Cormack, Clarke and Buettcher 2009). */
  static final int RRF_K = 60;

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
   * @param prevalenceRef 0 for a constant balancer ratio; otherwise the ratio follows the run's own labels,
   *     {@code ratio * max(1, found / (prevalenceRef * records))}: it grows once the relevant records found
   *     exceed this share of all the records ({@link #ratioFor}), so that a run rich in relevant records fits
   *     them more closely and a run with few keeps ASReview's ratio
   * @param centroid 0 for the SVM's scores alone; otherwise the weight, against the SVM's, of each unseen
   *     record's similarity to the relevant records found so far (Rocchio's centroid: the dot product with
   *     the mean of their vectors), both standardised over the unseen records before they are added
   * @param centroidFrom the centroid is added only once the relevant records found exceed this share of all
   *     the records (0: from the start): a centroid stands for a topic only when there are enough relevant
   *     records to average, and a review with very few relevant records needs its odd ones found too
   * @param centroidChoice when true, the centroid (once its gate is open) is added only while the SVM's
   *     scores plus the centroid's ordered the later half of the records screened so far better than the
   *     SVM's alone, each judged on the standardised scores it gave those records just before they were
   *     screened ({@link #preferSecond}): the run's own labels say whether the centroid helps it. A
   *     screening run's model ({@link RunModel}) trains once, with no such history, and adds the centroid
   *     as without the choice
   * @param uncertainUntil 0 to screen the highest-scored records throughout; otherwise, while fewer than this
   *     many relevant records are labelled (the relevant prior counts), the single-model learners (not those
   *     with a {@link Learner#fusion}, whose turns this does not change) screen the unseen
   *     records nearest its boundary (smallest absolute score) instead (uncertainty sampling): on a run whose
   *     first model knows a single relevant record, the records it is least sure of may say more about the
   *     topic than those most like that one record. Then certainty, as without it
   * @param relevantResets when true, batches follow the run's own labels from the start instead of {@link
   *     #singles}: a batch that brought a relevant record is followed by a batch of one (a retraining after
   *     every label while relevant records come, when the model changes most), a batch of irrelevant records
   *     only by one twice its size, never more than {@link #growth} of the decisions so far (at least one):
   *     a model that has just seen only irrelevant records in its own top ranks changes its order little
   */
  public record Settings(Learner learner, double c, int pseudoNegatives, double growth, boolean taper, boolean lowest,
      double singles, double balance, double svmC, double ratio, double svmTolerance, double prevalenceRef,
      double centroid, double centroidFrom, boolean centroidChoice, int uncertainUntil, boolean relevantResets,
      double chooseMargin) {
    /** Settings with a constant balancer ratio and the SVM's scores alone. */
    public Settings(Learner learner, double c, int pseudoNegatives, double growth, boolean taper, boolean lowest,
        double singles, double balance, double svmC, double ratio, double svmTolerance) {
      this(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, svmC, ratio, svmTolerance, 0, 0, 0, false,
          0, false, 0);
    }

    /**
     * These settings with {@link Learner#CHOOSE_VIEW} changing views only on strong evidence: the view in use
     * is kept unless the other one's cross-validated loss per relevant record is lower by more than {@code z}
     * standard errors of the paired differences ({@link #choosesOther}). 0, the default, compares the two
     * pooled losses alone.
     */
    public Settings withChoiceMargin(double z) {
      if (!(z >= 0)) {
        throw new IllegalArgumentException("the choice margin must be 0 or more standard errors, got " + z);
      }
      return new Settings(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, svmC, ratio,
          svmTolerance, prevalenceRef, centroid, centroidFrom, centroidChoice, uncertainUntil, relevantResets, z);
    }

    /** These settings screening by uncertainty until {@code found} relevant records are labelled ({@link #uncertainUntil}). */
    public Settings withUncertainUntil(int found) {
      return new Settings(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, svmC, ratio,
          svmTolerance, prevalenceRef, centroid, centroidFrom, centroidChoice, found, relevantResets, chooseMargin);
    }

    /** These settings with batches reset by relevant records and doubled otherwise ({@link #relevantResets}). */
    public Settings withRelevantResets() {
      return new Settings(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, svmC, ratio,
          svmTolerance, prevalenceRef, centroid, centroidFrom, centroidChoice, uncertainUntil, true, chooseMargin);
    }

    /**
     * The next batch's size under {@link #relevantResets}: 1 after a batch that brought a relevant record,
     * else twice the previous batch, never more than {@link #growth} of the {@code done} decisions so far
     * (rounded up) and never less than 1.
     */
    public int resetBatch(int previous, boolean foundRelevant, int done) {
      if (foundRelevant) {
        return 1;
      }
      int cap = Math.max(1, (int) Math.ceil(done * growth));
      return Math.max(1, Math.min(cap, 2 * previous));
    }

    /**
     * The balancer ratio of a training with {@code found} relevant records labelled among {@code records}:
     * {@link #ratio} when {@link #prevalenceRef} is 0, else {@code ratio * max(1, found / (prevalenceRef *
     * records))}.
     */
    public double ratioFor(int found, int records) {
      if (prevalenceRef <= 0) {
        return ratio;
      }
      return ratio * Math.max(1.0, found / (prevalenceRef * records));
    }

    /** These settings with the balancer ratio following the run's labels ({@link #ratioFor}). */
    public Settings withPrevalenceRef(double share) {
      return new Settings(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, svmC, ratio,
          svmTolerance, share, centroid, centroidFrom, centroidChoice, uncertainUntil, relevantResets, chooseMargin);
    }

    /** These settings with the relevant records' centroid added to the SVM's scores at {@code weight}. */
    public Settings withCentroid(double weight) {
      return withCentroid(weight, 0);
    }

    /**
     * These settings with the relevant records' centroid added to the SVM's scores at {@code weight} once
     * the relevant records found exceed {@code from} of all the records.
     */
    public Settings withCentroid(double weight, double from) {
      return new Settings(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, svmC, ratio,
          svmTolerance, prevalenceRef, weight, from, centroidChoice, uncertainUntil, relevantResets, chooseMargin);
    }

    /** These settings with the centroid added only while the run's labels say it orders better ({@link #centroidChoice}). */
    public Settings withCentroidChoice() {
      return new Settings(learner, c, pseudoNegatives, growth, taper, lowest, singles, balance, svmC, ratio,
          svmTolerance, prevalenceRef, centroid, centroidFrom, true, uncertainUntil, relevantResets, chooseMargin);
    }

    /**
     * Whether a training with {@code found} relevant records labelled among {@code records} adds the
     * centroid.
     */
    public boolean centroidFor(int found, int records) {
      return centroid > 0 && found > centroidFrom * records;
    }

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
     * stems and their pairs (the features are {@link TextVectors.Options#DEFAULT}'s: title terms count six
     * times since the title-weighting round's grid; the adaptive and query rounds' options are off),
     * retrained after every label for the first tenth of the records, then in batches of 5% of the
     * decisions so far. The query round's best ({@link #withRelevantResets} and the centroid) was not
     * made the default: its held-out gain rests on a centroid tuned on all 15 datasets, and it finds the
     * last relevant records later; nor was the view-choice round's ({@link #withChoiceMargin}), which reads
     * the same as this default held out (docs/ranking.md).
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
    if (s.learner().fusion != null) {
      return replayTwo(x, svmX, relevant, random, rel, irr, s);
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
    boolean[] seen = new boolean[n];
    int[] order = priors(rel, irr, random, seen);
    int done = 2;
    int[] unseen = new int[n];
    int irrelevantSeen = 1;
    int relevantSeen = 1;
    // relevantResets' state: the last batch's size and the relevant records labelled before it (0, so that the
    // relevant prior counts as found and the first batch is one record)
    int lastBatch = 1;
    int relevantBefore = 0;
    // centroidChoice's evidence: each record's standardised score with and without the centroid when screened
    double[][] judged = new double[2][s.centroidChoice() ? n : 0];
    double[][] pending = null;
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
          FoldLosses first = foldLosses(lrSpace, order, done, relevant, s, cvSeed);
          FoldLosses other = foldLosses(asrSpace, order, done, relevant, s, cvSeed);
          second = prefersSecond(first, other, second, s.chooseMargin());
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
      pending = null;
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
        double[] w = RelevanceModel.trainLocal(tx, ty, space.size(), true, s.svmC(), s.ratioFor(relevantSeen, n),
            modelSeed, second ? lastAsr : lastFirst, s.svmTolerance());
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
        if (s.centroidFor(relevantSeen, n)) {
          // the relevant records' centroid, summed afresh from the labels so far (the mean's scale does not
          // matter once standardised)
          double[] centre = new double[second ? svmDims : dims];
          for (int i = 0; i < done; i++) {
            if (relevant[order[i]]) {
              SparseVector v = view.get(order[i]);
              for (int j = 0; j < v.index().length; j++) {
                centre[v.index()[j]] += v.value()[j];
              }
            }
          }
          Scorer svm = scorer;
          if (s.centroidChoice()) {
            double[] zs = standardised(svm, unseen, u, n);
            double[] zc = standardised(i -> view.get(i).dot(centre), unseen, u, n);
            double[] both = new double[n];
            for (int k = 0; k < u; k++) {
              both[unseen[k]] = zs[unseen[k]] + s.centroid() * zc[unseen[k]];
            }
            boolean add = preferSecond(order, done, relevant, judged);
            pending = new double[][] {zs, both};
            scorer = add ? i -> both[i] : i -> zs[i];
          } else {
            scorer = weightedSum(svm, i -> view.get(i).dot(centre), s.centroid(), unseen, u, n);
          }
        }
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
      if (relevantSeen < s.uncertainUntil()) {
        scorer = nearestBoundary(scorer);
      }
      int batch;
      if (s.relevantResets()) {
        batch = s.resetBatch(lastBatch, relevantSeen > relevantBefore, done);
      } else {
        batch = done < singles ? 1 : Math.max(1, Math.min(u, (int) Math.ceil(done * s.growth())));
      }
      batch = Math.min(batch, u);
      lastBatch = batch;
      relevantBefore = relevantSeen;
      for (int i : top(scorer, unseen, u, batch)) {
        if (pending != null) {
          judged[0][i] = pending[0][i];
          judged[1][i] = pending[1][i];
        }
        order[done++] = i;
        seen[i] = true;
        irrelevantSeen += relevant[i] ? 0 : 1;
        relevantSeen += relevant[i] ? 1 : 0;
      }
    }
    return order;
  }

  /**
   * The replay of a learner with a {@link Learner#fusion}: priors drawn as {@link #replay} draws them, the
   * same batch rule, each model trained on every labelled record at each step (the SVM from its previous
   * weights, naive Bayes by adding the records just labelled), the batch taken from their two rankings as
   * the fusion says.
   */
  private static int[] replayTwo(List<SparseVector> x, List<SparseVector> svmX, boolean[] relevant, Random random,
      int[] rel, int[] irr, Settings s) {
    int n = x.size();
    Learner l = s.learner();
    List<List<SparseVector>> views = l.second == null ? List.of(x) : List.of(x, svmX);
    Model[] kinds = l.second == null ? new Model[] {l.first} : new Model[] {l.first, l.second};
    FeatureSpace[] spaces = new FeatureSpace[views.size()];
    NaiveBayes[] bayes = new NaiveBayes[views.size()];
    double[][] warm = new double[views.size()][];
    for (int m = 0; m < views.size(); m++) {
      if (kinds[m] == Model.SVM) {
        spaces[m] = m == 1 && svmX == x && kinds[0] == Model.SVM ? spaces[0] : new FeatureSpace(views.get(m), dims(views.get(m)));
      } else {
        bayes[m] = new NaiveBayes(dims(views.get(m)), NaiveBayes.ASREVIEW_ALPHA, true);
      }
    }
    int singles = (int) Math.ceil(s.singles() * n);
    boolean[] seen = new boolean[n];
    int[] order = priors(rel, irr, random, seen);
    int done = 2;
    int learnt = 0; // records naive Bayes has added
    int[] unseen = new int[n];
    int turn = 0;
    // each record's standardised score under each model when it was screened (BETTER_SO_FAR's evidence)
    double[][] before = new double[2][n];
    while (done < n) {
      int u = 0;
      for (int i = 0; i < n; i++) {
        if (!seen[i]) {
          unseen[u++] = i;
        }
      }
      long modelSeed = random.nextLong();
      Scorer[] scorers = new Scorer[views.size()];
      for (int m = 0; m < views.size(); m++) {
        List<SparseVector> view = views.get(m);
        if (kinds[m] == Model.NB) {
          NaiveBayes nb = bayes[m];
          for (int i = learnt; i < done; i++) {
            nb.add(view.get(order[i]), relevant[order[i]]);
          }
          scorers[m] = i -> nb.logOdds(view.get(i));
        } else {
          de.bwaldvogel.liblinear.Feature[][] tx = new de.bwaldvogel.liblinear.Feature[done][];
          boolean[] ty = new boolean[done];
          for (int i = 0; i < done; i++) {
            tx[i] = spaces[m].row(order[i]);
            ty[i] = relevant[order[i]];
          }
          warm[m] = RelevanceModel.trainLocal(tx, ty, spaces[m].size(), true, s.svmC(), s.ratio(), modelSeed, warm[m],
              s.svmTolerance());
          RelevanceModel model = RelevanceModel.of(spaces[m].global(warm[m]));
          scorers[m] = i -> model.score(view.get(i));
        }
      }
      learnt = done;
      int batch = done < singles ? 1 : Math.max(1, Math.min(u, (int) Math.ceil(done * s.growth())));
      batch = Math.min(batch, u);
      int[] picks;
      switch (l.fusion) {
        case ALONE -> picks = top(scorers[0], unseen, u, batch);
        case INTERLEAVE -> {
          picks = interleave(top(scorers[0], unseen, u, batch), top(scorers[1], unseen, u, batch), batch, turn);
          turn += batch;
        }
        case RECIPROCAL_RANK -> picks = top(reciprocalRank(scorers[0], scorers[1], unseen, u, n), unseen, u, batch);
        default -> {
          double[][] z = {standardised(scorers[0], unseen, u, n), standardised(scorers[1], unseen, u, n)};
          boolean second = preferSecond(order, done, relevant, before);
          picks = top(i -> z[second ? 1 : 0][i], unseen, u, batch);
          for (int i : picks) {
            before[0][i] = z[0][i];
            before[1][i] = z[1][i];
          }
        }
      }
      for (int i : picks) {
        order[done++] = i;
        seen[i] = true;
      }
    }
    return order;
  }

  /**
   * {@code k} records taken from two rankings in turn, each time the next one of the ranking whose turn it
   * is that is not yet taken; {@code turn} even means the first ranking goes first. Each ranking needs at
   * most {@code k} records: a ranking's turn skips only records the other took.
   */
  static int[] interleave(int[] a, int[] b, int k, int turn) {
    int[] out = new int[k];
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    int ia = 0;
    int ib = 0;
    for (int t = 0; t < k; t++) {
      boolean first = (turn + t) % 2 == 0;
      int[] from = first ? a : b;
      int pos = first ? ia : ib;
      while (taken.contains(from[pos])) {
        pos++;
      }
      out[t] = from[pos];
      taken.add(from[pos]);
      if (first) {
        ia = pos + 1;
      } else {
        ib = pos + 1;
      }
    }
    return out;
  }

  /**
   * Uncertainty sampling's order: records nearest {@code m}'s boundary first (the smallest absolute score),
   * so that {@link #top} picks the records the model is least sure of.
   */
  static Scorer nearestBoundary(Scorer m) {
    return i -> -Math.abs(m.score(i));
  }

  /** Reciprocal-rank fusion of two scorers over the {@code u} unseen records: {@code sum 1 / (RRF_K + rank)}. */
  static Scorer reciprocalRank(Scorer a, Scorer b, int[] unseen, int u, int n) {
    double[] fused = new double[n];
    for (Scorer m : new Scorer[] {a, b}) {
      int[] ranked = top(m, unseen, u, u);
      for (int r = 0; r < u; r++) {
        fused[ranked[r]] += 1.0 / (RRF_K + r + 1);
      }
    }
    return i -> fused[i];
  }

  /** {@code m}'s scores of the unseen records standardised over them (mean 0, standard deviation 1). */
  static double[] standardised(Scorer m, int[] unseen, int u, int n) {
    double[] v = new double[u];
    for (int i = 0; i < u; i++) {
      v[i] = m.score(unseen[i]);
    }
    double[] ms = meanSd(v);
    double[] out = new double[n];
    for (int i = 0; i < u; i++) {
      out[unseen[i]] = (v[i] - ms[0]) / ms[1];
    }
    return out;
  }

  /**
   * Whether the second model ordered the later half of the records screened so far (the two priors aside,
   * which no model picked) better than the first did, each judged by the standardised scores it gave them
   * just before they were screened ({@code before}): the share of (relevant, irrelevant) pairs it put the
   * right way round, ties counting half. The later half, because the models improve as labels come and
   * early verdicts say less about the current ones. The first model keeps the lead on a tie or with pairs
   * of one kind only.
   */
  static boolean preferSecond(int[] order, int done, boolean[] relevant, double[][] before) {
    int from = Math.max(2, done / 2);
    double[] right = new double[2];
    for (int a = from; a < done; a++) {
      if (!relevant[order[a]]) {
        continue;
      }
      for (int b = from; b < done; b++) {
        if (relevant[order[b]]) {
          continue;
        }
        for (int m = 0; m < 2; m++) {
          double sa = before[m][order[a]];
          double sb = before[m][order[b]];
          right[m] += sa > sb ? 1 : sa == sb ? 0.5 : 0;
        }
      }
    }
    return right[1] > right[0];
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
    return foldLosses(space, order, done, relevant, s, seed).pooled();
  }

  /**
   * The cross-validation of {@link #crossValidatedLoss}, per relevant record: for each, the pairs it forms
   * with the irrelevant records of its fold and how many of them the held-out model orders wrongly (ties
   * half). The same {@code seed} and records give the same folds in every view, so two views' losses pair
   * record by record.
   *
   * @param wrong per relevant record (in the folds' order), the pairs ordered wrongly
   * @param pairs per relevant record, the irrelevant records of its fold
   */
  record FoldLosses(double[] wrong, double[] pairs) {
    /** One minus the pooled area under the ROC curve; 0.5 when there is no pair. */
    double pooled() {
      double w = 0;
      double p = 0;
      for (int i = 0; i < wrong.length; i++) {
        w += wrong[i];
        p += pairs[i];
      }
      return p == 0 ? 0.5 : w / p;
    }

    /** Record {@code i}'s share of its pairs ordered wrongly; 0.5 when it has none. */
    double share(int i) {
      return pairs[i] == 0 ? 0.5 : wrong[i] / pairs[i];
    }
  }

  /** The cross-validation of {@link #crossValidatedLoss} on {@code space}, kept per relevant record. */
  static FoldLosses foldLosses(FeatureSpace space, int[] order, int done, boolean[] relevant, Settings s,
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
    double[] wrong = new double[rel.size()];
    double[] pairs = new double[rel.size()];
    int r = 0;
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
            pairs[r]++;
            wrong[r] += score[b] > score[a] ? 1 : score[b] == score[a] ? 0.5 : 0;
          }
        }
        r++;
      }
    }
    return new FoldLosses(wrong, pairs);
  }

  /**
   * Whether {@link Learner#CHOOSE_VIEW} goes on with its second view, given both views' losses on the
   * same folds and whether it is on the second view now: without a margin ({@code z} 0), whichever
   * pooled loss is lower (the first on a tie); with one, it leaves the view in use only as {@link
   * #choosesOther} says. The one rule for a replay's checks and a screening run's single choice.
   */
  static boolean prefersSecond(FoldLosses first, FoldLosses second, boolean onSecond, double z) {
    if (z <= 0) {
      return second.pooled() < first.pooled();
    }
    return onSecond ? !choosesOther(second, first, z) : choosesOther(first, second, z);
  }

  /**
   * Whether the view with losses {@code other} should replace the one in use, with losses {@code current}
   * (the same folds, record by record): when the mean of the paired differences in each relevant record's
   * share of pairs ordered wrongly ({@code other} minus {@code current}) is below minus {@code z} standard
   * errors of that mean. A run with few relevant records labelled has a wide standard error and keeps its
   * view; the margin is a count of standard errors, not a loss fitted to any data. Fewer than two relevant
   * records: no change.
   */
  static boolean choosesOther(FoldLosses current, FoldLosses other, double z) {
    int m = current.wrong().length;
    if (m != other.wrong().length) {
      throw new IllegalArgumentException("losses of " + m + " and " + other.wrong().length + " relevant records");
    }
    if (m < 2) {
      return false;
    }
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < m; i++) {
      double d = other.share(i) - current.share(i);
      sum += d;
      squares += d * d;
    }
    double mean = sum / m;
    double variance = Math.max(0, (squares - m * mean * mean) / (m - 1));
    return mean < -z * Math.sqrt(variance / m);
  }

  /**
   * The sum of {@code a}'s and {@code b}'s scores, each standardised over the {@code u} unseen records
   * (mean 0, standard deviation 1; a model that scores them all alike adds 0). Only unseen records are
   * ranked, so only they set the scale.
   */
  static Scorer standardisedSum(Scorer a, Scorer b, int[] unseen, int u, int n) {
    return weightedSum(a, b, 1, unseen, u, n); // times 1 is exact: the same sums bit for bit
  }

  /**
   * {@code a}'s scores plus {@code weight} times {@code b}'s, each standardised over the {@code u} unseen
   * records (a scorer that scores them all alike adds 0), as {@link #standardisedSum} with a weight.
   */
  static Scorer weightedSum(Scorer a, Scorer b, double weight, int[] unseen, int u, int n) {
    double[] sa = new double[u];
    double[] sb = new double[u];
    for (int i = 0; i < u; i++) {
      sa[i] = a.score(unseen[i]);
      sb[i] = b.score(unseen[i]);
    }
    double[] ma = meanSd(sa);
    double[] mb = meanSd(sb);
    double[] sum = new double[n];
    for (int i = 0; i < u; i++) {
      sum[unseen[i]] = (sa[i] - ma[0]) / ma[1] + weight * (sb[i] - mb[0]) / mb[1];
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

  /**
   * The replay's start: one relevant and one irrelevant record drawn with {@code random}, in that
   * order, marked in {@code seen}; the returned order has room for every record.
   */
  private static int[] priors(int[] rel, int[] irr, Random random, boolean[] seen) {
    int[] order = new int[seen.length];
    order[0] = rel[random.nextInt(rel.length)];
    order[1] = irr[random.nextInt(irr.length)];
    seen[order[0]] = true;
    seen[order[1]] = true;
    return order;
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
