package org.litsieve.rank;

/**
 * Platt scaling: a probability of relevance from a model's decision values, {@code p(s) = 1 / (1 +
 * exp(A s + B))}, with {@code A} and {@code B} fitted by maximum likelihood to labelled records' values
 * (Platt, "Probabilistic outputs for support vector machines and comparisons to regularized likelihood
 * methods", 1999). An SVM's decision values are distances from its boundary, not probabilities; the
 * review queue's {@code relevance}, the expected relevant records in the queue and the second look's bar
 * of one half all need probabilities.
 *
 * <p>Platt's target smoothing: a relevant record's target is {@code (N+ + 1) / (N+ + 2)} and an
 * irrelevant one's {@code 1 / (N- + 2)} rather than 1 and 0, so that a model that separates its few
 * training records perfectly still gets a finite fit, and the probabilities stay short of 0 and 1 by as
 * much as so few records warrant. The fit is Newton's method with a backtracking line search, as Lin,
 * Lin and Weng give it ("A note on Platt's probabilistic outputs for support vector machines", 2007),
 * which stays finite where Platt's original pseudo-code could overflow.
 *
 * <p>Input: decision values and their labels, at least one of each class. Output: {@code A} and
 * {@code B}, and {@link #probability} for any value. Fails with {@link IllegalArgumentException} when
 * the arrays differ in length or a class is missing.
 *
 * @param a the slope: negative when higher values mean relevant
 * @param b the offset
 */
public record Calibration(double a, double b) {
  private static final int MAX_ITERATIONS = 100;
  private static final double MIN_STEP = 1e-10;
  private static final double SIGMA = 1e-12;
  private static final double EPSILON = 1e-5;

  /** The probability that a record with decision value {@code s} is relevant. */
  public double probability(double s) {
    double f = a * s + b;
    // the two forms are the same number; each keeps exp() from overflowing on its side
    return f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
  }

  /** Fits {@code A} and {@code B} to {@code scores} labelled {@code relevant} (see the class comment). */
  public static Calibration fit(double[] scores, boolean[] relevant) {
    if (scores.length != relevant.length) {
      throw new IllegalArgumentException(scores.length + " scores and " + relevant.length + " labels");
    }
    int pos = 0;
    for (boolean r : relevant) {
      pos += r ? 1 : 0;
    }
    int neg = relevant.length - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("calibration needs relevant and irrelevant records, found " + pos
          + " and " + neg);
    }
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double[] t = new double[scores.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = relevant[i] ? hi : lo;
    }
    double a = 0;
    double b = Math.log((neg + 1.0) / (pos + 1.0));
    double fval = loss(scores, t, a, b);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double h11 = SIGMA;
      double h22 = SIGMA;
      double h21 = 0;
      double g1 = 0;
      double g2 = 0;
      for (int i = 0; i < scores.length; i++) {
        double f = scores[i] * a + b;
        double p;
        double q;
        if (f >= 0) {
          p = Math.exp(-f) / (1 + Math.exp(-f));
          q = 1 / (1 + Math.exp(-f));
        } else {
          p = 1 / (1 + Math.exp(f));
          q = Math.exp(f) / (1 + Math.exp(f));
        }
        double d2 = p * q;
        h11 += scores[i] * scores[i] * d2;
        h22 += d2;
        h21 += scores[i] * d2;
        double d1 = t[i] - p;
        g1 += scores[i] * d1;
        g2 += d1;
      }
      if (Math.abs(g1) < EPSILON && Math.abs(g2) < EPSILON) {
        break;
      }
      double det = h11 * h22 - h21 * h21;
      double da = -(h22 * g1 - h21 * g2) / det;
      double db = -(-h21 * g1 + h11 * g2) / det;
      double gd = g1 * da + g2 * db;
      double step = 1;
      while (step >= MIN_STEP) {
        double na = a + step * da;
        double nb = b + step * db;
        double nf = loss(scores, t, na, nb);
        if (nf < fval + 0.0001 * step * gd) {
          a = na;
          b = nb;
          fval = nf;
          break;
        }
        step /= 2;
      }
      if (step < MIN_STEP) {
        break; // the line search found no decrease: as close as doubles get
      }
    }
    return new Calibration(a, b);
  }

  /** The negative log-likelihood of targets {@code t} under {@code A}, {@code B}. */
  private static double loss(double[] s, double[] t, double a, double b) {
    double f = 0;
    for (int i = 0; i < s.length; i++) {
      double x = s[i] * a + b;
      f += x >= 0 ? t[i] * x + Math.log1p(Math.exp(-x)) : (t[i] - 1) * x + Math.log1p(Math.exp(x));
    }
    return f;
  }
}
