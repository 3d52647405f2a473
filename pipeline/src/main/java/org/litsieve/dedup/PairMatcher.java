package org.litsieve.dedup;

import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Decides whether two records are one paper. Plain Java, stateless and thread-safe; never throws
 * on record content.
 *
 * <p>Input: two {@link RecordFeatures}. Output: a {@link Verdict}: {@link Kind#MATCH} (merge),
 * {@link Kind#REVIEW} (perhaps the same paper: a human decides, nothing is merged),
 * {@link Kind#RELATED} (a preprint and its published version: linked, not merged) or
 * {@link Kind#NONE}. The rule in the verdict says why, with the title similarity where it
 * mattered.
 *
 * <p>The order of the checks is the method: first the things that prove two records are
 * <em>different</em> papers (different DOIs or PMIDs, an erratum or reply beside its paper,
 * "Part 1" beside "Part 2", different numbers in the titles, years more than one apart,
 * different first authors, different volumes or pages, a journal that is not the other's
 * abbreviation, conference papers from different years), then what proves they are the
 * <em>same</em> (a shared DOI or PMID with a matching title; else a near-identical title with the
 * same authors and year, or a year apart with the same journal). When in doubt the answer is
 * REVIEW, never MATCH: a missed duplicate costs a second look, a false merge loses a paper.
 */
public final class PairMatcher {
  /** The decision for a pair. */
  public enum Kind { MATCH, REVIEW, RELATED, NONE }

  /** A decision, the rule that made it, and the title similarity (0 to 1; -1 when not compared). */
  public record Verdict(Kind kind, String rule, double score) {
    static final Verdict NONE = new Verdict(Kind.NONE, "", 0);
  }

  /** Title similarity at or above which titles count as the same. */
  public static final double SAME_TITLE = 0.95;
  /** Title similarity at or above which titles are close enough with extra evidence. */
  public static final double CLOSE_TITLE = 0.90;
  /** Below this, the titles of two records that share an identifier are called different. */
  public static final double ID_TITLE = 0.80;

  private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

  private enum Rel { SAME, DIFFERENT, UNKNOWN }

  private PairMatcher() {}

  /** Compares two records. Symmetric: compare(a, b) and compare(b, a) give the same verdict. */
  public static Verdict compare(RecordFeatures a, RecordFeatures b) {
    Rel doi = a.doi().isEmpty() || b.doi().isEmpty() ? Rel.UNKNOWN
        : a.doi().equals(b.doi()) ? Rel.SAME : Rel.DIFFERENT;
    boolean doiVersions = doi == Rel.DIFFERENT && a.doiStem().equals(b.doiStem());
    Rel pmid = a.pmid().isEmpty() || b.pmid().isEmpty() ? Rel.UNKNOWN
        : a.pmid().equals(b.pmid()) ? Rel.SAME : Rel.DIFFERENT;
    boolean titles = a.hasTitle() && b.hasTitle();
    double title = titles ? titleSimilarity(a.title(), b.title()) : -1;
    boolean contained = titles && contains(a.title(), b.title());
    int dy = a.year() > 0 && b.year() > 0 ? Math.abs(a.year() - b.year()) : -1;

    if (pmid == Rel.DIFFERENT) {
      return Verdict.NONE;
    }
    if (a.kind() != b.kind()) {
      return Verdict.NONE; // an erratum, comment or reply is not the paper it refers to
    }
    if (!a.part().equals(b.part())) {
      return Verdict.NONE;
    }
    if (titles && !a.titleNumbers().equals(b.titleNumbers())) {
      return Verdict.NONE; // "Volume 52 Paper 41" vs "Paper 45", "Phase 2" vs "Phase 3"
    }
    if (a.preprint() != b.preprint()) {
      if (title >= SAME_TITLE && firstAuthorsAgree(a, b) != Rel.DIFFERENT) {
        return new Verdict(Kind.RELATED, "preprint and published version", title);
      }
      return Verdict.NONE;
    }
    if (doi == Rel.SAME || pmid == Rel.SAME) {
      String rule = doi == Rel.SAME ? (pmid == Rel.SAME ? "doi+pmid" : "doi") : "pmid";
      if (!titles || title >= ID_TITLE || contained) {
        if (dy > 1 && title < SAME_TITLE) {
          return new Verdict(Kind.REVIEW, rule + " shared, years " + dy + " apart", title);
        }
        return new Verdict(Kind.MATCH, rule, title);
      }
      return new Verdict(Kind.REVIEW, rule + " shared, titles differ", title);
    }
    if (doi == Rel.DIFFERENT && !doiVersions) {
      return Verdict.NONE;
    }
    if (!titles || title < 0.85 && !contained) {
      return Verdict.NONE;
    }
    if (dy > 1) {
      return Verdict.NONE;
    }
    Rel firstAuthor = firstAuthorsAgree(a, b);
    if (firstAuthor == Rel.DIFFERENT) {
      return Verdict.NONE;
    }
    double authors = authorOverlap(a.authors(), b.authors());
    boolean authorsAgree = firstAuthor == Rel.SAME && authors >= 0.5;
    Rel volume = compare(a.volume(), b.volume());
    Rel page = compare(a.firstPage(), b.firstPage());
    if (volume == Rel.DIFFERENT) {
      return Verdict.NONE;
    }
    if (page == Rel.DIFFERENT && volume == Rel.SAME) {
      return Verdict.NONE; // same volume, different pages: two papers in one issue
    }
    boolean sourceAgrees = volume == Rel.SAME && page == Rel.SAME;
    Rel journal = journals(a.journals(), b.journals());
    if (journal == Rel.DIFFERENT && !sourceAgrees) {
      return Verdict.NONE;
    }
    if (a.venue() != b.venue() && a.venue() != RecordFeatures.Venue.UNKNOWN
        && b.venue() != RecordFeatures.Venue.UNKNOWN) {
      return Verdict.NONE; // a conference abstract and the later article
    }
    if (a.venue() == RecordFeatures.Venue.CONFERENCE && dy != 0) {
      return Verdict.NONE; // one conference, another year: another paper
    }
    if (a.generic() || b.generic()) {
      if (a.title().equals(b.title()) && dy == 0 && sourceAgrees && journal == Rel.SAME
          && firstAuthor != Rel.DIFFERENT) {
        return new Verdict(Kind.MATCH, "generic title+source", title);
      }
      return Verdict.NONE;
    }
    if (doiVersions) {
      if (title >= SAME_TITLE && authorsAgree) {
        return new Verdict(Kind.MATCH, "doi versions+title+authors", title);
      }
      return Verdict.NONE;
    }
    boolean sameTitle = title >= SAME_TITLE;
    boolean closeTitle = title >= CLOSE_TITLE || contained;
    boolean someSource = sourceAgrees || journal == Rel.SAME;
    String score = String.format(Locale.ROOT, "%.2f", Math.max(title, contained ? CLOSE_TITLE : 0));
    if (dy == 0) {
      if (sameTitle && authorsAgree) {
        return new Verdict(Kind.MATCH, "title " + score + "+authors+year", title);
      }
      if (sameTitle && firstAuthor == Rel.UNKNOWN && someSource) {
        return new Verdict(Kind.MATCH, "title " + score + "+year+source", title);
      }
      if (closeTitle && authorsAgree && someSource) {
        return new Verdict(Kind.MATCH, "title " + score + "+authors+year+source", title);
      }
      if (closeTitle && (authorsAgree || someSource)) {
        return new Verdict(Kind.REVIEW, "title " + score + ", little else agrees", title);
      }
      return Verdict.NONE;
    }
    // a year apart (e-pub ahead of print) or one year unknown: the journal must agree too
    if (sameTitle && authorsAgree && someSource) {
      return new Verdict(Kind.MATCH, "title " + score + "+authors+source, year " + (dy < 0 ? "unknown" : "±1"), title);
    }
    if (sameTitle && (authorsAgree || someSource)) {
      return new Verdict(Kind.REVIEW, "title " + score + ", year " + (dy < 0 ? "unknown" : "differs"), title);
    }
    return Verdict.NONE;
  }

  /** 1 − Levenshtein distance / longer length; titles less than 0.8 alike give 0. */
  static double titleSimilarity(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    int max = Math.max(a.length(), b.length());
    int min = Math.min(a.length(), b.length());
    if (min < 0.8 * max) {
      return 0;
    }
    int threshold = (int) (max * 0.2);
    int d = new LevenshteinDistance(threshold).apply(a, b);
    return d < 0 ? 0 : 1 - d / (double) max;
  }

  /** Whether one title is the other with a subtitle left off (and is not short). */
  static boolean contains(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return shorter.length() >= 30 && shorter.split(" ").length >= 5 && longer.startsWith(shorter)
        && longer.length() > shorter.length() && longer.charAt(shorter.length()) == ' ';
  }

  private static Rel compare(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Rel.UNKNOWN;
    }
    return a.equals(b) ? Rel.SAME : Rel.DIFFERENT;
  }

  private static Rel firstAuthorsAgree(RecordFeatures a, RecordFeatures b) {
    if (a.authors().isEmpty() || b.authors().isEmpty()) {
      return Rel.UNKNOWN;
    }
    return sameAuthor(a.authors().get(0), b.authors().get(0)) ? Rel.SAME : Rel.DIFFERENT;
  }

  /** The share of the shorter author list found in the other list. */
  static double authorOverlap(List<RecordFeatures.Name> a, List<RecordFeatures.Name> b) {
    List<RecordFeatures.Name> shorter = a.size() <= b.size() ? a : b;
    List<RecordFeatures.Name> longer = shorter == a ? b : a;
    if (shorter.isEmpty()) {
      return 0;
    }
    int found = 0;
    for (RecordFeatures.Name x : shorter) {
      for (RecordFeatures.Name y : longer) {
        if (sameAuthor(x, y)) {
          found++;
          break;
        }
      }
    }
    return found / (double) shorter.size();
  }

  /** Whether two names can be one person: same surname (allowing a typo) and no clashing initial. */
  static boolean sameAuthor(RecordFeatures.Name x, RecordFeatures.Name y) {
    if (!x.surname().isEmpty() && !y.surname().isEmpty()) {
      if (!sameWord(x.surname(), y.surname())) {
        return false;
      }
      return x.initial() == '\0' || y.initial() == '\0' || x.initial() == y.initial();
    }
    String xs = x.surname();
    String ys = y.surname();
    for (String tx : x.tokens()) {
      if (!ys.isEmpty() ? sameWord(tx, ys) : y.tokens().stream().anyMatch(ty -> sameWord(tx, ty))) {
        return true;
      }
    }
    return !xs.isEmpty() && y.tokens().stream().anyMatch(ty -> sameWord(xs, ty));
  }

  private static boolean sameWord(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    return Math.min(a.length(), b.length()) >= 5 && JW.apply(a, b) >= 0.93;
  }

  /** SAME when one journal name abbreviates the other, DIFFERENT when none does, else UNKNOWN. */
  private static Rel journals(List<List<String>> a, List<List<String>> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Rel.UNKNOWN;
    }
    for (List<String> x : a) {
      for (List<String> y : b) {
        if (abbreviates(x, y)) {
          return Rel.SAME;
        }
      }
    }
    return Rel.DIFFERENT;
  }

  /** Whether every word of the shorter name is a prefix of a distinct word of the longer, in order. */
  static boolean abbreviates(List<String> x, List<String> y) {
    List<String> shorter = x.size() <= y.size() ? x : y;
    List<String> longer = shorter == x ? y : x;
    int j = 0;
    for (String w : shorter) {
      while (j < longer.size() && !longer.get(j).startsWith(w) && !w.startsWith(longer.get(j))) {
        j++;
      }
      if (j == longer.size()) {
        return false;
      }
      j++;
    }
    return true;
  }
}
