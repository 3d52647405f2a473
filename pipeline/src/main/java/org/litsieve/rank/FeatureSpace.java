package org.litsieve.rank;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.util.Arrays;
import java.util.List;

/**
 * The features a replay's trainings have met so far, numbered in the order they were met, with the
 * bias as feature 1. A linear model with an L2 penalty gives weight 0 to a feature no training example
 * has, so training in this smaller space reaches the same model; LIBLINEAR's solvers spend time in
 * proportion to the number of features at every step, and early in a replay the records trained on
 * hold a small share of all features. The space only grows, so a record's row, once built, stays valid.
 *
 * <p>Input: every record's vector (feature indices below {@code dims}). Output: LIBLINEAR rows of the
 * records asked for, and a model's weights mapped back to all {@code dims} features (bias last). Never
 * fails on valid vectors.
 */
final class FeatureSpace {
  private final List<SparseVector> x;
  private final int dims;
  private final int[] local;
  private final Feature[][] rows;
  private int count = 1;

  FeatureSpace(List<SparseVector> x, int dims) {
    this.x = x;
    this.dims = dims;
    this.local = new int[dims];
    this.rows = new Feature[x.size()][];
  }

  /** Record {@code i} as a LIBLINEAR row in this space (bias first), adding its new features. */
  Feature[] row(int i) {
    if (rows[i] == null) {
      SparseVector v = x.get(i);
      int m = v.index().length;
      long[] packed = new long[m];
      for (int j = 0; j < m; j++) {
        int g = v.index()[j];
        if (local[g] == 0) {
          local[g] = ++count;
        }
        // local index in the high bits, position in the low ones: sorting orders the row by index
        packed[j] = ((long) local[g] << 32) | j;
      }
      Arrays.sort(packed);
      Feature[] f = new Feature[m + 1];
      f[0] = new FeatureNode(1, 1.0);
      for (int j = 0; j < m; j++) {
        f[j + 1] = new FeatureNode((int) (packed[j] >>> 32), v.value()[(int) packed[j]]);
      }
      rows[i] = f;
    }
    return rows[i];
  }

  /** The number of features met so far, the bias included (LIBLINEAR's {@code n}). */
  int size() {
    return count;
  }

  /** {@code w} (weights in this space) over all {@code dims} features, the bias last. */
  double[] global(double[] w) {
    double[] out = new double[dims + 1];
    for (int g = 0; g < dims; g++) {
      if (local[g] > 0 && local[g] <= w.length) {
        out[g] = w[local[g] - 1];
      }
    }
    out[dims] = w[0];
    return out;
  }
}
