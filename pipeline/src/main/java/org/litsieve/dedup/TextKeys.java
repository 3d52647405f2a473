package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.litsieve.model.PaperKeys;

/**
 * Normalisation of titles, names, journals and pages into comparison keys. Every method takes any
 * string (null included) and never throws. What identifies a paper (title, surname, first page,
 * placeholders, generic titles) is normalised in {@link PaperKeys}, which the living review shares;
 * the methods here that name those keep their signatures and call it.
 */
public final class TextKeys {
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

  /** Titles too generic to identify a paper on their own ({@link PaperKeys#GENERIC_TITLES}). */
  static final Set<String> GENERIC_TITLES = PaperKeys.GENERIC_TITLES;
  /** Stand-ins for a missing title or author that some exports write ({@link PaperKeys#PLACEHOLDERS}). */
  static final Set<String> PLACEHOLDERS = PaperKeys.PLACEHOLDERS;

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
    return PaperKeys.cleanTitle(title);
  }

  /**
   * A title reduced to lower-case ASCII words: markup, accents, punctuation and trailing notes
   * such as "[Article in German]" removed. A placeholder title ("UNKNOWN") gives "".
   */
  public static String title(String title) {
    return PaperKeys.title(title);
  }

  /** {@link #title} of a title already through {@link #cleanTitle}. */
  static String cleanedTitleWords(String cleaned) {
    return PaperKeys.cleanedTitleWords(cleaned);
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
    return PaperKeys.words(text);
  }

  /** A surname reduced to lower-case ASCII letters and digits. */
  public static String surname(String surname) {
    return PaperKeys.surname(surname);
  }

  /** Whether a normalised title is too generic to identify a paper with year and author alone. */
  public static boolean isGeneric(String normalisedTitle) {
    return PaperKeys.isGeneric(normalisedTitle);
  }

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
    // (a loop over the characters instead of finding \d+ with a regular expression: DIGITS is
    // ASCII [0-9], the same characters, in the same order)
    StringBuilder out = null;
    for (int i = 0; i < normalisedTitle.length(); i++) {
      char c = normalisedTitle.charAt(i);
      if (c >= '0' && c <= '9') {
        if (out == null) {
          out = new StringBuilder(8);
        }
        out.append(c);
      }
    }
    return out == null ? "" : out.toString();
  }

  /**
   * Whether {@link #PART} cannot match: the text has none of its words. Most titles have none,
   * and checking five substrings is far cheaper than running the expression at every position.
   */
  private static boolean noPartWord(String normalisedTitle) {
    return !normalisedTitle.contains("pt") && !normalisedTitle.contains("part")
        && !normalisedTitle.contains("phase") && !normalisedTitle.contains("section")
        && !normalisedTitle.contains("volume");
  }

  /** "Part 2", "Part II", "Phase B": the part a title names, normalised to a number, or "". */
  static String part(String normalisedTitle) {
    if (noPartWord(normalisedTitle)) {
      return "";
    }
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
    if (noPartWord(normalisedTitle)) {
      return normalisedTitle;
    }
    return PART.matcher(normalisedTitle).replaceAll(" ");
  }

  /** The significant words of a normalised text (stop words and one-letter words dropped). */
  public static List<String> significant(String normalised) {
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
    return PaperKeys.firstPage(pages);
  }

  /** The last page, with an abbreviated end expanded ("73-6" gives "76"), or "". */
  public static String lastPage(String pages) {
    return PaperKeys.lastPage(pages);
  }

  /** Digits without leading zeros, keeping the last digit ("007" gives "7", "0" stays "0"). */
  private static String noLeadingZeros(String digits) {
    return PaperKeys.noLeadingZeros(digits);
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
