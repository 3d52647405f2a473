package org.litsieve.rank;

/**
 * Multinomial naive Bayes on {@link SparseVector}s (TF-IDF weights taken as fractional counts, as
 * scikit-learn's {@code MultinomialNB} takes them in ASReview's earlier default model "nb"), with additive
 * smoothing {@code alpha} over all {@code dims} features. Learning is adding: each labelled record adds its
 * weights to its class's sums, so a replay updates the model with the records just labelled instead of
 * training it anew, and keeps one log ratio per feature up to date.
 *
 * <p>Input: vectors and their labels, one at a time ({@link #add}). Output: {@link #logOdds}, the log of
 * the posterior odds that a record is relevant, and {@link #probability}. With no record of one class yet
 * the prior is taken as even (log ratio 0) rather than infinite. {@link #logOdds} brings the model's
 * ratios up to date and so is not safe to call from several threads at once. Never fails on valid vectors.
 */
public final class NaiveBayes {
  /**
   * ASReview LAB's smoothing for its naive Bayes model ({@code alpha} 3.822), set by its authors on other
   * data than ours.
   */
  public static final double ASREVIEW_ALPHA = 3.822;

  private final double alpha;
  private final int dims;
  private final boolean balanced;
  private final double[] relevantSum;
  private final double[] irrelevantSum;
  /**
   * Per feature, {@code ln((alpha + w S_rel) / (alpha + S_irr))} with {@code w} the relevant class's weight: kept
   * current by {@link #add} for features of no relevant record (where {@code w} does not enter), and recomputed
   * for the features of relevant records when the weight has changed.
   */
  private final double[] logRatio;
  private final boolean[] inRelevant;
  private int[] relevantFeatures = new int[64];
  private int relevantFeatureCount;
  private double weightUsed = Double.NaN;
  private double relevantTotal;
  private double irrelevantTotal;
  private int relevantCount;
  private int irrelevantCount;

  /**
   * An empty model over {@code dims} features with smoothing {@code alpha} (above 0). When {@code balanced},
   * each relevant record weighs as many irrelevant ones as there are irrelevant records per relevant one, so
   * the two classes weigh the same and the prior is even: with a handful of relevant records among hundreds,
   * the irrelevant sums would otherwise outweigh every relevant feature, and the model would favour whatever
   * is least like the irrelevant records rather than what is like the relevant ones.
   */
  public NaiveBayes(int dims, double alpha, boolean balanced) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be above 0, got " + alpha);
    }
    this.alpha = alpha;
    this.dims = dims;
    this.balanced = balanced;
    this.relevantSum = new double[dims];
    this.irrelevantSum = new double[dims];
    this.logRatio = new double[dims];
    this.inRelevant = new boolean[dims];
  }

  /** Learns one labelled record. */
  public void add(SparseVector v, boolean relevant) {
    double[] sum = relevant ? relevantSum : irrelevantSum;
    for (int j = 0; j < v.index().length; j++) {
      int f = v.index()[j];
      sum[f] += v.value()[j];
      if (relevant) {
        relevantTotal += v.value()[j];
        if (!inRelevant[f]) {
          inRelevant[f] = true;
          if (relevantFeatureCount == relevantFeatures.length) {
            relevantFeatures = java.util.Arrays.copyOf(relevantFeatures, 2 * relevantFeatureCount);
          }
          relevantFeatures[relevantFeatureCount++] = f;
        }
      } else {
        irrelevantTotal += v.value()[j];
        if (!inRelevant[f]) {
          logRatio[f] = Math.log(alpha / (alpha + irrelevantSum[f]));
        }
      }
    }
    if (relevant) {
      relevantCount++;
    } else {
      irrelevantCount++;
    }
    weightUsed = Double.NaN;
  }

  /** The relevant class's weight: 1, or irrelevant per relevant records when balanced. */
  private double weight() {
    return balanced && relevantCount > 0 && irrelevantCount > 0 ? (double) irrelevantCount / relevantCount : 1;
  }

  /**
   * The log posterior odds of relevance: {@code ln(P(rel) / P(irr)) + sum_f v_f ln(theta_rel,f /
   * theta_irr,f)} with {@code theta_c,f = (alpha + w_c S_c,f) / (alpha * dims + w_c T_c)}, {@code w_c} the
   * class's weight and the prior from the weighted counts. The denominators do not depend on the feature,
   * so they enter once per unit of the record's weight.
   */
  public double logOdds(SparseVector v) {
    double w = weight();
    if (!(w == weightUsed)) {
      for (int k = 0; k < relevantFeatureCount; k++) {
        int f = relevantFeatures[k];
        logRatio[f] = Math.log((alpha + w * relevantSum[f]) / (alpha + irrelevantSum[f]));
      }
      weightUsed = w;
    }
    double denominators = Math.log((alpha * dims + irrelevantTotal) / (alpha * dims + w * relevantTotal));
    double s = relevantCount > 0 && irrelevantCount > 0 ? Math.log(w * relevantCount / irrelevantCount) : 0;
    for (int j = 0; j < v.index().length; j++) {
      s += v.value()[j] * (logRatio[v.index()[j]] + denominators);
    }
    return s;
  }

  /** The posterior probability that {@code v} is relevant (the logistic of {@link #logOdds}). */
  public double probability(SparseVector v) {
    return 1 / (1 + Math.exp(-logOdds(v)));
  }
}
