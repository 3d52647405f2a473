package org.litsieve.rank;

/**
 * A sparse feature vector: feature indices in ascending order (0-based) and their weights.
 *
 * @param index feature indices, strictly ascending
 * @param value the weight of each index
 */
public record SparseVector(int[] index, float[] value) {
  /** The dot product with a dense weight vector; indices beyond it count as zero. */
  public double dot(double[] w) {
    double s = 0;
    for (int i = 0; i < index.length; i++) {
      if (index[i] < w.length) {
        s += w[index[i]] * value[i];
      }
    }
    return s;
  }
}
