package org.litsieve.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * What "the same paper" is made of: the one normalisation of the fields that identify a paper
 * (DOI, PMID, title, first author's surname, first page), shared by the deduplication (its record
 * ids, features and blocking keys) and the living review (its matching keys across runs), so the
 * two cannot disagree on how a field is spelled. Every method takes any string (null included)
 * and never throws.
 *
 * <p>Titles lose markup, HTML entities, TeX commands and trailing database notes ("[Article in
 * German]", "(Provisional abstract)"), then fold to lower-case ASCII words; names lose particles
 * and suffixes ("van der", "Jr") whichever layout the export uses ("Surname, Given", MEDLINE
 * "Surname AB", "A. B. Surname"); a DOI is found in any resolver URL and lower-cased, and its stem
 * drops a version suffix ({@code .pub3}, {@code v2}).
 */
public final class PaperKeys {
  private PaperKeys() {}

  // ---- identifiers

  private static final Pattern DOI_VERSION = Pattern.compile("(\\.pub\\d+|v\\d+)$");

  /** A DOI normalised ({@link Identifiers#normaliseDoi}): resolver prefix dropped, lower case; "" if none. */
  public static String doi(String raw) {
    return Identifiers.normaliseDoi(raw);
  }

  /** A normalised DOI without a version suffix ({@code .pub3}, {@code v2}): versions of one paper share it. */
  public static String doiStem(String doi) {
    return doi == null ? "" : DOI_VERSION.matcher(doi).replaceFirst("");
  }

  /** A PubMed id as stored: surrounding blanks dropped. */
  public static String pmid(String raw) {
    return raw == null ? "" : raw.strip();
  }

  // ---- titles

