package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Fellegi–Sunter match model whose field weights are estimated on each run's own candidate
 * pairs by expectation–maximisation (as Splink and fastLink do), so that how much an agreeing
 * volume or a differing issue counts follows the exports at hand instead of three labelled sets.
 *
 * <p>Input: the agreement pattern ({@link #pattern}) of every pair compared in a block, counted
 * once per pair ({@link #fit} takes pattern → count). Output: a model that gives any pattern a
 * posterior match probability ({@link #posterior}) and says which fields decided it
 * ({@link #explain}). The model only ever keeps records apart: {@link Clusters} sends a rule
 * match with a low posterior to review, never merges on a high one.
 *
 * <p>Eight fields, each missing (says nothing), disagreeing, partly agreeing or agreeing: title
 * (equal; one the start of the other, or of nearly one length with the same start or end), first author, year (same; one apart),
 * volume, first page (an e-page agrees with its plain number; a single number beside a page range
 * in one issue is missing), journal (one abbreviates the other), DOI and issue. Fields are taken as
 * independent given match or non-match (the Fellegi–Sunter assumption).
 *
 * <p>Deterministic: the patterns are visited in sorted order, the start values are fixed, and the
 * iteration stops after {@link #MAX_ITERATIONS} rounds or when no probability moves by more than
 * {@link #TOLERANCE}. With fewer than {@link #MIN_PAIRS} compared pairs there is too little to
 * estimate from, and {@link #fit} returns null (the rules decide alone). Never fails.
 */
public final class MatchModel {
  /** Fields of the agreement pattern, two bits each. */
  static final String[] FIELDS = {"title", "first author", "year", "volume", "first page", "journal", "DOI",
      "issue"};
  static final int MISSING = 0;
  static final int DISAGREE = 1;
  static final int PARTIAL = 2;
  static final int AGREE = 3;
  private static final String[] LEVELS = {"missing", "differs", "partly agrees", "agrees"};

  /** Fewer compared pairs than this: no model. */
  public static final long MIN_PAIRS = 200;
  /** At most this many EM rounds. */
  public static final int MAX_ITERATIONS = 200;
  /** EM stops when no probability moves by more than this. */
  public static final double TOLERANCE = 1e-7;
  /** A rule match whose posterior is below this goes to review: the run's own data doubt it. */
  public static final double REVIEW_BELOW = 0.5;

  private final double lambda;
  private final double[][] m;
  private final double[][] u;
  private final long pairs;
  private final int iterations;

  private MatchModel(double lambda, double[][] m, double[][] u, long pairs, int iterations) {
    this.lambda = lambda;
    this.m = m;
    this.u = u;
    this.pairs = pairs;
    this.iterations = iterations;
  }

  /** The agreement pattern of two records, an int of {@link #FIELDS}.length two-bit levels. */
  public static int pattern(RecordFeatures a, RecordFeatures b) {
    return pattern(a, b, PairMatcher.firstAuthorsAgree(a, b), PairMatcher.journals(a.journals(), b.journals()));
  }

  /**
   * The agreement pattern, given how the first authors ({@link PairMatcher#firstAuthorsAgree}) and
   * the journals ({@link PairMatcher#journals}) of the two compare: {@link BlockComparer} asks
   * those once per distinct pair of values in a block.
   */
  static int pattern(RecordFeatures a, RecordFeatures b, PairMatcher.Rel firstAuthor, PairMatcher.Rel journal) {
    int p = 0;
    p |= level(title(a.title(), b.title()), 0);
    p |= level(rel(firstAuthor), 1);
    int year = a.year() <= 0 || b.year() <= 0 ? MISSING
        : a.year() == b.year() ? AGREE : Math.abs(a.year() - b.year()) == 1 ? PARTIAL : DISAGREE;
    p |= level(year, 2);
    p |= level(same(a.volume(), b.volume()), 3);
    p |= level(firstPage(a, b), 4);
    p |= level(rel(journal), 5);
    p |= level(same(a.doiStem(), b.doiStem()), 6);
    p |= level(same(a.issue(), b.issue()), 7);
    return p;
  }

  static int levelOf(int pattern, int field) {
    return (pattern >>> (2 * field)) & 3;
  }

  private static int level(int level, int field) {
    return level << (2 * field);
  }

  private static int title(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return MISSING;
    }
    if (a.equals(b)) {
      return AGREE;
    }
    int min = Math.min(a.length(), b.length());
    int max = Math.max(a.length(), b.length());
    int n = Math.min(16, min);
    // (cheap on purpose: every compared pair gets a pattern, most of them different papers; one
    // title the start of the other is a subtitle left off)
    String shorter = a.length() == min ? a : b;
    String longer = shorter == a ? b : a;
    boolean alike = longer.startsWith(shorter) && longer.charAt(min) == ' '
        || min >= 0.8 * max && (a.regionMatches(0, b, 0, n) || a.regionMatches(a.length() - n, b, b.length() - n, n));
    return alike ? PARTIAL : DISAGREE;
  }

  /**
   * First pages: an e-page and its plain number ("e123", "123") agree; a single number beside a
   * page range in one volume and issue says nothing (it may be an article number beside the print
   * pages, as {@link PairMatcher} judges it too); otherwise compared as written.
   */
  private static int firstPage(RecordFeatures a, RecordFeatures b) {
    int l = same(PairMatcher.withoutEPrefix(a.firstPage()), PairMatcher.withoutEPrefix(b.firstPage()));
    return l == DISAGREE && PairMatcher.numberBesideRangeInOneIssue(a, b) ? MISSING : l;
  }

  private static int same(String a, String b) {
    return a.isEmpty() || b.isEmpty() ? MISSING : a.equals(b) ? AGREE : DISAGREE;
  }

  private static int rel(PairMatcher.Rel r) {
    return r == PairMatcher.Rel.SAME ? AGREE : r == PairMatcher.Rel.DIFFERENT ? DISAGREE : MISSING;
  }

  /**
   * Estimates the model by EM on the counted patterns; null when fewer than {@link #MIN_PAIRS}
   * pairs were compared.
   */
  public static MatchModel fit(Map<Integer, Long> counts) {
    TreeMap<Integer, Long> sorted = new TreeMap<>(counts);
    long total = 0;
    for (long n : sorted.values()) {
      total += n;
    }
    if (total < MIN_PAIRS) {
      return null;
    }
    int f = FIELDS.length;
    double[][] m = new double[f][4];
    double[][] u = new double[f][4];
    for (int i = 0; i < f; i++) {
      // start: a match mostly agrees, a non-match mostly differs
      m[i] = new double[] {0, 0.05, 0.15, 0.80};
      u[i] = new double[] {0, 0.70, 0.20, 0.10};
    }
    double lambda = 0.1;
    int[] patterns = new int[sorted.size()];
    double[] weights = new double[sorted.size()];
    int k = 0;
    for (Map.Entry<Integer, Long> e : sorted.entrySet()) {
      patterns[k] = e.getKey();
      weights[k] = e.getValue();
      k++;
    }
    int round = 0;
    while (round < MAX_ITERATIONS) {
      round++;
      double[][] mm = new double[f][4];
      double[][] uu = new double[f][4];
      double matches = 0;
      for (int j = 0; j < patterns.length; j++) {
        double g = posterior(patterns[j], lambda, m, u);
        double w = weights[j];
        matches += g * w;
        for (int i = 0; i < f; i++) {
          int l = levelOf(patterns[j], i);
          if (l != MISSING) {
            mm[i][l] += g * w;
            uu[i][l] += (1 - g) * w;
          }
        }
      }
      double moved = Math.abs(matches / total - lambda);
      lambda = matches / total;
      for (int i = 0; i < f; i++) {
        moved = Math.max(moved, normalise(mm[i], m[i]));
        moved = Math.max(moved, normalise(uu[i], u[i]));
      }
      if (moved < TOLERANCE) {
        break;
      }
    }
    // EM can settle with the classes swapped; the match class is the one whose fields agree more
    double agreement = 0;
    for (int i = 0; i < f; i++) {
      agreement += m[i][AGREE] - u[i][AGREE];
    }
    if (agreement < 0) {
      double[][] t = m;
      m = u;
      u = t;
      lambda = 1 - lambda;
    }
    return new MatchModel(lambda, m, u, total, round);
  }

  /**
   * Normalises the expected counts of one field into {@code into} (a half pair added to each
   * level, so that no level is impossible); returns the largest change.
   */
  private static double normalise(double[] counts, double[] into) {
    double sum = 0;
    for (int l = 1; l < 4; l++) {
      sum += counts[l] + 0.5;
    }
    double moved = 0;
    for (int l = 1; l < 4; l++) {
      double v = (counts[l] + 0.5) / sum;
      moved = Math.max(moved, Math.abs(v - into[l]));
      into[l] = v;
    }
    return moved;
  }

  private static double posterior(int pattern, double lambda, double[][] m, double[][] u) {
    double lm = Math.log(lambda);
    double lu = Math.log(1 - lambda);
    for (int i = 0; i < m.length; i++) {
      int l = levelOf(pattern, i);
      if (l != MISSING) {
        lm += Math.log(m[i][l]);
        lu += Math.log(u[i][l]);
      }
    }
    double d = lu - lm;
    return d > 700 ? 0 : 1 / (1 + Math.exp(d));
  }

  /** The posterior probability that a pair with this pattern is one paper. */
  public double posterior(int pattern) {
    return posterior(pattern, lambda, m, u);
  }

  /**
   * The posterior and the fields that weigh most in it, strongest first: e.g. "posterior 0.31:
   * volume differs (-4.2), title agrees (+5.0)".
   */
  public String explain(int pattern) {
    List<double[]> weights = new ArrayList<>();
    for (int i = 0; i < FIELDS.length; i++) {
      int l = levelOf(pattern, i);
      if (l != MISSING) {
        weights.add(new double[] {i, l, Math.log(m[i][l] / u[i][l]) / Math.log(2)});
      }
    }
    weights.sort((x, y) -> Double.compare(Math.abs(y[2]), Math.abs(x[2])));
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "posterior %.2f", posterior(pattern)));
    for (int j = 0; j < Math.min(3, weights.size()); j++) {
      double[] w = weights.get(j);
      s.append(j == 0 ? ": " : ", ").append(FIELDS[(int) w[0]]).append(' ').append(LEVELS[(int) w[1]])
          .append(String.format(Locale.ROOT, " (%+.1f)", w[2]));
    }
    return s.toString();
  }

  /** The estimated share of compared pairs that are one paper. */
  public double lambda() {
    return lambda;
  }

  /** How many compared pairs the model was estimated on. */
  public long pairs() {
    return pairs;
  }

  /** The number of EM rounds run. */
  public int iterations() {
    return iterations;
  }

  /** The match weight (log2 m/u) of each field at each level, for the benchmark. */
  public String weights() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "lambda %.4f, %d pairs, %d rounds%n",
        lambda, pairs, iterations));
    for (int i = 0; i < FIELDS.length; i++) {
      s.append(String.format(Locale.ROOT, "  %-12s", FIELDS[i]));
      for (int l = 1; l < 4; l++) {
        s.append(String.format(Locale.ROOT, "  %s m %.3f u %.3f (%+.1f)", LEVELS[l], m[i][l], u[i][l],
            Math.log(m[i][l] / u[i][l]) / Math.log(2)));
      }
      s.append('\n');
    }
    return s.toString();
  }
}
