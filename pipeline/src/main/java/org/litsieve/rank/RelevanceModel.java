package org.litsieve.rank;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.List;
import java.util.Random;

/**
 * A linear relevance model: L2-regularised logistic regression or a linear support vector machine
 * (LIBLINEAR) on {@link SparseVector}s,
 * with the relevant class weighted up by the ratio of irrelevant to relevant examples, so that a
 * handful of relevant records is not drowned by hundreds of irrelevant ones.
 *
 * <p>Input: vectors, their labels (true = relevant) and a seed for LIBLINEAR's own shuffling, so that
 * training is deterministic. Output: a weight vector; {@link #score} is the decision value, higher
 * meaning more likely relevant. With examples of one class only, every score is 0 (nothing to learn
 * yet). Never fails on valid vectors.
 */
public final class RelevanceModel {
  static {
    Linear.disableDebugOutput();
  }

  /**
   * LIBLINEAR's stopping tolerance for logistic regression in a replay (its default, 0.01, is kept for a
   * model trained once, as in a screening run). A replay trains a
   * hundred times or more, each from the previous weights, and only the order of the scores matters: at
   * 0.1 the replay of ACE inhibitors took about 35% less CPU with WSS@95 unchanged there (76.3%) and
   * within a point on Beta Blockers and ADHD (docs/ranking.md).
   */
  static final double TOLERANCE = 0.1;

  /**
   * LIBLINEAR's stopping tolerance for the ASReview-style SVM's primal solver in a replay (its default,
   * 0.01): each training starts from the previous weights.
   */
  static final double SVM_TOLERANCE = 0.01;

  private final double[] weights;

  private RelevanceModel(double[] weights) {
    this.weights = weights;
  }

  /** The decision value of {@code v}: above 0 leans relevant. */
  public double score(SparseVector v) {
    return v.dot(weights) + weights[weights.length - 1];
  }

  /** The logistic model's probability that {@code v} is relevant (the logistic of {@link #score}). */
  public double probability(SparseVector v) {
    return 1 / (1 + Math.exp(-score(v)));
  }

  /**
   * Trains on {@code x} with labels {@code y}; {@code dims} is the number of features.
   *
   * @param c LIBLINEAR's cost: larger fits the examples more closely
   */
  public static RelevanceModel train(List<SparseVector> x, boolean[] y, int dims, double c, long seed) {
    return train(x, y, dims, c, false, seed);
  }

  /**
   * As {@link #train(List, boolean[], int, double, long)}, with a linear support vector machine (L2
   * loss) instead of logistic regression when {@code svm}.
   */
  public static RelevanceModel train(List<SparseVector> x, boolean[] y, int dims, double c, boolean svm, long seed) {
    return train(x, y, dims, c, svm, seed, null);
  }

  /**
   * As {@link #train(List, boolean[], int, double, boolean, long)}, starting the solver from {@code start}'s
   * weights when given (a warm start: after a few more labels the optimum moves little, so the solver
   * needs far fewer steps; the optimum reached is the same within the solver's tolerance).
   */
  static RelevanceModel train(List<SparseVector> x, boolean[] y, int dims, double c, boolean svm, long seed,
      RelevanceModel start) {
    Feature[][] rows = new Feature[x.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = features(x.get(i), dims);
    }
    return train(rows, y, dims, c, svm, 1.0, seed, start, 0.01);
  }

  /**
   * {@code v} as LIBLINEAR's feature nodes, with the constant bias feature last. A replay converts each
   * record once and passes the same nodes to every training (LIBLINEAR only reads them), instead of
   * building hundreds of thousands of nodes anew at each of its trainings.
   */
  static Feature[] features(SparseVector v, int dims) {
    Feature[] f = new Feature[v.index().length + 1];
    for (int j = 0; j < v.index().length; j++) {
      f[j] = new FeatureNode(v.index()[j] + 1, v.value()[j]);
    }
    f[f.length - 1] = new FeatureNode(dims + 1, 1.0);
    return f;
  }

  /**
   * Trains on {@code rows} (from {@link #features}) with labels {@code y}; the relevant class is weighted
   * by {@code (irrelevant / relevant) ^ balance} (1: fully balanced, 0: not weighted). {@code tolerance}
   * is the logistic regression solver's ({@link #TOLERANCE} in a replay, LIBLINEAR's 0.01 for a model
   * trained once).
   */
  static RelevanceModel train(Feature[][] rows, boolean[] y, int dims, double c, boolean svm, double balance,
      long seed, RelevanceModel start, double tolerance) {
    int pos = relevant(y);
    int neg = y.length - pos;
    if (pos == 0 || neg == 0) {
      return new RelevanceModel(new double[dims + 1]);
    }
    SolverType solver = svm ? SolverType.L2R_L2LOSS_SVC_DUAL : SolverType.L2R_LR;
    return train(rows, y, dims, solver, c, Math.pow((double) neg / pos, balance), 1.0, seed, svm ? null : start,
        svm ? 0.1 : tolerance);
  }

  static int relevant(boolean[] y) {
    int pos = 0;
    for (boolean b : y) {
      pos += b ? 1 : 0;
    }
    return pos;
  }

