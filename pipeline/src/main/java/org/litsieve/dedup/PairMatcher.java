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
 * same authors and year, or a year apart with the same journal and volume; or the same citation
 * (year, journal, volume, first page, first author) with the same title whatever the co-authors,
 * or with the same paper-sized page range, most authors and most title words, when the titles are
 * translations or one carries a heading). When in doubt the answer is REVIEW, never MATCH: a
 * missed duplicate costs a second look, a false merge loses a paper.
 */
public final class PairMatcher {
  /** The decision for a pair. */
  public enum Kind { MATCH, REVIEW, RELATED, NONE }

  /** A decision, the rule that made it, and the title similarity (0 to 1; -1 when not compared). */
  public record Verdict(Kind kind, String rule, double score) {
    static final Verdict NONE = new Verdict(Kind.NONE, "", 0);
  }

  /** Title lengths this close can be the same title (a cost guard, not a decision). */
  private static final double SAME_TITLE_LENGTH = 0.95;

  /** A range of more pages than this is not one paper's (a supplement's, an issue's). */
  static final int MAX_PAPER_PAGES = 100;

  private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

  enum Rel { SAME, DIFFERENT, UNKNOWN }

  private PairMatcher() {}

  /**
   * Compares two records. Symmetric: compare(a, b) and compare(b, a) give the same verdict.
   *
   * <p>The title similarity (a bounded Levenshtein distance, the costliest step) is computed only
   * when a check needs it: every veto that does not depend on the titles runs first, so the many
   * pairs a block brings together that differ in year, DOI, volume or first author cost a few
   * string comparisons. A NONE verdict's rule names the first veto that applied, and its score is
   * -1 when the titles were never compared.
   */
  public static Verdict compare(RecordFeatures a, RecordFeatures b) {
    return compare(a, b, MatchParams.DEFAULT);
  }

