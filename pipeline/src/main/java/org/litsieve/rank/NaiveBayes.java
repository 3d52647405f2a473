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
 * the prior is taken as even (log ratio 0) rather than infinite. Never fails on valid vectors.
 */
public final class NaiveBayes {
  /**
   * ASReview LAB's smoothing for its naive Bayes model ({@code alpha} 3.822), set by its authors on other
   * data than ours.
   */
  public static final double ASREVIEW_ALPHA = 3.822;

  private final double alpha;
  private final int dims;
  private final double[] relevantSum;
  private final double[] irrelevantSum;
  /** Per feature, {@code ln((alpha + relevantSum) / (alpha + irrelevantSum))}, kept current by {@link #add}. */
  private final double[] logRatio;
  private double relevantTotal;
  private double irrelevantTotal;
  private int relevantCount;
  private int irrelevantCount;

  /** An empty model over {@code dims} features with smoothing {@code alpha} (above 0). */
  public NaiveBayes(int dims, double alpha) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be above 0, got " + alpha);
    }
    this.alpha = alpha;
    this.dims = dims;
    this.relevantSum = new double[dims];
    this.irrelevantSum = new double[dims];
    this.logRatio = new double[dims];
  }

  /** Learns one labelled record. */
  public void add(SparseVector v, boolean relevant) {
    double[] sum = relevant ? relevantSum : irrelevantSum;
    for (int j = 0; j < v.index().length; j++) {
      int f = v.index()[j];
      sum[f] += v.value()[j];
      logRatio[f] = Math.log((alpha + relevantSum[f]) / (alpha + irrelevantSum[f]));
      if (relevant) {
        relevantTotal += v.value()[j];
      } else {
        irrelevantTotal += v.value()[j];
      }
    }
    if (relevant) {
      relevantCount++;
    } else {
      irrelevantCount++;
    }
  }

  /**
   * The log posterior odds of relevance: {@code ln(P(rel) / P(irr)) + sum_f v_f ln(theta_rel,f /
   * theta_irr,f)} with {@code theta_c,f = (alpha + S_c,f) / (alpha * dims + T_c)}. The denominators do
   * not depend on the feature, so they enter once per unit of the record's weight.
   */
  public double logOdds(SparseVector v) {
    double denominators = Math.log((alpha * dims + irrelevantTotal) / (alpha * dims + relevantTotal));
    double s = relevantCount > 0 && irrelevantCount > 0 ? Math.log((double) relevantCount / irrelevantCount) : 0;
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
