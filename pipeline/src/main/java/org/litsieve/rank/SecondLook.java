package org.litsieve.rank;

import java.util.Arrays;

/**
 * The bar a keyword exclusion must clear to be given a second look: the relevance model's own
 * probability of at least one half, and a score above all but one in twenty of the records the
 * reviewers themselves excluded.
 *
 * <p>Why the second part: a model fitted to a few dozen decisions gives probabilities that are
 * rough guides. The logistic regression that ranked before weighted the relevant class by the ratio
 * of excluded to included decisions, which lifted its probabilities until half of a search's keyword
 * exclusions could reach one half; the Platt-scaled SVM of today is calibrated on its own training
 * records, whose scores sit further from its boundary than unseen ones'. What a reviewer wants to
 * see again is an exclusion the model cannot tell from the records reviewers kept, not from the
 * ones they dropped; measuring the bar on the run's own excluded decisions adapts it to each
 * review, where a fixed probability cannot. With fewer than twenty excluded decisions the bar is
 * the highest of their scores.
 *
 * <p>The scores of the excluded decisions are the model's on its own training records, so they
 * sit lower than an unseen record of the same kind would: the bar errs towards showing more.
 */
public final class SecondLook {
  private SecondLook() {}

  /** The least probability a second look needs, whatever the excluded decisions' scores. */
  public static final double MIN_PROBABILITY = 0.5;

  /** The share of the reviewers' excluded records allowed above the bar. */
  public static final double EXCLUDED_ABOVE = 0.05;

  /**
   * The probability an excluded-by-keywords record must reach (inclusive) to be shown again.
   *
   * @param excludedProbabilities the model's probabilities for the records reviewers excluded;
   *     none gives {@link #MIN_PROBABILITY}
   */
  public static double bar(double[] excludedProbabilities) {
    if (excludedProbabilities.length == 0) {
      return MIN_PROBABILITY;
    }
    double[] sorted = excludedProbabilities.clone();
    Arrays.sort(sorted);
    // the score with at most EXCLUDED_ABOVE of the excluded records above it; a record must beat it
    int allowedAbove = (int) Math.floor(sorted.length * EXCLUDED_ABOVE);
    double quantile = sorted[sorted.length - 1 - allowedAbove];
    return Math.max(MIN_PROBABILITY, Math.nextUp(quantile));
  }
}
