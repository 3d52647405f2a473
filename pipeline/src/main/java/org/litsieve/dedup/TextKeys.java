package org.litsieve.dedup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Normalisation of titles, names, journals and pages into comparison keys. Every method takes any
 * string (null included) and never throws.
 */
public final class TextKeys {
  private static final Pattern TAGS = Pattern.compile("<[^>]{1,40}>");
  private static final Pattern TEX_COMMAND = Pattern.compile("\\\\[a-zA-Z]+\\s*");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
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
  /** Web of Science's title of a correction notice ends with the corrected paper: "(vol 360, pg 542, 2009)". */
  private static final Pattern WOS_CORRECTED = Pattern.compile(
      "\\(vol\\.? [0-9a-z]+, pg\\.? [0-9a-z]+, \\d{4}\\)", Pattern.CASE_INSENSITIVE);
  /** Embase's: "(New England Journal of Medicine (2009) 360 (542-544))", "(J Pediatr (March 2003) 142:3 (310))". */
  private static final Pattern EMBASE_CORRECTED = Pattern.compile(
      "\\([^()]{3,}\\((?:[a-z]+\\.? )?(?:\\d{1,2} )?\\d{4}\\)[^()]*\\([^()]*\\d[^()]*\\)\\)",
      Pattern.CASE_INSENSITIVE);
  /** "Erratum:", "Correction to:", "Corrigendum:" before the corrected paper's title. */
  private static final Pattern CORRECTION_PREFIX = Pattern.compile(
      "^(?:erratum|errata|corrigendum|correction)(?: to)?\\s*[:.\\-]\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern PART = Pattern.compile(
      "\\b(?:part|pt|phase|section|volume)\\s+([0-9]+|[ivx]{1,5}|one|two|three|four|five|a|b|c)\\b");

  /** Titles too generic to identify a paper on their own. */
  static final Set<String> GENERIC_TITLES = Set.of(
      "editorial", "guest editorial", "introduction", "commentary", "comment", "letter",
      "letter to the editor", "reply", "response", "in reply", "author reply", "authors reply",
      "erratum", "correction", "corrigendum", "preface", "foreword", "book review", "book reviews",
      "news", "abstracts", "in this issue", "conclusion", "conclusions", "overview", "editors note",
      "editor s note", "retraction", "notice of retraction", "retraction notice", "index",
      "reviewers", "acknowledgement", "acknowledgements", "acknowledgment", "errata",
      "reply to letter", "response to letter", "letters", "correspondence", "summary", "abstract",
      "poster session", "oral presentations", "poster presentations", "meeting abstracts");

  /** Stand-ins for a missing title or author that some exports write. */
  static final Set<String> PLACEHOLDERS = Set.of("unknown", "untitled", "no title", "n a", "na",
      "anonymous", "anon", "no authorship indicated", "et al", "none", "not available", "null");