  /** Compares two records with other cut-offs (the benchmark's leave-one-set-out choice). */
  public static Verdict compare(RecordFeatures a, RecordFeatures b, MatchParams p) {
    Rel doi = a.doi().isEmpty() || b.doi().isEmpty() ? Rel.UNKNOWN
        : a.doi().equals(b.doi()) ? Rel.SAME : Rel.DIFFERENT;
    boolean doiVersions = doi == Rel.DIFFERENT && a.doiStem().equals(b.doiStem());
    Rel pmid = a.pmid().isEmpty() || b.pmid().isEmpty() ? Rel.UNKNOWN
        : a.pmid().equals(b.pmid()) ? Rel.SAME : Rel.DIFFERENT;
    boolean titles = a.hasTitle() && b.hasTitle();
    int dy = a.year() > 0 && b.year() > 0 ? Math.abs(a.year() - b.year()) : -1;

    if (pmid == Rel.DIFFERENT) {
      return none("different PMIDs");
    }
    if (a.kind() != b.kind()) {
      return none("an erratum, comment or reply beside another kind of record");
    }
    if (!a.part().equals(b.part())) {
      return none("different parts");
    }
    if (a.preprint() != b.preprint()) {
      double title = titles ? titleSimilarity(a.title(), b.title()) : -1;
      if (title >= p.sameTitle() && firstAuthorsAgree(a, b) != Rel.DIFFERENT) {
        return new Verdict(Kind.RELATED, "preprint and published version", title);
      }
      return none("preprint beside a different paper");
    }
    if (doi == Rel.SAME || pmid == Rel.SAME) {
      double title = titles ? titleSimilarity(a.title(), b.title()) : -1;
      String rule = doi == Rel.SAME ? (pmid == Rel.SAME ? "doi+pmid" : "doi") : "pmid";
      if (!titles || title >= p.idTitle() || contains(a.title(), b.title())) {
        if (dy > 1 && title < p.sameTitle()) {
          return new Verdict(Kind.REVIEW, rule + " shared, years " + dy + " apart", title);
        }
        return new Verdict(Kind.MATCH, rule, title);
      }
      return new Verdict(Kind.REVIEW, rule + " shared, titles differ", title);
    }
    if (doi == Rel.DIFFERENT && !doiVersions) {
      return none("different DOIs");
    }
    if (!titles) {
      return none("a title is missing");
    }
    // the vetoes that need no title similarity
    if (dy > 1) {
      return none("years differ");
    }
    Rel volume = compare(a.volume(), b.volume());
    Rel page = pages(a, b);
    Rel issue = issues(a.issue(), b.issue());
    if (page == Rel.DIFFERENT && numberBesideRangeInOneIssue(a, b)) {
      page = Rel.UNKNOWN;
    }
    if (volume == Rel.DIFFERENT) {
      return none("different volumes");
    }
    if (page == Rel.DIFFERENT && volume == Rel.SAME) {
      return none("same volume, different pages"); // two papers in one issue
    }
    if (page == Rel.DIFFERENT && articleNumber(a) && articleNumber(b)) {
      return none("different article numbers"); // an article number is unique in its journal
    }
    boolean sourceAgrees = volume == Rel.SAME && page == Rel.SAME;
    // a recurring column ("Editor's Comments") is one per issue, often without pages or on page 1
    // of each; but some exports fill the issue field with other numbers (a reference manager's
    // record number), so the issue decides only where nothing else locates the paper: a generic
    // title, or no pages on either side
    boolean noPages = a.firstPage().isEmpty() && !a.pagesUnreadable()
        && b.firstPage().isEmpty() && !b.pagesUnreadable();
    if (issue == Rel.DIFFERENT && (a.generic() || b.generic() || noPages)) {
      return none("different issues");
    }
    boolean sameIssue = volume == Rel.SAME && issue == Rel.SAME && page != Rel.DIFFERENT;
    boolean conferences = a.venue() == RecordFeatures.Venue.CONFERENCE
        && b.venue() == RecordFeatures.Venue.CONFERENCE;
    Rel journal = journals(a.journals(), b.journals());
    // a journal named in another language or transliterated ("Zhonghua Liu Xing Bing Xue Za Zhi",
    // "Chinese Journal of Epidemiology") is still the same issue when volume and issue agree; a
    // conference's proceedings are named differently by every database, but a main conference and
    // its workshops can carry one author's two papers of one title: names differing count only
    // against a full list of at least two authors found on both sides
    boolean conferenceNamedApart = conferences && a.authors().size() >= 2 && b.authors().size() >= 2
        && authorOverlap(a.authors(), b.authors()) >= 0.8;
    if (journal == Rel.DIFFERENT && !sourceAgrees && !sameIssue && !conferenceNamedApart) {
      return none("different journals");
    }
    if (!a.titleNumbers().equals(b.titleNumbers()) && !sourceAgrees) {
      return none("different numbers in the titles"); // "Paper 41" vs "Paper 45", "Phase 2"
    }
    if (a.venue() != b.venue() && a.venue() != RecordFeatures.Venue.UNKNOWN
        && b.venue() != RecordFeatures.Venue.UNKNOWN && !(sourceAgrees && journal == Rel.SAME)) {
      // (one journal, volume and page is one publication, whatever the two databases call it)
      return none("a conference paper beside a journal article");
    }
    if ((a.venue() == RecordFeatures.Venue.CONFERENCE || b.venue() == RecordFeatures.Venue.CONFERENCE)
        && dy != 0 && !conferences) {
      return none("conference papers from different years");
    }
    if (conferences && !venueYearsAgree(a, b)) {
      return none("conference papers from different years"); // "ICIS 2018" and "ICIS 2019"
    }
    Rel firstAuthor = firstAuthorsAgree(a, b);
    // a garbled first author (name order swapped, a letter lost) on the same title, journal
    // issue and pages, with most of the other authors the same, is still the same paper; so is
    // an author list in another order, or with given names written as surnames ("Hiroshi,
    // Nakamura"), when nearly every name is found in the other list
    // (only for titles of nearly one length, as only the same title can use it: comparing every
    // name of two lists for the many pairs with different first authors would cost more than the
    // titles)
    boolean sameAuthorSet = firstAuthor == Rel.DIFFERENT && a.authors().size() >= 2
        && b.authors().size() >= 2
        && Math.min(a.title().length(), b.title().length()) >= SAME_TITLE_LENGTH * Math.max(a.title().length(), b.title().length())
        && authorOverlap(a.authors(), b.authors(), true) >= 0.8;
    boolean perhapsGarbled = firstAuthor == Rel.DIFFERENT && (sameAuthorSet || sourceAgrees && dy == 0
        && a.authors().size() >= 2 && b.authors().size() >= 2
        && authorOverlap(rest(a.authors()), rest(b.authors()), true) >= 0.5);
    if (firstAuthor == Rel.DIFFERENT && !perhapsGarbled) {
      return none("different first authors");
    }
    if (a.generic() || b.generic()) {
      // (the same title is the "same title" a garbled first author needs)
      if (a.title().equals(b.title()) && dy == 0 && sourceAgrees && journal == Rel.SAME
          && (firstAuthor != Rel.DIFFERENT || perhapsGarbled)) {
        return new Verdict(Kind.MATCH, "generic title+source", 1);
      }
      return none("generic title without a matching source");
    }

    double title = titleSimilarity(a.title(), b.title());
    // a subtitle left off: the longer title is the shorter one and more; a short main title
    // ("Shadow IT in hospitals") counts only within one journal volume and issue, where the same
    // authors' two papers would not share it
    boolean contained = contains(a.title(), b.title()) || journal == Rel.SAME && volume == Rel.SAME
        && issue != Rel.DIFFERENT && page != Rel.DIFFERENT && mainTitle(a.title(), b.title());
    if (title < p.closeTitle() && !contained && dy == 0 && firstAuthor == Rel.SAME && journal == Rel.SAME
        && volume == Rel.SAME && samePaperPages(a, b)) {
      // the same citation (year, journal, volume, first and last page, first author) with titles
      // that differ: a translated title, a section heading before it, a subtitle run on. Two
      // papers never fill the same pages, so most authors and most title words are enough.
      // (with the issue named alike on both, the titles may share no word at all: an English
      // title beside the original-language one)
      double words = sharedWords(a.title(), b.title());
      if ((words >= 0.5 || issue == Rel.SAME) && authorOverlap(a.authors(), b.authors()) >= p.authorShare()) {
        return new Verdict(Kind.MATCH, String.format(Locale.ROOT,
            "same citation+authors, title words %.2f", words), Math.max(title, p.closeTitle()));
      }
    }
    if (title < p.idTitle() && !contained) {
      return none("titles differ", title);
    }
    // titles alike but for a word swapped for another ("anxiety" and "burnout"), not a typo: one
    // group's two papers; never merged without an identifier
    boolean swapped = !contained && title < 1 && wordSwapped(a.title(), b.title());
    boolean sameTitle = title >= p.sameTitle() && !swapped;
    if (firstAuthor == Rel.DIFFERENT) {
      if (!sameTitle) {
        return none("different first authors", title);
      }
      firstAuthor = Rel.SAME;
    }
    double authors = perhapsGarbled
        ? Math.max(authorOverlap(a.authors(), b.authors()), authorOverlap(a.authors(), b.authors(), true))
        : authorOverlap(a.authors(), b.authors());
    boolean authorsAgree = firstAuthor == Rel.SAME && authors >= p.authorShare();
    if (!a.titleNumbers().equals(b.titleNumbers()) && !authorsAgree) {
      return none("different numbers in the titles", title);
    }
    if (doiVersions) {
      if (sameTitle && authorsAgree) {
        return new Verdict(Kind.MATCH, "doi versions+title+authors", title);
      }
      return none("different DOIs", title);
    }
    boolean closeTitle = (title >= p.closeTitle() && !swapped) || contained;
    if (a.venue() == RecordFeatures.Venue.THESIS && b.venue() == RecordFeatures.Venue.THESIS
        && sameTitle && firstAuthor == Rel.SAME) {
      // a thesis and its abstract in Dissertation Abstracts, often listed a year later
      return new Verdict(Kind.MATCH, "thesis: title+author", title);
    }
    boolean someSource = sourceAgrees || journal == Rel.SAME;
    String score = String.format(Locale.ROOT, "%.2f", Math.max(title, contained ? p.closeTitle() : 0));
    if (dy == 0) {
      if (sameTitle && authorsAgree) {
        return new Verdict(Kind.MATCH, "title " + score + "+authors+year", title);
      }
      if (sameTitle && firstAuthor == Rel.SAME && sourceAgrees && journal == Rel.SAME) {
        // the whole citation agrees; the other authors are garbled (given names for surnames)
        return new Verdict(Kind.MATCH, "title " + score + "+first author+year+journal+volume+page", title);
      }
      if (sameTitle && firstAuthor == Rel.UNKNOWN && someSource) {
        return new Verdict(Kind.MATCH, "title " + score + "+year+source", title);
      }
      if (closeTitle && authorsAgree && someSource) {
        return new Verdict(Kind.MATCH, "title " + score + "+authors+year+source", title);
      }
      if (authorsAgree && sourceAgrees && journal != Rel.DIFFERENT) {
        return new Verdict(Kind.MATCH, "title " + score + "+authors+year+volume+page", title);
      }
      if (closeTitle && (authorsAgree || someSource)) {
        return new Verdict(Kind.REVIEW, "title " + score + ", little else agrees", title);
      }
      return none("too little agrees", title);
    }
    // a year apart, or one year unknown: the same issue and pages, or an e-pub ahead of print
    // (the earlier record has no volume and article-relative pages or none) in the same journal
    String year = dy < 0 ? "year unknown" : "year ±1";
    if (sameTitle && authorsAgree && sourceAgrees && journal != Rel.DIFFERENT) {
      return new Verdict(Kind.MATCH, "title " + score + "+authors+volume+page, " + year, title);
    }
    if (dy == 1 && sameTitle && authorsAgree && conferences) {
      // proceedings are dated by the conference or by the publication of the volume
      return new Verdict(Kind.MATCH, "title " + score + "+authors, conference paper, year ±1", title);
    }
    if (dy == 1 && sameTitle && authorsAgree && journal == Rel.SAME && volume == Rel.SAME) {
      // a journal volume belongs to one year: a year apart in the same volume is a wrong year
      return new Verdict(Kind.MATCH, "title " + score + "+authors+journal+volume, year ±1", title);
    }
    if (dy == 1 && sameTitle && authorsAgree && journal == Rel.SAME && epubAheadOfPrint(a, b)) {
      return new Verdict(Kind.MATCH, "title " + score + "+authors+journal, e-pub a year earlier", title);
    }
    if (sameTitle && (authorsAgree || someSource)) {
      return new Verdict(Kind.REVIEW, "title " + score + ", " + year, title);
    }
    return none("too little agrees", title);
  }

