package org.litsieve.rank;

/**
 * When to stop screening: the knee method of Cormack and Grossman ("Engineering quality and
 * reliability in technology-assisted review", SIGIR 2016), with their adjustment for small numbers.
 *
 * <p>After {@code s} records screened in the model's order with {@code f(s)} relevant found, the
 * knee {@code i} is the point of the gain curve farthest from the straight line from the origin to
 * {@code (s, f(s))}. The slope ratio is {@code rho = (f(i) / i) / ((f(s) - f(i) + 1) / (s - i))};
 * screening stops at the first {@code s >= 150} with {@code rho >= 156 - min(f(s), 150)}.
 *
 * <p>Beside the rule, an estimate of what is still unseen: the rate of relevant records since the
 * knee, {@code (f(s) - f(i) + 1) / (s - i)}, applied to every unseen record. Rates fall as screening
 * goes on, so this over-counts what is left and under-states the recall reached; it is a caution,
 * not a promise. Input: the labels in screening order; never fails.
 *
 * @param screened records screened when the rule fired, or all of them when it never did
 * @param stopped whether the rule fired before the end
 * @param found relevant records found by then
 * @param estimatedUnseen the estimate of relevant records not yet seen at that point
 */
public record KneeStopping(int screened, boolean stopped, int found, double estimatedUnseen) {
  /** Records screened before the rule may fire. */
  public static final int MIN_SCREENED = 150;

  /** The estimated recall reached: found / (found + estimated unseen). */
  public double estimatedRecall() {
    return found + estimatedUnseen == 0 ? 1 : found / (found + estimatedUnseen);
  }

  /** Applies the rule to {@code relevantInOrder}, the labels of records as they were screened. */
  public static KneeStopping of(boolean[] relevantInOrder) {
    int n = relevantInOrder.length;
    int[] f = new int[n + 1];
    for (int s = 1; s <= n; s++) {
      f[s] = f[s - 1] + (relevantInOrder[s - 1] ? 1 : 0);
    }
    for (int s = MIN_SCREENED; s <= n; s++) {
      int knee = knee(f, s);
      if (knee == 0 || knee == s || f[knee] == 0) {
        continue;
      }
      double rho = ((double) f[knee] / knee) / ((f[s] - f[knee] + 1.0) / (s - knee));
      if (rho >= 156 - Math.min(f[s], 150)) {
        return new KneeStopping(s, s < n, f[s], unseen(f, s, knee, n));
      }
    }
    return new KneeStopping(n, false, f[n], 0);
  }

  private static double unseen(int[] f, int s, int knee, int n) {
    return (f[s] - f[knee] + 1.0) / (s - knee) * (n - s);
  }

  /** The point of the gain curve up to {@code s} farthest above the chord from the origin to {@code (s, f(s))}. */
  static int knee(int[] f, int s) {
    int best = 0;
    double bestDistance = Double.NEGATIVE_INFINITY;
    // distance to the line through (0,0) and (s, f(s)), up to a constant factor
    for (int j = 1; j <= s; j++) {
      double d = (double) s * f[j] - (double) f[s] * j;
      if (d > bestDistance) {
        bestDistance = d;
        best = j;
      }
    }
    return best;
  }
}
