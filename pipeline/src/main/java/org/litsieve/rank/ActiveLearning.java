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
 * <p>Batches grow with what is known: one record at a time at first, then a share of the decisions
 * made so far ({@link Settings#growth}, 5% by default), so a replay of {@code N} records trains about
 * {@code 20 + ln(N / 20) / ln(1.05)} times instead of {@code N}. Each training also takes {@link Settings#pseudoNegatives}
 * unseen records, drawn afresh with the seed, as irrelevant: in a search result most records are, and
 * this keeps the first models from favouring whatever the one irrelevant prior happens not to contain.
 *
 * <p>Input: vectors, labels and a seed. Output: the screening order (every index once, priors
 * first). Fails with {@link IllegalArgumentException} when the labels hold no relevant or no
 * irrelevant record, since there are then no priors to draw.
 */
public final class ActiveLearning {
  private ActiveLearning() {}

  /**
   * The replay's settings.
   *
   * @param svm a linear support vector machine instead of logistic regression
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
   */
  public record Settings(boolean svm, double c, int pseudoNegatives, double growth, boolean taper, boolean lowest) {
    /** As the canonical constructor, drawing pseudo-irrelevant records from all unseen ones. */
    public Settings(boolean svm, double c, int pseudoNegatives, double growth, boolean taper) {
      this(svm, c, pseudoNegatives, growth, taper, false);
    }

    /**
     * The settings {@code simulate} and new data get: those the ranking benchmark's leave-one-out
     * choice picks on all 15 labelled datasets (docs/ranking.md says which figures are held out).
     */
    public static final Settings DEFAULT = new Settings(false, 1.0, 100, 0.05, false);
  }

  /** The screening order of {@code x} when the truth is {@code relevant}. */
  public static int[] replay(List<SparseVector> x, boolean[] relevant, int dims, long seed, Settings s) {
    int n = x.size();
    Random random = new Random(seed);
    int[] rel = indices(relevant, true);
    int[] irr = indices(relevant, false);
    if (rel.length == 0 || irr.length == 0) {
      throw new IllegalArgumentException("the labels need at least one relevant and one irrelevant record, found "
          + rel.length + " relevant and " + irr.length + " irrelevant");
    }
    int[] order = new int[n];
    boolean[] seen = new boolean[n];
    int done = 0;
    order[done++] = rel[random.nextInt(rel.length)];
    order[done++] = irr[random.nextInt(irr.length)];
    seen[order[0]] = true;
    seen[order[1]] = true;
    int[] unseen = new int[n];
    int irrelevantSeen = 1;
    RelevanceModel last = null;
    while (done < n) {
      int u = 0;
      for (int i = 0; i < n; i++) {
        if (!seen[i]) {
          unseen[u++] = i;
        }
      }
      int pseudo = s.taper() ? Math.max(0, s.pseudoNegatives() - irrelevantSeen) : s.pseudoNegatives();
      int[] pool = unseen;
      int poolSize = u;
      if (s.lowest() && last != null && u > 1) {
        pool = lowerHalf(last, x, unseen, u);
        poolSize = pool.length;
      }
      List<SparseVector> tx = new ArrayList<>(done + pseudo);
      boolean[] ty = new boolean[done + Math.min(pseudo, poolSize)];
      for (int i = 0; i < done; i++) {
        tx.add(x.get(order[i]));
        ty[i] = relevant[order[i]];
      }
      for (int i : sample(pool, poolSize, pseudo, random)) {
        tx.add(x.get(i));
      }
      RelevanceModel model = RelevanceModel.train(tx, ty, dims, s.c(), s.svm(), random.nextLong(), last);
      last = model;
      int batch = Math.max(1, Math.min(u, (int) Math.ceil(done * s.growth())));
      for (int i : top(model, x, unseen, u, batch)) {
        order[done++] = i;
        seen[i] = true;
        irrelevantSeen += relevant[i] ? 0 : 1;
      }
    }
    return order;
  }

  /** The {@code k} unseen records with the highest scores, highest first; ties by index. */
  static int[] top(RelevanceModel model, List<SparseVector> x, int[] unseen, int u, int k) {
    double[] score = new double[u];
    Integer[] pos = new Integer[u];
    for (int i = 0; i < u; i++) {
      score[i] = model.score(x.get(unseen[i]));
      pos[i] = i;
    }
    Arrays.sort(pos, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = unseen[pos[i]];
    }
    return out;
  }

  /** The unseen records in the lower-scored half under {@code model} (the larger half when {@code u} is odd). */
  static int[] lowerHalf(RelevanceModel model, List<SparseVector> x, int[] unseen, int u) {
    // top() is highest first: the lower-scored half is its second half
    int[] ranked = top(model, x, unseen, u, u);
    return Arrays.copyOfRange(ranked, u / 2, u);
  }

  private static int[] sample(int[] from, int size, int k, Random random) {
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
