package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.litsieve.model.BibRecord;
import org.litsieve.model.PaperKeys;

/**
 * A record's fields normalised once for comparison: what {@link BlockingKeys} and
 * {@link PairMatcher} work on. Plain Java, immutable, computed from a {@link BibRecord} in
 * {@link #of}; never fails on record content (odd values become "unknown").
 *
 * @param inputId the input record's id
 * @param doi the normalised DOI, or ""
 * @param doiStem the DOI without a version suffix ({@code .pub3}, {@code v2}), or ""
 * @param pmid the PubMed id, or ""
 * @param title the normalised title (lower-case ASCII words), "" if missing or a placeholder; for
 *     an erratum or correction notice, the title of the paper it corrects when the notice names it
 * @param titleNumbers the digits in the title, in order and joined
 * @param part the "Part N" the title names, or ""
 * @param kind what the record is: a paper, an erratum/retraction notice or a comment/reply
 * @param generic whether the title is too generic to identify a paper ("Editorial")
 * @param year the year, 0 if unknown
 * @param authors the authors (at most {@link #MAX_AUTHORS}), placeholders dropped
 * @param journals the journal's significant words, one list per name variant
 * @param volume the volume's leading number, or "" (also when it is a year: magazines)
 * @param issue the issue number or range when plainly numeric ("3", "3-4"), else ""
 * @param firstPage the first page, or "" when missing or not a page
 * @param lastPage the last page (abbreviated ends expanded), or ""
 * @param pagesUnreadable whether the record has pages that are not a page range ("01-Sep")
 * @param venue conference, journal article, or unknown, from the record's type
 * @param preprint whether the record is a preprint (preprint server DOI or journal name)
 */