  private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "of", "in", "on", "for",
      "and", "to", "with", "by", "at", "from", "or", "as", "is", "are", "its", "de", "la", "le",
      "les", "der", "die", "das", "und", "et", "y", "el", "en", "du", "des", "di", "del");

  private TextKeys() {}

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
    s = TEX_COMMAND.matcher(s).replaceAll("").replace("{", "").replace("}", "").replace("$", "");
    s = s.strip();
    for (int i = 0; i < 6; i++) {
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
  static String cleanedTitleWords(String cleaned) {
    String w = words(cleaned);
    return PLACEHOLDERS.contains(w) ? "" : w;
  }

  /**
   * Whether a cleaned title ({@link #cleanTitle}) ends the way bibliographic databases title a
   * correction notice: with the citation of the corrected paper, as Web of Science writes it
   * ("… (vol 360, pg 542, 2009)") or Embase ("… (New England Journal of Medicine (2009) 360
   * (542-544))"). Cheap for the titles that do not end with a parenthesis.
   */
  static boolean citesCorrectedPaper(String cleaned) {
    if (!cleaned.endsWith(")")) {
      return false;
    }
    int open = openingParenthesis(cleaned, cleaned.length() - 1);
    if (open < 0) {
      return false;
    }
    String group = cleaned.substring(open);
    return WOS_CORRECTED.matcher(group).matches() || EMBASE_CORRECTED.matcher(group).matches();
  }

  /**
   * The title of the paper a correction notice corrects: a cleaned title without a leading
   * "Erratum:" or "Correction to:" and without the trailing citation of the paper (closed, or cut
   * off by a field length limit: "… (The Journal of Pediatrics (M"). Returns the input when
   * nothing would be left.
   */
  static String correctedTitle(String cleaned) {
    String s = CORRECTION_PREFIX.matcher(cleaned).replaceFirst("");
    int depth = 0;
    int firstUnclosed = -1;
    for (int i = 0; i < s.length(); i++) { // the outermost parenthesis left open at the end
      char c = s.charAt(i);
      if (c == '(') {
        if (depth == 0) {
          firstUnclosed = i;
        }
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      }
    }
    if (depth > 0) {
      s = s.substring(0, firstUnclosed);
    } else if (citesCorrectedPaper(s)) {
      s = s.substring(0, openingParenthesis(s, s.length() - 1));
    }
    s = s.strip();
    return words(s).length() < 12 ? cleaned : s;
  }

  /** The index of the parenthesis that the one at {@code close} closes, or -1. */
  private static int openingParenthesis(String s, int close) {
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      char c = s.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(' && --depth == 0) {
        return i;
      }
    }
    return -1;
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

  /** A surname reduced to lower-case ASCII letters and digits. */
  public static String surname(String surname) {
    return words(surname).replace(" ", "");
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

  /** Words that make a short title a recurring column rather than a paper's. */
  private static final Set<String> COLUMN_WORDS = Set.of("editor", "editors", "editorial",
      "editorials", "president", "presidents", "memoriam", "obituary", "announcement",
      "announcements", "reviewers", "masthead");

  /**
   * An issue number as "first" or "first-last" ("3", "03" and "3-4" compare by range), or "" when
   * the issue is not plainly numeric: a supplement ("10 Suppl", "S1"), a month ("March"), a season.
   * Databases write those differently for one issue, so they say nothing.
   */
  static String issue(String issue) {
    if (issue == null) {
      return "";
    }
    Matcher m = ISSUE.matcher(issue.strip());
    if (!m.matches()) {
      return "";
    }
    String first = noLeadingZeros(m.group(1));
    return m.group(2) == null ? first : first + "-" + noLeadingZeros(m.group(2));
  }

  private static final Pattern ISSUE = Pattern.compile("(?:no\\.?\\s*)?(\\d{1,4})(?:\\s*[-/&]\\s*(\\d{1,4}))?");

  /**
   * The digits of a normalised title, in order and joined ("10 000 women, type 16" gives
   * "1000016"), so that digit grouping does not matter but any other difference does.
   */
  static String numbers(String normalisedTitle) {
    StringBuilder out = new StringBuilder();
    Matcher m = DIGITS.matcher(normalisedTitle);
    while (m.find()) {
      out.append(m.group());
    }
    return out.toString();
  }

  /** "Part 2", "Part II", "Phase B": the part a title names, normalised to a number, or "". */
  static String part(String normalisedTitle) {
    Matcher m = PART.matcher(normalisedTitle);
    if (!m.find()) {
      return "";
    }
    String p = m.group(1);
    switch (p) {
      case "i": case "one": case "a": return "1";
      case "ii": case "two": case "b": return "2";
      case "iii": case "three": case "c": return "3";
      case "iv": case "four": return "4";
      case "v": case "five": return "5";
      case "vi": return "6";
      default: return p;
    }
  }

  /** The title without its "Part N" phrase (the part is compared on its own). */
  static String withoutPart(String normalisedTitle) {
    return PART.matcher(normalisedTitle).replaceAll(" ");
  }

  /** The significant words of a normalised text (stop words and one-letter words dropped). */
  static List<String> significant(String normalised) {
    List<String> out = new ArrayList<>();
    if (normalised.isEmpty()) {
      return out;
    }
    for (String w : normalised.split(" ")) {
      if (w.length() > 1 && !STOPWORDS.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

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

  private static final Pattern PAGE = Pattern.compile("([a-z]{0,2})(\\d{1,7})");

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
  private static String noLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  /** The leading number of a volume ("4 (1) (no pagination)" gives "4"), else its words. */
  static String volume(String volume) {
    if (volume == null || volume.isBlank()) {
      return "";
    }
    Matcher m = DIGITS.matcher(volume);
    if (m.find()) {
      String v = noLeadingZeros(m.group());
      // a magazine's "volume" is often its year (2019), which another database replaces by the
      // volume number: a year says nothing about the volume
      return v.length() == 4 && v.compareTo("1800") >= 0 && v.compareTo("2100") <= 0 ? "" : v;
    }
    return words(volume).replace(" ", "");
  }

  /**
   * A journal name's significant words, with "=" alternatives as separate entries and elided
   * articles ("d'", "l'") split off.
   */
  static List<List<String>> journal(String... names) {
    List<List<String>> out = new ArrayList<>();
    for (String name : names) {
      if (name == null || name.isBlank()) {
        continue;
      }
      for (String alt : name.split("=")) {
        // an elided article is a word of its own: "Annales d'Anesthesie" abbreviates to "Ann Anesth"
        List<String> w = significant(words(alt.replace('\'', ' ').replace('\u2019', ' ')));
        if (!w.isEmpty() && !out.contains(w)) {
          out.add(w);
        }
      }
    }
    return out;
  }
}