  private static Verdict none(String why) {
    return new Verdict(Kind.NONE, why, -1);
  }

  private static Verdict none(String why, double title) {
    return new Verdict(Kind.NONE, why, title);
  }

  /** Whether the first page is an article number: an "e" (or other letter) page without a range. */
  private static boolean articleNumber(RecordFeatures f) {
    return lone(f) && withoutLetterPrefix(f.firstPage()).length() != f.firstPage().length();
  }

  /**
   * Whether one record gives a single number for its pages and the other a page range, in the same
   * volume and issue: the number may be the paper's article number where the other database gives
   * its print pages (Web of Science writes the article number "3200405" as the page when there is
   * no first page; Scopus gives "51-55"), so the pages prove nothing; they do not agree either.
   * The matcher and the match model both ask this, so that they judge such pages alike.
   */
  static boolean numberBesideRangeInOneIssue(RecordFeatures a, RecordFeatures b) {
    return loneBesideRange(a, b) && compare(a.volume(), b.volume()) == Rel.SAME
        && issues(a.issue(), b.issue()) == Rel.SAME;
  }

  /**
   * The page without an electronic-page "e" ("e123" → "123"; the page is already lower-case and
   * without leading zeros): "e123" and "123" are one page written two ways, while other prefixes
   * ("s123", a supplement's page) name other pages. Used for the blocking key and the match model.
   */
  static String withoutEPrefix(String page) {
    return page.length() > 1 && page.charAt(0) == 'e' && page.charAt(1) >= '0' && page.charAt(1) <= '9'
        ? page.substring(1) : page;
  }