public record RecordFeatures(
    String inputId, String doi, String doiStem, String pmid, String title,
    String titleNumbers, String part, Kind kind, boolean generic, int year,
    List<Name> authors, List<List<String>> journals, String volume, String issue, String firstPage,
    String lastPage, boolean pagesUnreadable, Venue venue, boolean preprint) {

  /** At most this many authors are compared. */
  public static final int MAX_AUTHORS = 12;

  /** What a record is, as far as its title and types say. */
  public enum Kind { PAPER, ERRATUM, COMMENT }

  /** Conference paper or abstract, journal article, thesis (or its dissertation abstract), or not known. */
  public enum Venue { CONFERENCE, ARTICLE, UNKNOWN, THESIS }

  /**
   * One author: every word of two letters or more, the surname when the layout makes it clear
   * ("Surname, Given", MEDLINE "Surname AB", "A. B. Surname"), the first initial ('\0' if none),
   * and whether it is a group or corporate author rather than a person (from the words, when the
   * name is made: the first authors' test runs for every compared pair).
   */
  public record Name(List<String> tokens, String surname, char initial, boolean group) {
    private static final java.util.Set<String> GROUP_WORDS = java.util.Set.of("group", "study",
        "consortium", "collaboration", "collaborative", "collaborators", "investigators", "committee",
        "society", "association", "network", "trial", "team", "working", "party", "pharmaceuticals",
        "inc", "ltd", "organization", "organisation", "council", "panel", "taskforce", "task");

    /** A name from its words, surname and initial; whether it is a group follows from the words. */
    public Name(List<String> tokens, String surname, char initial) {
      this(tokens, surname, initial, isGroup(tokens));
    }

    private static boolean isGroup(List<String> tokens) {
      for (String t : tokens) {
        if (GROUP_WORDS.contains(t)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final List<String> PREPRINT_DOI_PREFIXES = List.of("10.1101/", "10.48550/",
      "10.21203/", "10.2139/ssrn", "10.20944/preprints", "10.31234/", "10.31219/", "10.31235/",
      "10.22541/");
  private static final Pattern PREPRINT_JOURNAL = Pattern.compile(
      "\\b(biorxiv|medrxiv|arxiv|ssrn|research square|preprints|psyarxiv|osf preprints|authorea"
          + "|chemrxiv|socarxiv)\\b");

  /** Computes the features of a record. */
  public static RecordFeatures of(BibRecord r) {
    String doi = r.doi();
    String journal = r.journal();
    String allJournals = TextKeys.words(journal + " " + r.journalAbbrev());
    boolean serverDoi = PREPRINT_DOI_PREFIXES.stream().anyMatch(doi::startsWith);
    boolean serverJournal = PREPRINT_JOURNAL.matcher(allJournals).find();
    if (serverDoi && !serverJournal && !allJournals.isBlank()
        && (!r.volume().isBlank() || !r.pages().isBlank())) {
      // a journal article (journal, volume, pages) carrying the DOI of its preprint (SSRN's, often):
      // the DOI names another publication of the paper, so it neither identifies this record nor
      // makes it a preprint; it is left out of the comparison (the record keeps it)
      doi = "";
      serverDoi = false;
    }
    String stem = PaperKeys.doiStem(doi);
    String cleaned = TextKeys.cleanTitle(r.title());
    String title = TextKeys.cleanedTitleWords(cleaned);
    Kind kind = TextKeys.citesCorrectedPaper(cleaned) ? Kind.ERRATUM : kind(title, r);
    if (kind == Kind.ERRATUM) {
      // a correction notice is compared by the title of the paper it corrects, so that two
      // databases' records of one notice meet; the kind keeps it apart from the paper itself
      title = TextKeys.cleanedTitleWords(TextKeys.correctedTitle(cleaned));
    }
    List<Name> authors = new ArrayList<>();
    for (String a : r.authors()) {
      if (authors.size() == MAX_AUTHORS) {
        break;
      }
      Name n = name(a);
      if (n != null) {
        authors.add(n);
      }
    }
    boolean preprint = serverDoi || serverJournal
        || r.type().toLowerCase(Locale.ROOT).contains("preprint")
        || r.publicationTypes().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains("preprint"));
    String firstPage = TextKeys.firstPage(r.pages());
    return new RecordFeatures(r.inputId(), doi, stem, r.pmid(), title,
        TextKeys.numbers(TextKeys.withoutPart(title)), TextKeys.part(title), kind,
        !title.isEmpty() && TextKeys.isGeneric(title), r.year(), List.copyOf(authors),
        TextKeys.journal(journal, r.journalAbbrev()), TextKeys.volume(r.volume()),
        TextKeys.issue(r.issue()), firstPage, TextKeys.lastPage(r.pages()), !r.pages().isBlank() && firstPage.isEmpty(), venue(r),
        preprint);
  }

  private static Kind kind(String title, BibRecord r) {
    for (String t : r.publicationTypes()) {
      String p = t.toLowerCase(Locale.ROOT);
      if (p.contains("erratum") || p.contains("retraction of publication") || p.equals("correction")) {
        return Kind.ERRATUM;
      }
    }
    // (a title ending with the corrected paper's citation, "(vol 360, pg 542, 2009)", is an
    // erratum too: see TextKeys.citesCorrectedPaper)
    if (title.startsWith("erratum") || title.startsWith("errata ") || title.startsWith("corrigendum")
        || title.startsWith("correction ") || title.startsWith("retraction")
        || title.startsWith("notice of retraction") || title.startsWith("expression of concern")
        || title.startsWith("retracted article") || title.contains(" erratum to ")) {
      return Kind.ERRATUM;
    }
    if (title.startsWith("comment on ") || title.startsWith("comments on ")
        || title.startsWith("commentary on ") || title.startsWith("reply") || title.startsWith("in reply")
        || title.startsWith("response to ") || title.startsWith("author reply")
        || title.startsWith("authors reply") || title.startsWith("authors response")
        || title.endsWith(" reply") || title.endsWith(" a reply")) {
      return Kind.COMMENT;
    }
    String type = r.type().toLowerCase(Locale.ROOT);
    if (type.contains("erratum") || type.equals("correction")) {
      return Kind.ERRATUM;
    }
    return Kind.PAPER;
  }

  private static Venue venue(BibRecord r) {
    String t = r.type().toLowerCase(Locale.ROOT);
    if (t.startsWith("thes") || t.contains("dissertation") || t.contains("thesis")
        || TextKeys.words(r.journal()).startsWith("dissertation abstracts")) {
      return Venue.THESIS; // a thesis, or its abstract in Dissertation Abstracts International
    }
    if (t.contains("conf") || t.contains("proceed") || t.equals("abst") || t.contains("meeting")
        || t.contains("congress") || t.equals("cpaper")) {
      return Venue.CONFERENCE;
    }
    boolean journalType = t.equals("article") || t.equals("jour") || t.contains("journal article")
        || t.equals("ejour");
    for (String p : r.publicationTypes()) {
      String s = p.toLowerCase(Locale.ROOT);
      // a conference paper printed in a journal issue (Scopus types IEEE Transactions' conference
      // issues "Conference Paper" on a journal record) is the journal article; an abstract is not
      if (s.contains("conference abstract") || s.contains("meeting abstract") || s.contains("congress")
          || !journalType && s.contains("conference paper")) {
        return Venue.CONFERENCE;
      }
    }
    return journalType ? Venue.ARTICLE : Venue.UNKNOWN;
  }

  /** Parses one author as written in any export; null for an empty or placeholder name. */
  static Name name(String raw) {
    if (raw == null) {
      return null;
    }
    String all = TextKeys.words(raw);
    if (all.isEmpty() || TextKeys.PLACEHOLDERS.contains(all)) {
      return null;
    }
    List<String> tokens = new ArrayList<>();
    for (String w : all.split(" ")) {
      if (w.length() > 1) {
        tokens.add(w);
      }
    }
    PaperKeys.Author author = PaperKeys.author(raw);
    String surname = author.surname();
    char initial = author.initial();
    if (tokens.isEmpty() && surname.isEmpty()) {
      return null;
    }
    return new Name(List.copyOf(tokens), surname, initial);
  }

  /** A surname without particles ("van der", "von", "de") and suffixes ("Jr"), as one word ({@link PaperKeys#surnameCore}). */
  static String surnameCore(String surname) {
    return PaperKeys.surnameCore(surname);
  }

  /** Whether {@code whole} is {@code core} with particles written joined before it ({@link PaperKeys#particleJoined}). */
  static boolean particleJoined(String whole, String core) {
    return PaperKeys.particleJoined(whole, core);
  }

  /** Whether the record has a usable title. */
  public boolean hasTitle() {
    return !title.isEmpty();
  }
}
