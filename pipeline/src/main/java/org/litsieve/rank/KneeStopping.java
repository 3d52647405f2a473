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
    int s = firstStop(f, n);
    if (s > 0) {
      return new KneeStopping(s, s < n, f[s], unseen(f, s, knee(f, s), n));
    }
    return new KneeStopping(n, false, f[n], 0);
  }

  /** The slope ratio the rule needs with {@code found} relevant records: {@code 156 - min(found, 150)}. */
  static int threshold(int found) {
    return 156 - Math.min(found, 150);
  }

  /**
   * The first {@code s} in {@code [MIN_SCREENED, n]} at which the rule fires on the gain curve {@code f}
   * ({@code f[s]} relevant records among the first {@code s}), or 0 when it never does.
   */
  static int firstStop(int[] f, int n) {
    // the knee for s maximises s * f[j] - f[s] * j over j <= s, a linear function of the point (j, f[j]),
    // so it is a vertex of the upper convex hull of the points so far: kept incrementally and searched by
    // slope, this makes the scan O(n log n) instead of O(n^2), which matters for a long decision history
    int[] hull = new int[n + 1];
    int h = 0;
    for (int s = 1; s <= n; s++) {
      while (h >= 2 && cross(f, hull[h - 2], hull[h - 1], s) >= 0) {
        h--;
      }
      hull[h++] = s;
      if (s < MIN_SCREENED) {
        continue;
      }
      int knee = hullKnee(f, hull, h, s);
      if (knee == 0 || knee == s || f[knee] == 0) {
        continue;
      }
      double rho = ((double) f[knee] / knee) / ((f[s] - f[knee] + 1.0) / (s - knee));
      if (rho >= threshold(f[s])) {
        return s;
      }
    }
    return 0;
  }

  private static double unseen(int[] f, int s, int knee, int n) {
    return (f[s] - f[knee] + 1.0) / (s - knee) * (n - s);
  }

  /** Above zero when {@code c} lies above the line through {@code a} and {@code b} (a left turn). */
  private static long cross(int[] f, int a, int b, int c) {
    return (long) (b - a) * (f[c] - f[a]) - (long) (f[b] - f[a]) * (c - a);
  }

  /**
   * As {@link #knee}, searching the upper hull {@code hull[0..h)} (ascending, without collinear points)
   * of the points {@code (j, f[j])} for {@code 1 <= j <= s}: the first vertex whose next edge is no
   * steeper than the chord, {@code f[s] / s}, which is also the smallest maximiser, as {@link #knee} picks.
   */
  static int hullKnee(int[] f, int[] hull, int h, int s) {
    int lo = 0;
    int hi = h - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int a = hull[mid];
      int b = hull[mid + 1];
      // edge slope (f[b] - f[a]) / (b - a) <= f[s] / s
      if ((long) (f[b] - f[a]) * s <= (long) f[s] * (b - a)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return hull[lo];
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
