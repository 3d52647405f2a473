package org.litsieve.dedup;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Normalisation of titles, names and journals into comparison keys. */
public final class TextKeys {
  private static final Pattern TAGS = Pattern.compile("<[^>]{1,40}>");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern LANGUAGE_NOTE = Pattern.compile(
      "\\s*\\[(?:article in |in )?[\\p{L} ,]{2,40}\\]\\s*\\.?\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

  /** Titles too generic to identify a paper on their own. */
  static final Set<String> GENERIC_TITLES = Set.of(
      "editorial", "guest editorial", "introduction", "commentary", "comment", "letter",
      "letter to the editor", "reply", "response", "in reply", "author reply", "authors reply",
      "erratum", "correction", "corrigendum", "preface", "foreword", "book review", "news",
      "abstracts", "in this issue", "conclusion", "conclusions", "overview", "editors note",
      "editor s note", "retraction", "notice of retraction", "retraction notice", "index",
      "reviewers", "acknowledgement", "acknowledgements", "acknowledgment", "errata");

  private TextKeys() {}

  /**
   * A title reduced to lower-case ASCII words: markup, accents, punctuation and a trailing
   * translation note such as "[Article in German]" removed.
   */
  public static String title(String title) {
    if (title == null || title.isEmpty()) {
      return "";
    }
    String s = TAGS.matcher(title).replaceAll(" ");
    s = s.replace("{", "").replace("}", "");
    String withoutNote = LANGUAGE_NOTE.matcher(s).replaceAll("");
    // a title that is wholly bracketed (MEDLINE's translated titles) keeps its words
    if (!withoutNote.isBlank()) {
      s = withoutNote;
    }
    return words(s);
  }

  /** Lower-case ASCII words separated by single spaces. */
  public static String words(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    s = s.toLowerCase(Locale.ROOT).replace("ß", "ss").replace("æ", "ae").replace("ø", "o");
    return NON_ALNUM.matcher(s).replaceAll(" ").strip();
  }

  /** A surname reduced to lower-case ASCII letters and digits. */
  public static String surname(String surname) {
    return words(surname).replace(" ", "");
  }

  /** Whether a normalised title is too generic to identify a paper with year and author alone. */
  public static boolean isGeneric(String normalisedTitle) {
    return normalisedTitle.length() < 12 || GENERIC_TITLES.contains(normalisedTitle);
  }

  /** The first page of a page range, digits and letters only ("73-6" gives "73"). */
  public static String firstPage(String pages) {
    if (pages == null) {
      return "";
    }
    String p = pages.strip();
    int dash = p.indexOf('-');
    if (dash < 0) {
      dash = p.indexOf('–');
    }
    return words(dash > 0 ? p.substring(0, dash) : p).replace(" ", "");
  }
}
