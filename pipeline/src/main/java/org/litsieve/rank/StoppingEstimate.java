package org.litsieve.rank;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where reviewers stand in their screening, by the knee method of Cormack and Grossman ("Engineering
 * quality and reliability in technology-assisted review", SIGIR 2016), applied to the records they have
 * decided so far, in the order they decided them (see {@link KneeStopping} for the rule itself).
 *
 * <p>Input: the labels of the decided records in decision order (true = included) and the number of
 * records still to screen. Output: whether the rule says stop, why or why not, and an estimate of the
 * relevant records still unseen and of the recall reached. Never fails; with no decided record there is
 * nothing to estimate from, and the estimate says so ({@link #estimatedUnseen} is NaN).
 *
 * <p>The unseen estimate is the rate of relevant records since the knee, {@code (f(s) - f(i) + 1) / (s -
 * i)}, times the records still to screen (with no knee yet, the rate over everything decided, {@code
 * (f(s) + 1) / s}). Rates fall as screening goes on, so it over-counts what is left: a caution, not a
 * promise. The knee method assumes records were screened most likely first (the ranked queue); screened
 * in another order, it stops later, not earlier.
 *
 * @param screened records decided so far
 * @param found of them, included
 * @param unseen records still to screen (the review queue)
 * @param stop whether the rule says screening may stop
 * @param why the reason, in words
 * @param estimatedUnseen the relevant records estimated still among the {@code unseen} ones (NaN when
 *     nothing has been decided)
 */
public record StoppingEstimate(int screened, int found, int unseen, boolean stop, String why, double estimatedUnseen) {
  /** The method's name as the summary and the report give it. */
  public static final String METHOD = "knee method (Cormack and Grossman 2016)";

  /** The estimated recall reached: found / (found + estimated unseen); 1 when nothing relevant is left to find. */
  public double estimatedRecall() {
    if (Double.isNaN(estimatedUnseen)) {
      return Double.NaN;
    }
    return found + estimatedUnseen == 0 ? 1 : found / (found + estimatedUnseen);
  }

  /** Applies the knee method to {@code includedInOrder}, with {@code unseen} records still to screen. */
  public static StoppingEstimate knee(boolean[] includedInOrder, int unseen) {
    int s = includedInOrder.length;
    int[] f = new int[s + 1];
    for (int j = 1; j <= s; j++) {
      f[j] = f[j - 1] + (includedInOrder[j - 1] ? 1 : 0);
    }
    if (s == 0) {
      return new StoppingEstimate(0, 0, unseen, unseen == 0, unseen == 0 ? "nothing to screen"
          : "no record decided yet", Double.NaN);
    }
    int knee = KneeStopping.knee(f, s);
    boolean hasKnee = knee > 0 && knee < s && f[knee] > 0;
    double rate = hasKnee ? (f[s] - f[knee] + 1.0) / (s - knee) : (f[s] + 1.0) / s;
    double estimate = Math.min(unseen, rate * unseen);
    if (unseen == 0) {
      return new StoppingEstimate(s, f[s], 0, true, "the review queue is empty", 0);
    }
    int firedAt = KneeStopping.firstStop(f, s);
    if (firedAt > 0) {
      return new StoppingEstimate(s, f[s], unseen, true, String.format(Locale.ROOT,
          "the slope ratio at the knee reached the rule's threshold after %d decisions", firedAt), estimate);
    }
    if (s < KneeStopping.MIN_SCREENED) {
      return new StoppingEstimate(s, f[s], unseen, false, String.format(Locale.ROOT,
          "%d records decided; the rule needs at least %d", s, KneeStopping.MIN_SCREENED), estimate);
    }
    if (!hasKnee) {
      return new StoppingEstimate(s, f[s], unseen, false,
          f[s] == 0 ? "no record included yet" : "no knee in the gain curve yet", estimate);
    }
    double rho = ((double) f[knee] / knee) / ((f[s] - f[knee] + 1.0) / (s - knee));
    return new StoppingEstimate(s, f[s], unseen, false, String.format(Locale.ROOT,
        "slope ratio %.1f at the knee (after %d decisions); the rule needs %d", rho, knee,
        KneeStopping.threshold(f[s])), estimate);
  }

  /** The estimate as {@code manifest.json} and the report read it (numbers rounded to one decimal). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", METHOD);
    m.put("stop", stop);
    m.put("why", why);
    m.put("decided", screened);
    m.put("included", found);
    m.put("still_to_screen", unseen);
    if (!Double.isNaN(estimatedUnseen)) {
      m.put("estimated_relevant_unseen", Math.round(estimatedUnseen * 10) / 10.0);
      m.put("estimated_recall", Math.round(estimatedRecall() * 1000) / 10.0);
    }
    return m;
  }

  /** One line for the run summary, e.g. {@code not yet (40 records decided; ...); about 3.2 relevant unseen, recall about 84.0%}. */
  public String line() {
    String verdict = (stop ? "stop" : "not yet") + " (" + why + ")";
    if (Double.isNaN(estimatedUnseen)) {
      return verdict;
    }
    return String.format(Locale.ROOT, "%s; about %.1f relevant still unseen, estimated recall %.1f%%", verdict,
        estimatedUnseen, 100 * estimatedRecall());
  }
}