  /**
   * The class weights ASReview's "balanced" balancer gives (ELAS u4: {@code ratio} 9.8): every relevant
   * example weight 1 and every irrelevant one {@code relevant / (ratio * irrelevant)}, then all scaled so
   * that they average 1. The relevant examples together thus weigh {@code ratio} times the irrelevant
   * ones. Returns {relevant, irrelevant}.
   */
  static double[] asreviewWeights(int pos, int neg, double ratio) {
    int n = pos + neg;
    return new double[] {n / (pos * (1 + 1 / ratio)), n / (neg * (ratio + 1))};
  }

  /**
   * A linear SVM as ASReview LAB's default model trains it (scikit-learn's {@code LinearSVC}: squared
   * hinge loss, L2 penalty, a penalised intercept, per-example weights from {@link #asreviewWeights}).
   * LIBLINEAR's primal solver for the same objective, so that it can start from {@code start}'s weights.
   */
  static RelevanceModel trainAsreviewSvm(Feature[][] rows, boolean[] y, int dims, double c, double ratio, long seed,
      RelevanceModel start, double tolerance) {
    int pos = relevant(y);
    int neg = y.length - pos;
    if (pos == 0 || neg == 0) {
      return new RelevanceModel(new double[dims + 1]);
    }
    double[] w = asreviewWeights(pos, neg, ratio);
    return train(rows, y, dims, SolverType.L2R_L2LOSS_SVC, c, w[0], w[1], seed, start, tolerance);
  }

  /**
   * Trains on rows of a {@link FeatureSpace} ({@code n} features, the bias among them) and returns the
   * weights in that space, relevant positive. {@code asreviewSvm}: the SVM of {@link #trainAsreviewSvm}
   * with {@code weighting} as ASReview's ratio; otherwise logistic regression with the relevant class
   * weighted by {@code (irrelevant / relevant) ^ weighting}. {@code init} (shorter than {@code n} or null)
   * is where the solver starts, features beyond it at 0. With one class only, every weight is 0.
   */
  static double[] trainLocal(Feature[][] rows, boolean[] y, int n, boolean asreviewSvm, double c, double weighting,
      long seed, double[] init, double tolerance) {
    int pos = 0;
    for (boolean b : y) {
      pos += b ? 1 : 0;
    }
    int neg = y.length - pos;
    if (pos == 0 || neg == 0) {
      return new double[n];
    }
    double[] cw = asreviewSvm ? asreviewWeights(pos, neg, weighting)
        : new double[] {Math.pow((double) neg / pos, weighting), 1.0};
    double[] start = null;
    if (init != null) {
      start = java.util.Arrays.copyOf(init, n);
    }
    return solve(rows, y, n, asreviewSvm ? SolverType.L2R_L2LOSS_SVC : SolverType.L2R_LR, c, cw[0], cw[1], seed,
        start, tolerance);
  }

  /** A model with these weights over {@code dims} features, the bias last. */
  static RelevanceModel of(double[] weights) {
    return new RelevanceModel(weights);
  }

  /** Trains with {@code solver}, the relevant class's cost {@code c * posWeight}, the other's {@code c * negWeight}. */
  private static RelevanceModel train(Feature[][] rows, boolean[] y, int dims, SolverType solver, double c,
      double posWeight, double negWeight, long seed, RelevanceModel start, double tolerance) {
    double[] init = start != null && start.weights.length == dims + 1 ? start.weights : null;
    return new RelevanceModel(solve(rows, y, dims + 1, solver, c, posWeight, negWeight, seed, init, tolerance));
  }

  /**
   * LIBLINEAR on {@code rows} ({@code n} features), starting from {@code init} when given; the weights,
   * relevant positive.
   */
  private static double[] solve(Feature[][] rows, boolean[] y, int n, SolverType solver, double c,
      double posWeight, double negWeight, long seed, double[] init, double tolerance) {
    double[] w = new double[n];
    Problem p = new Problem();
    p.l = rows.length;
    p.n = n;
    p.bias = -1;
    p.x = rows;
    p.y = new double[p.l];
    for (int i = 0; i < p.l; i++) {
      p.y[i] = y[i] ? 1 : -1;
    }
    Parameter param = new Parameter(solver, c, tolerance);
    param.setWeights(new double[] {posWeight, negWeight}, new int[] {1, -1});
    param.setRandom(new Random(seed));
    double sign0 = y[0] ? 1 : -1;
    if (init != null) {
      // LIBLINEAR orients the weights by the first label it sees: relevant first means "relevant is positive"
      double[] oriented = new double[n];
      for (int i = 0; i < n; i++) {
        oriented[i] = sign0 * init[i];
      }
      param.setInitSol(oriented);
    }
    Model m = Linear.train(p, param);
    double[] fw = m.getFeatureWeights();
    // LIBLINEAR keeps the weights of the first label it saw; turn them to "relevant is positive"
    double sign = m.getLabels()[0] == 1 ? 1 : -1;
    for (int i = 0; i < w.length && i < fw.length; i++) {
      w[i] = sign * fw[i];
    }
    return w;
  }
}
