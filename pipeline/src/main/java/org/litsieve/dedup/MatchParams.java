package org.litsieve.dedup;

/**
 * The cut-offs of {@link PairMatcher} that were chosen by looking at labelled data, gathered in
 * one place so that a benchmark can choose them on some labelled sets and measure them on another
 * (leave one set out). Everything else the matcher does is a veto or a rule about publications
 * (two DOIs, two volumes, an erratum beside its paper…), with no number to fit.
 *
 * @param sameTitle title similarity (1 − Levenshtein distance / length) at or above which two
 *     titles count as the same title
 * @param closeTitle similarity at or above which titles are close enough when the authors and
 *     the journal or volume + page agree too
 * @param idTitle below this, two records sharing a DOI or PMID have different titles (a review
 *     pair: one of the records is wrong)
 * @param authorShare the share of the shorter author list that must be found in the other for
 *     "the authors agree"
 */
public record MatchParams(double sameTitle, double closeTitle, double idTitle, double authorShare) {
  /** The cut-offs litsieve runs with. */
  public static final MatchParams DEFAULT = new MatchParams(0.95, 0.90, 0.80, 0.5);

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "same title %.2f, close title %.2f, id title %.2f, authors %.2f",
        sameTitle, closeTitle, idTitle, authorShare);
  }
}
