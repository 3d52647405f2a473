package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.litsieve.model.BibRecord;

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
   * ("Surname, Given", MEDLINE "Surname AB", "A. B. Surname"), and the first initial ('\0' if none).
   */
  public record Name(List<String> tokens, String surname, char initial) {
    private static final java.util.Set<String> GROUP_WORDS = java.util.Set.of("group", "study",
        "consortium", "collaboration", "collaborative", "collaborators", "investigators", "committee",
        "society", "association", "network", "trial", "team", "working", "party", "pharmaceuticals",
        "inc", "ltd", "organization", "organisation", "council", "panel", "taskforce", "task");

    /** Whether this is a group or corporate author rather than a person. */
    public boolean group() {
      for (String t : tokens) { // (a loop: a stream here cost more than the test, once per compared pair)
        if (GROUP_WORDS.contains(t)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final Pattern SUFFIX_FIRST = Pattern.compile("^(jr|sr|ii|iii)\\b\\s*");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern VERSION = Pattern.compile("(\\.pub\\d+|v\\d+)$");
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
    String stem = VERSION.matcher(doi).replaceFirst("");
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
    String surname = "";
    char initial = '\0';
    int comma = raw.indexOf(',');
    if (comma > 0) {
      surname = surnameCore(raw.substring(0, comma));
      String given = SUFFIX_FIRST.matcher(TextKeys.words(raw.substring(comma + 1))).replaceFirst("");
      initial = given.isEmpty() ? '\0' : given.charAt(0);
      if (onlyParticles(raw.substring(0, comma)) && splitAtParticle(raw.substring(comma + 1))) {
        // "Le, Quintrec M.": a surname split at its particle, the rest written with the initials
        surname = surnameCore(given.split(" ")[0]);
        initial = '\0';
      }
    } else {
      String[] parts = SPACES.split(raw.strip());
      String last = parts[parts.length - 1].replace(".", "");
      String firstPart = parts[0].replace(".", "");
      if (parts.length >= 2 && last.length() <= 3 && !last.isEmpty()
          && last.chars().allMatch(Character::isUpperCase)) {
        surname = surnameCore(String.join(" ", java.util.Arrays.copyOf(parts, parts.length - 1)));
        initial = Character.toLowerCase(last.charAt(0)); // MEDLINE "Smith JA"
      } else if (parts.length >= 2 && firstPart.length() <= 2 && !firstPart.isEmpty()
          && Character.isUpperCase(firstPart.charAt(0))) {
        surname = surnameCore(parts[parts.length - 1]); // "B. Abrahao"
        initial = Character.toLowerCase(firstPart.charAt(0));
      }
    }
    if (tokens.isEmpty() && surname.isEmpty()) {
      return null;
    }
    return new Name(List.copyOf(tokens), surname, initial);
  }

  private static final java.util.Set<String> PARTICLES = java.util.Set.of("von", "van", "de", "der",
      "den", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "el", "al", "ten", "ter", "vander");
  private static final java.util.Set<String> SUFFIXES = java.util.Set.of("jr", "sr", "ii", "iii", "iv", "2nd", "3rd");

  /**
   * A surname without particles ("van der", "von", "de") and suffixes ("Jr"), as one word. A
   * surname that is nothing but particle words is a surname of its own (Vietnamese Le and Van,
   * Chinese Du, Indian De: "Le, Quang Minh", "Le, Q.M." and "Le QM" are one person) and is kept.
   */
  static String surnameCore(String surname) {
    String[] words = TextKeys.words(surname).split(" ");
    StringBuilder core = new StringBuilder();
    StringBuilder particles = new StringBuilder();
    for (String w : words) {
      if (w.isEmpty() || SUFFIXES.contains(w)) {
        continue;
      }
      (PARTICLES.contains(w) ? particles : core).append(w);
    }
    return core.isEmpty() ? particles.toString() : core.toString();
  }

  /**
   * Whether {@code whole} is {@code core} with particles written joined before it ("dimaggio" and
   * "maggio", "vanderberg" and "berg"): one database writes "DiMaggio", another "Di Maggio", whose
   * particle is dropped. The core must have four letters or more ("Lever" is not "le" + "ver").
   */
  static boolean particleJoined(String whole, String core) {
    if (core.length() < 4 || whole.length() <= core.length() || !whole.endsWith(core)) {
      return false;
    }
    return particles(whole.substring(0, whole.length() - core.length()));
  }

  /** Whether the letters are one or more particle words written together ("vander", "di"). */
  private static boolean particles(String letters) {
    if (letters.isEmpty()) {
      return true;
    }
    for (int i = 1; i <= letters.length(); i++) {
      if (PARTICLES.contains(letters.substring(0, i)) && particles(letters.substring(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a name part has words and all of them are particles ("Le", "van der"). */
  private static boolean onlyParticles(String part) {
    String words = TextKeys.words(part);
    if (words.isEmpty()) {
      return false;
    }
    for (String w : words.split(" ")) {
      if (!PARTICLES.contains(w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the part after the comma is the rest of a surname followed by initials ("Quintrec M.",
   * "Berg J"): the layout of a MEDLINE-style name split at its particle, unlike given names
   * ("Quang Minh") or initials ("Q.M.").
   */
  private static boolean splitAtParticle(String afterComma) {
    String[] parts = SPACES.split(afterComma.strip());
    if (parts.length < 2) {
      return false;
    }
    String first = parts[0].replace(".", "");
    String last = parts[parts.length - 1].replace(".", "");
    return first.length() > 2 && !last.isEmpty() && last.length() <= 3
        && last.chars().allMatch(Character::isUpperCase);
  }

  /** Whether the record has a usable title. */
  public boolean hasTitle() {
    return !title.isEmpty();
  }
}