  /** Whether one record gives a single number for its pages and the other a range of pages. */
  private static boolean loneBesideRange(RecordFeatures a, RecordFeatures b) {
    return lone(a) && pageRange(b) || lone(b) && pageRange(a);
  }

  /** Whether the record gives a first page and no other last page. */
  private static boolean lone(RecordFeatures f) {
    return !f.firstPage().isEmpty() && (f.lastPage().isEmpty() || f.lastPage().equals(f.firstPage()));
  }

  private static boolean pageRange(RecordFeatures f) {
    return !f.firstPage().isEmpty() && !lone(f);
  }

  /** Issues compared as ranges ("3-4" holds "4"); UNKNOWN when either is not plainly numeric. */
  static Rel issues(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Rel.UNKNOWN;
    }
    if (a.equals(b)) {
      return Rel.SAME;
    }
    long[] x = range(a);
    long[] y = range(b);
    return x[0] <= y[1] && y[0] <= x[1] ? Rel.UNKNOWN : Rel.DIFFERENT;
  }

  private static long[] range(String issue) {
    int dash = issue.indexOf('-');
    long first = number(dash < 0 ? issue : issue.substring(0, dash));
    long last = dash < 0 ? first : number(issue.substring(dash + 1));
    return new long[] {first, Math.max(first, last)};
  }

  /** Whether the years named in two conferences' names (if both name one) agree. */
  private static boolean venueYearsAgree(RecordFeatures a, RecordFeatures b) {
    java.util.Set<String> x = venueYears(a);
    java.util.Set<String> y = venueYears(b);
    return x.isEmpty() || y.isEmpty() || x.stream().anyMatch(y::contains);
  }

  private static java.util.Set<String> venueYears(RecordFeatures f) {
    java.util.Set<String> years = new java.util.HashSet<>();
    for (List<String> name : f.journals()) {
      for (String w : name) {
        if (w.length() == 4 && (w.startsWith("19") || w.startsWith("20")) && number(w) > 0) {
          years.add(w);
        }
      }
    }
    return years;
  }

  /**
   * Whether each title has a significant word that is no spelling of any of the other's own words:
   * a word swapped for another ("anxiety" for "burnout"), not a typo, a spelling variant
   * ("randomised") or a word added or left out.
   */
  static boolean wordSwapped(String a, String b) {
    List<String> wa = TextKeys.significant(a);
    List<String> wb = TextKeys.significant(b);
    List<String> onlyA = wa.stream().filter(w -> !wb.contains(w)).toList();
    List<String> onlyB = wb.stream().filter(w -> !wa.contains(w)).toList();
    return unmatched(onlyA, onlyB) && unmatched(onlyB, onlyA);
  }

  private static boolean unmatched(List<String> words, List<String> others) {
    for (String w : words) {
      if (others.stream().noneMatch(o -> spellings(w, o))) {
        return true;
      }
    }
    return false;
  }

  private static boolean spellings(String a, String b) {
    return sameWord(a, b) || a.length() >= 3 && b.length() >= 3 && jaroWinklerAtLeast(a, b, 0.85)
        || new LevenshteinDistance(2).apply(a, b) >= 0;
  }

  /** Whether the earlier of two records looks like an e-pub ahead of print: no volume, pages 1–N or none. */
  private static boolean epubAheadOfPrint(RecordFeatures a, RecordFeatures b) {
    RecordFeatures earlier = a.year() < b.year() ? a : b;
    return earlier.volume().isEmpty() && !earlier.pagesUnreadable()
        && (earlier.firstPage().isEmpty() || earlier.firstPage().equals("1"));
  }

  /**
   * Whether both records give the same range of pages, and it is a paper's: more than one page
   * (abstracts and letters share pages) and at most {@link #MAX_PAPER_PAGES} (a supplement's or a
   * whole issue's range is shared by all its abstracts), outside conference proceedings.
   */
  private static boolean samePaperPages(RecordFeatures a, RecordFeatures b) {
    if (a.firstPage().isEmpty() || !a.firstPage().equals(b.firstPage()) || a.lastPage().isEmpty()
        || !a.lastPage().equals(b.lastPage()) || a.lastPage().equals(a.firstPage())
        || a.venue() == RecordFeatures.Venue.CONFERENCE || b.venue() == RecordFeatures.Venue.CONFERENCE) {
      return false;
    }
    long first = number(withoutLetterPrefix(a.firstPage()));
    long last = number(withoutLetterPrefix(a.lastPage()));
    return first >= 0 && last > first && last - first < MAX_PAPER_PAGES;
  }

  /**
   * The share of the significant words of the title with fewer of them that the other title has
   * too; 0 when that title has fewer than three significant words.
   */
  static double sharedWords(String a, String b) {
    List<String> wa = TextKeys.significant(a);
    List<String> wb = TextKeys.significant(b);
    List<String> fewer = wa.size() <= wb.size() ? wa : wb;
    java.util.Set<String> other = new java.util.HashSet<>(fewer == wa ? wb : wa);
    if (fewer.size() < 3) {
      return 0;
    }
    long found = fewer.stream().filter(other::contains).count();
    return found / (double) fewer.size();
  }

  private static List<RecordFeatures.Name> rest(List<RecordFeatures.Name> authors) {
    return authors.subList(1, authors.size());
  }

  /**
   * Compares pages: SAME when the first pages agree; DIFFERENT only when both are page ranges on
   * the same footing that do not overlap. Article numbers ("e12724", "c1804") or pages starting at
   * 1 (article-relative pagination) beside a page range, and ranges that overlap ("569" and
   * "567-569", an abstract's page within the article's), say nothing. A letter prefix on one side
   * only is ignored when the digits agree ("c37" = "37").
   */
  private static Rel pages(RecordFeatures x, RecordFeatures y) {
    String a = x.firstPage();
    String b = y.firstPage();
    if (a.isEmpty() || b.isEmpty()) {
      return Rel.UNKNOWN;
    }
    if (a.equals(b)) {
      return Rel.SAME;
    }
    String da = withoutLetterPrefix(a);
    String db = withoutLetterPrefix(b);
    boolean prefixA = da.length() != a.length();
    boolean prefixB = db.length() != b.length();
    if (prefixA != prefixB) {
      return da.equals(db) ? Rel.SAME : Rel.UNKNOWN;
    }
    if (a.equals("1") || b.equals("1")) {
      return Rel.UNKNOWN;
    }
    long sa = number(da);
    long sb = number(db);
    long ea = x.lastPage().isEmpty() ? sa : number(withoutLetterPrefix(x.lastPage()));
    long eb = y.lastPage().isEmpty() ? sb : number(withoutLetterPrefix(y.lastPage()));
    if (sa < 0 || sb < 0) {
      return Rel.DIFFERENT;
    }
    if (ea < sa || eb < sb) {
      return Rel.UNKNOWN; // a range that ends before it starts ("2297-2108") has a typo somewhere
    }
    return sa <= eb && sb <= ea ? Rel.UNKNOWN : Rel.DIFFERENT;
  }

  /** The page without its leading lower-case letters ("e123" → "123"); no regex, it runs per pair. */
  static String withoutLetterPrefix(String page) {
    int i = 0;
    while (i < page.length() && page.charAt(i) >= 'a' && page.charAt(i) <= 'z') {
      i++;
    }
    return page.substring(i);
  }

  private static long number(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
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
    return shorter.length() >= 30 && longer.length() > shorter.length()
        && longer.charAt(shorter.length()) == ' ' && longer.startsWith(shorter) && words(shorter) >= 5;
  }

  /**
   * Whether the shorter title, of at least three words and 15 letters, is the start of the longer
   * one up to a word boundary: a main title without its subtitle, however short.
   */
  static boolean mainTitle(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return shorter.length() >= 15 && longer.length() > shorter.length()
        && longer.charAt(shorter.length()) == ' ' && longer.startsWith(shorter) && words(shorter) >= 3;
  }

  private static int words(String s) {
    int n = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ' ') {
        n++;
      }
    }
    return n;
  }

  private static Rel compare(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Rel.UNKNOWN;
    }
    return a.equals(b) ? Rel.SAME : Rel.DIFFERENT;
  }

  static Rel firstAuthorsAgree(RecordFeatures a, RecordFeatures b) {
    if (a.authors().isEmpty() || b.authors().isEmpty() || a.authors().get(0).group()
        || b.authors().get(0).group()) {
      return Rel.UNKNOWN; // a group author ("ALTS Study Group") stands for people listed elsewhere
    }
    return sameAuthor(a.authors().get(0), b.authors().get(0)) ? Rel.SAME : Rel.DIFFERENT;
  }

  /** The share of the shorter author list found in the other list. */
  static double authorOverlap(List<RecordFeatures.Name> a, List<RecordFeatures.Name> b) {
    return authorOverlap(a, b, false);
  }

  /**
   * The share of the shorter author list found in the other list; {@code loose} also counts a
   * name whose surname is a word of the other name ("Derchain, S F" and the garbled
   * "Francoise Mauricette, Derchain S"), for lists already known to belong to one citation.
   */
  static double authorOverlap(List<RecordFeatures.Name> a, List<RecordFeatures.Name> b, boolean loose) {
    List<RecordFeatures.Name> shorter = a.size() <= b.size() ? a : b;
    List<RecordFeatures.Name> longer = shorter == a ? b : a;
    if (shorter.isEmpty()) {
      return 0;
    }
    int found = 0;
    for (RecordFeatures.Name x : shorter) {
      for (RecordFeatures.Name y : longer) {
        if (sameAuthor(x, y) || loose && (surnameAmongWords(x, y) || surnameAmongWords(y, x))) {
          found++;
          break;
        }
      }
    }
    return found / (double) shorter.size();
  }

  private static boolean surnameAmongWords(RecordFeatures.Name x, RecordFeatures.Name y) {
    return x.surname().length() >= 4 && y.tokens().contains(x.surname());
  }

  /**
   * Whether two names can be one person: same surname (allowing a typo, one word of a compound
   * surname: "St Peter" and "Peter", "Il Cheong" and "Cheong", or a particle written joined to it:
   * "DiMaggio" and "Di Maggio") and no clashing initial.
   */
  static boolean sameAuthor(RecordFeatures.Name x, RecordFeatures.Name y) {
    if (!x.surname().isEmpty() && !y.surname().isEmpty()) {
      if (!sameWord(x.surname(), y.surname()) && !wordOfCompound(x, y) && !wordOfCompound(y, x)
          && !RecordFeatures.particleJoined(x.surname(), y.surname())
          && !RecordFeatures.particleJoined(y.surname(), x.surname())) {
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

  /**
   * Whether y's surname is a whole word at the start or end of x's compound surname: x's surname
   * begins or ends with it and x's name has it as a word (so "Johansen" is not "Hansen").
   */
  private static boolean wordOfCompound(RecordFeatures.Name x, RecordFeatures.Name y) {
    String whole = x.surname();
    String part = y.surname();
    return part.length() >= 4 && whole.length() > part.length()
        && (whole.startsWith(part) || whole.endsWith(part)) && x.tokens().contains(part);
  }

  static boolean sameWord(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    // (umlauts() keeps a word's first letter, so words that start apart never meet there: most
    // compared names are different people's, and the six replacements cost more than the test)
    if (!a.isEmpty() && !b.isEmpty() && a.charAt(0) == b.charAt(0) && umlauts(a).equals(umlauts(b))) {
      return true; // "Mueller" is "Müller" is "Muller"
    }
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    if (shorter.length() >= 4 && longer.length() >= shorter.length() + 3
        && (longer.startsWith(shorter) || longer.endsWith(shorter))) {
      return true; // a compound surname written in part: "Fernandes Brenna" and "Brenna"
    }
    return Math.min(a.length(), b.length()) >= 5 && jaroWinklerAtLeast(a, b, 0.93);
  }

  /**
   * {@code JW.apply(a, b) >= min}, without computing the similarity where the characters the two
   * words have in common already rule it out. Most compared words are different names, and
   * Commons Text's Jaro-Winkler boxes every character: it led the comparison's profile. The
   * Jaro similarity is at most {@code (c/|a| + c/|b| + 1) / 3} for c common characters (a match
   * is a common character; transpositions only lower it), and Winkler's prefix bonus at most
   * {@code 0.4 (1 - j)} from j = 0.7 on, so below that bound the answer is no, as it would be.
   */
  static boolean jaroWinklerAtLeast(String a, String b, double min) {
    if (!a.isEmpty() && !b.isEmpty() && b.length() <= 64) {
      // first the characters of one word that the other lacks altogether, from two 64-bit sets
      // (each a character's low six bits): a character whose bit the other word's set lacks cannot
      // be common, so each such bit takes at least one from the count. Most compared names share
      // too few letters to pass this, and it costs one pass over each word instead of one per pair
      // of characters (the pattern of every compared pair asks it; see MatchModel#pattern)
      long sa = charSet(a);
      long sb = charSet(b);
      int atMost = Math.min(a.length() - Long.bitCount(sa & ~sb), b.length() - Long.bitCount(sb & ~sa));
      if (atMost <= 0 || jaroWinklerBound(atMost, a.length(), b.length()) < min - 1e-9) {
        return false;
      }
      int common = commonCharacters(a, b);
      if (common == 0 || jaroWinklerBound(common, a.length(), b.length()) < min - 1e-9) {
        return false;
      }
    }
    return JW.apply(a, b) >= min;
  }

  /** The highest Jaro-Winkler similarity two words of these lengths with this many common characters can have. */
  private static double jaroWinklerBound(int common, int aLength, int bLength) {
    double j = (common / (double) aLength + common / (double) bLength + 1) / 3;
    return j < 0.7 ? j : j + 0.4 * (1 - j);
  }

  /** The set of a word's characters, each as the bit of its low six bits. */
  private static long charSet(String s) {
    long set = 0;
    for (int i = 0; i < s.length(); i++) {
      set |= 1L << s.charAt(i); // (a long shift takes the low six bits of its distance)
    }
    return set;
  }

  /** How many characters of a can be paired with an equal character of b, each used once (|b| <= 64). */
  private static int commonCharacters(String a, String b) {
    long used = 0;
    int common = 0;
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      for (int k = 0; k < b.length(); k++) {
        if ((used & (1L << k)) == 0 && b.charAt(k) == c) {
          used |= 1L << k;
          common++;
          break;
        }
      }
    }
    return common;
  }

  private static String umlauts(String s) {
    return s.replace("ue", "u").replace("oe", "o").replace("ae", "a");
  }

  /** SAME when one journal name abbreviates the other, DIFFERENT when none does, else UNKNOWN. */
  static Rel journals(List<List<String>> a, List<List<String>> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Rel.UNKNOWN;
    }
    for (int i = 0; i < a.size(); i++) { // (index loops: this runs for every compared pair's pattern)
      List<String> x = a.get(i);
      for (int k = 0; k < b.size(); k++) {
        List<String> y = b.get(k);
        if (abbreviates(x, y) && workshop(x) == workshop(y)) {
          // (a conference's workshops are proceedings of their own: "WCNC" is not "WCNC Workshops")
          return Rel.SAME;
        }
      }
    }
    return Rel.DIFFERENT;
  }

  private static boolean workshop(List<String> name) {
    return name.contains("workshop") || name.contains("workshops");
  }

  /** Whether every word of the shorter name is a prefix of a distinct word of the longer, in order. */
  static boolean abbreviates(List<String> x, List<String> y) {
    List<String> shorter = x.size() <= y.size() ? x : y;
    List<String> longer = shorter == x ? y : x;
    int j = 0;
    for (int i = 0; i < shorter.size(); i++) {
      String w = shorter.get(i);
      while (j < longer.size() && !prefixEitherWay(longer.get(j), w)) {
        j++;
      }
      if (j == longer.size()) {
        return false;
      }
      j++;
    }
    return true;
  }

  /** Whether one word starts the other ({@code a.startsWith(b) || b.startsWith(a)}), first letters first. */
  static boolean prefixEitherWay(String a, String b) {
    int n = Math.min(a.length(), b.length());
    return n == 0 || a.charAt(0) == b.charAt(0) && a.regionMatches(1, b, 1, n - 1);
  }
}