  private static final Pattern TAGS = Pattern.compile("<[^>]{1,40}>");
  private static final Pattern TEX_COMMAND = Pattern.compile("\\\\[a-zA-Z]+\\s*");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  /** A trailing bracketed note: "[Article in German]", "[Review] [45 refs]", "[Erratum appears…]". */
  private static final Pattern TRAILING_BRACKET = Pattern.compile("\\s*\\[[^\\[\\]]*\\]\\s*[.;]?\\s*$");
  /** A bracketed note cut off at the end of a field: "… .[Erratum appears in N Engl J Med. 2005". */
  private static final Pattern UNCLOSED_BRACKET = Pattern.compile(
      "\\s*\\[(?:erratum|comment|review|see|article|retraction|update|published|corrected)[^\\]]*$",
      Pattern.CASE_INSENSITIVE);
  /** Trailing parenthesised database notes (not a paper's own parentheses). */
  private static final Pattern TRAILING_NOTE = Pattern.compile(
      "\\s*\\((?:provisional abstract|structured abstract|author'?s transl|multiple letters|abstract"
          + "|meeting abstract|conference abstract|abstract only|letter|editorial|review|english abstract"
          + "|database|record supplied by publisher)\\)\\s*[.;]?\\s*$",
      Pattern.CASE_INSENSITIVE);
  /** Ovid's original-language title after the English one: "Title. <ORIGINAL> TITRE". */
  private static final Pattern ORIGINAL_TITLE = Pattern.compile("\\s*<original>.*$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Stand-ins for a missing title or author that some exports write. */
  public static final Set<String> PLACEHOLDERS = Set.of("unknown", "untitled", "no title", "n a", "na",
      "anonymous", "anon", "no authorship indicated", "et al", "none", "not available", "null");

  /** Titles too generic to identify a paper on their own. */
  public static final Set<String> GENERIC_TITLES = Set.of(
      "editorial", "guest editorial", "introduction", "commentary", "comment", "letter",
      "letter to the editor", "reply", "response", "in reply", "author reply", "authors reply",
      "erratum", "correction", "corrigendum", "preface", "foreword", "book review", "book reviews",
      "news", "abstracts", "in this issue", "conclusion", "conclusions", "overview", "editors note",
      "editor s note", "retraction", "notice of retraction", "retraction notice", "index",
      "reviewers", "acknowledgement", "acknowledgements", "acknowledgment", "errata",
      "reply to letter", "response to letter", "letters", "correspondence", "summary", "abstract",
      "poster session", "oral presentations", "poster presentations", "meeting abstracts");

  /** Words that make a short title a recurring column rather than a paper's. */
  private static final Set<String> COLUMN_WORDS = Set.of("editor", "editors", "editorial",
      "editorials", "president", "presidents", "memoriam", "obituary", "announcement",
      "announcements", "reviewers", "masthead");

  /**
   * A title with markup, HTML entities and trailing database notes removed ("[Article in German]",
   * "[Review] [45 refs]", "(Provisional abstract)", "[Erratum appears in …]"), but case and
   * punctuation kept. A title that is wholly bracketed (MEDLINE's translated titles) is unwrapped.
   */
  public static String cleanTitle(String title) {
    if (title == null || title.isBlank()) {
      return "";
    }
    String s = title.indexOf('&') >= 0 ? StringEscapeUtils.unescapeHtml4(title) : title;
    if (s.indexOf('<') >= 0) {
      s = strip(ORIGINAL_TITLE, s);
      s = TAGS.matcher(s).replaceAll(" ");
    }
    if (s.indexOf('\\') >= 0) {
      s = TEX_COMMAND.matcher(s).replaceAll("");
    }
    s = s.replace("{", "").replace("}", "").replace("$", "");
    s = s.strip();
    // (every trailing note starts with a bracket or a parenthesis: most titles have neither)
    for (int i = 0; i < 6 && (s.indexOf('[') >= 0 || s.indexOf('(') >= 0); i++) {
      String before = s;
      s = strip(TRAILING_BRACKET, s);
      s = strip(UNCLOSED_BRACKET, s);
      s = strip(TRAILING_NOTE, s);
      if (s.equals(before)) {
        break;
      }
    }
    if (s.startsWith("[") && s.indexOf(']') >= s.length() - 2) {
      s = s.substring(1, s.lastIndexOf(']'));
    }
    return s.strip();
  }

  private static String strip(Pattern p, String s) {
    Matcher m = p.matcher(s);
    if (!m.find()) {
      return s;
    }
    String rest = s.substring(0, m.start());
    return rest.isBlank() ? s : rest;
  }

  /**
   * A title reduced to lower-case ASCII words: markup, accents, punctuation and trailing notes
   * such as "[Article in German]" removed. A placeholder title ("UNKNOWN") gives "".
   */
  public static String title(String title) {
    return cleanedTitleWords(cleanTitle(title));
  }

  /** {@link #title} of a title already through {@link #cleanTitle}. */
  public static String cleanedTitleWords(String cleaned) {
    String w = words(cleaned);
    return PLACEHOLDERS.contains(w) ? "" : w;
  }

  /**
   * The title as the living review matches it across runs: {@link #title}, except for a title
   * mostly in a script that {@link #words} cannot fold to ASCII (Cyrillic, Greek, CJK…), which
   * keeps its letters (lower case, accents removed), so that two such titles are not reduced to
   * the few Latin words or digits they hold ("COVID-19"). A Latin title with a stray Greek letter
   * ("anti-TNF-α") keeps the ASCII key, as the deduplication compares it. "" for a missing or
   * placeholder title.
   */
  public static String matchTitle(String title) {
    String cleaned = cleanTitle(title);
    String ascii = cleanedTitleWords(cleaned);
    if (cleaned.chars().allMatch(c -> c < 128) || ascii.isEmpty() && PLACEHOLDERS.contains(words(cleaned))) {
      return ascii;
    }
    String letters = NOT_LETTER_OR_DIGIT.matcher(MARKS.matcher(Normalizer.normalize(cleaned, Normalizer.Form.NFKD))
        .replaceAll("").toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    // the ASCII words hold less than half the text: most of it is in a script they drop
    return ascii.length() * 2 < letters.length() ? letters : ascii;
  }

  /** Whether a normalised title is too generic to identify a paper with year and author alone. */
  public static boolean isGeneric(String normalisedTitle) {
    if (normalisedTitle.length() < 12 || GENERIC_TITLES.contains(normalisedTitle)) {
      return true;
    }
    // a journal's recurring column ("Editor's Comments", "Remarks from the Editor", "A message
    // from the President"): a short title naming the column's author or kind recurs every issue
    String[] w = normalisedTitle.split(" ");
    if (w.length > 5) {
      return false;
    }
    for (String word : w) {
      if (COLUMN_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Lower-case ASCII words separated by single spaces. */
  public static String words(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String ascii = asciiWords(text);
    if (ascii != null) {
      return ascii;
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    s = s.toLowerCase(Locale.ROOT).replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
        .replace("œ", "oe").replace("ł", "l").replace("đ", "d").replace("'", "").replace("’", "");
    return NON_ALNUM.matcher(s).replaceAll(" ").strip();
  }

  /**
   * {@link #words} for text that is all ASCII, in one pass without Unicode normalisation or
   * regular expressions (the same result); null when the text has other characters.
   */
  private static String asciiWords(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean gap = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        return null;
      }
      if (c == '\'') {
        continue; // "don't" is "dont"
      }
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (gap && out.length() > 0) {
          out.append(' ');
        }
        gap = false;
        out.append(c);
      } else {
        gap = true;
      }
    }
    return out.toString();
  }

  // ---- names

  private static final Pattern SUFFIX_FIRST = Pattern.compile("^(jr|sr|ii|iii)\\b\\s*");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Set<String> PARTICLES = Set.of("von", "van", "de", "der", "den", "del", "della", "di",
      "da", "dos", "das", "du", "la", "le", "el", "al", "ten", "ter", "vander");
  private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv", "2nd", "3rd");

  /** A surname reduced to lower-case ASCII letters and digits (particles kept). */
  public static String surname(String surname) {
    return words(surname).replace(" ", "");
  }

  /**
   * A surname without particles ("van der", "von", "de") and suffixes ("Jr"), as one word. A
   * surname that is nothing but particle words is a surname of its own (Vietnamese Le and Van,
   * Chinese Du, Indian De: "Le, Quang Minh", "Le, Q.M." and "Le QM" are one person) and is kept.
   */
  public static String surnameCore(String surname) {
    String[] words = words(surname).split(" ");
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
  public static boolean particleJoined(String whole, String core) {
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
    String words = words(part);
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

  /**
   * An author's surname ({@link #surnameCore}) and first initial, where the layout makes them clear:
   * "Surname, Given", MEDLINE "Surname AB", "A. B. Surname".
   *
   * @param surname "" when the layout does not say which word is the surname
   * @param initial the first initial, lower case, or '\0'
   */
  public record Author(String surname, char initial) {}

  /** The surname and initial of one author as written in any export (see {@link Author}). */
  public static Author author(String raw) {
    String surname = "";
    char initial = '\0';
    int comma = raw.indexOf(',');
    if (comma > 0) {
      surname = surnameCore(raw.substring(0, comma));
      String given = SUFFIX_FIRST.matcher(words(raw.substring(comma + 1))).replaceFirst("");
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
    return new Author(surname, initial);
  }

  /**
   * The name the deduplication blocks the first author by: the surname ({@link #author}) or, when
   * the layout does not say which word it is, the first word of two letters or more; "" for an
   * empty or placeholder name ("Anonymous"), which the deduplication skips.
   */
  public static String authorKey(String raw) {
    if (raw == null) {
      return "";
    }
    String all = words(raw);
    if (all.isEmpty() || PLACEHOLDERS.contains(all)) {
      return "";
    }
    String surname = author(raw).surname();
    if (!surname.isEmpty()) {
      return surname;
    }
    for (String w : all.split(" ")) {
      if (w.length() > 1) {
        return w;
      }
    }
    return "";
  }

  /** {@link #authorKey} of the first author that has one, as the deduplication's first author. */
  public static String firstAuthorKey(Iterable<String> authors) {
    for (String a : authors) {
      String k = authorKey(a);
      if (!k.isEmpty()) {
        return k;
      }
    }
    return "";
  }

  // ---- pages

  private static final Pattern PAGE = Pattern.compile("([a-z]{0,2})(\\d{1,7})");

  /**
   * The first page of a page range, or "" when the value is not a page: "73-6" gives "73",
   * "e1002" gives "e1002", "S417-S429" gives "s417"; Excel-mangled dates ("01-Jun"), "Suppl-29"
   * and the like give "".
   */
  public static String firstPage(String pages) {
    String[] range = pageRange(pages);
    return range == null ? "" : range[0];
  }

  /** The last page, with an abbreviated end expanded ("73-6" gives "76"), or "". */
  public static String lastPage(String pages) {
    String[] range = pageRange(pages);
    return range == null ? "" : range[1];
  }

  private static String[] pageRange(String pages) {
    if (pages == null || pages.isBlank()) {
      return null;
    }
    String p = pages.strip().toLowerCase(Locale.ROOT);
    int comma = p.indexOf(',');
    if (comma > 0) {
      p = p.substring(0, comma);
    }
    int semicolon = p.indexOf(';'); // "2243-5; author reply 2243-5", "106-11; discussion 111"
    if (semicolon > 0) {
      p = p.substring(0, semicolon);
    }
    p = p.replace('–', '-').replace('—', '-').replace("--", "-").replace(" ", "");
    String[] parts = p.split("-", -1);
    Matcher first = PAGE.matcher(parts[0]);
    if (!first.matches()) {
      return null;
    }
    String prefix = first.group(1);
    String start = noLeadingZeros(first.group(2));
    String startPage = prefix + start;
    if (parts.length < 2 || parts[1].isEmpty()) {
      return new String[] {startPage, ""};
    }
    Matcher last = PAGE.matcher(parts[1]);
    if (parts.length > 2 || !last.matches()) {
      return null; // "01-jun", "t-8"
    }
    String end = noLeadingZeros(last.group(2));
    if (end.length() < start.length()) {
      end = start.substring(0, start.length() - end.length()) + end; // 73-6 -> 76
    }
    return new String[] {startPage, prefix + end};
  }

  /** Digits without leading zeros, keeping the last digit ("007" gives "7", "0" stays "0"). */
  public static String noLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
