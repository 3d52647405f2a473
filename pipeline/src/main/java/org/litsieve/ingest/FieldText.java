package org.litsieve.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Small text helpers shared by the parsers: years, ISSN/ISBN shapes, whitespace and name lists.
 * All methods take any string (null included) and never throw.
 */
final class FieldText {
  /**
   * The longest field (or line) kept, in characters: longer ones are cut with a warning. Real
   * exports' longest lines are author lists of some 100,000 characters.
   */
  static final int MAX_FIELD_CHARS = 1_000_000;

  /**
   * The most characters one record's fields hold together while it is read; text past this is
   * dropped with a warning and the record kept (see {@link RecordBudget}).
   */
  static final int MAX_RECORD_CHARS = 4 * MAX_FIELD_CHARS;

  private FieldText() {}

  /**
   * {@code s} cut to {@link #MAX_FIELD_CHARS}; a cut is reported to {@code sink} as a warning
   * naming {@code where} (e.g. "record 3, abstract").
   */
  static String cap(String s, ParseSink sink, String where) {
    if (s == null || s.length() <= MAX_FIELD_CHARS) {
      return s;
    }
    sink.warning(String.format("%s is %,d characters long; cut to %,d", where, s.length(),
        MAX_FIELD_CHARS));
    return s.substring(0, MAX_FIELD_CHARS);
  }

  /**
   * The first run of exactly four digits in {@code s} whose value is 1000-2999, or 0 if none.
   * "2014//" gives 2014, "19 Jan 2009" gives 2009, "n.d." gives 0. A compact date "20170812"
   * (eight digits, year 1800-2100, month 01-12) gives its year.
   */
  static int year(String s) {
    if (s == null) {
      return 0;
    }
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        int start = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        if (i - start == 8 && (s.charAt(start) == '1' || s.charAt(start) == '2')) {
          int v = Integer.parseInt(s.substring(start, start + 4)); // "20170812"
          int month = Integer.parseInt(s.substring(start + 4, start + 6));
          if (v >= 1800 && v <= 2100 && month >= 1 && month <= 12) {
            return v;
          }
        }
        if (i - start == 4) {
          int v = (s.charAt(start) - '0') * 1000 + (s.charAt(start + 1) - '0') * 100
              + (s.charAt(start + 2) - '0') * 10 + (s.charAt(start + 3) - '0');
          if (v >= 1000 && v <= 2999) {
            return v;
          }
        }
      } else {
        i++;
      }
    }
    return 0;
  }

  /** Collapses every run of whitespace (line breaks included) to one space, and strips. */
  static String oneLine(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    int n = s.length();
    boolean clean = s.charAt(0) != ' ' && s.charAt(n - 1) != ' ';
    for (int i = 0; clean && i < n; i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t' || c == '\u00a0' || c == '\f'
          || (c == ' ' && s.charAt(i - 1) == ' ')) {
        clean = false;
      }
    }
    return clean ? s : collapse(s);
  }

  private static String collapse(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean pending = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\u00a0' || c == '\f') {
        pending = b.length() > 0;
      } else {
        if (pending) {
          b.append(' ');
          pending = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Count of digits (and a final X) in a token: 8 means ISSN-shaped, 10 or 13 ISBN-shaped. */
  private static int idDigits(String token) {
    int d = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c >= '0' && c <= '9') {
        d++;
      } else if ((c == 'X' || c == 'x') && i == token.length() - 1) {
        d++;
      } else if (c != '-' && c != '\u2010' && c != '\u2013') {
        return -1; // some other character: not an identifier token
      }
    }
    return d;
  }

  /** What separates the identifiers of an ISSN/ISBN field: white space, ; , ( ) [ ]. */
  private static final Pattern ID_SEPARATORS = Pattern.compile("[\\s;,()\\[\\]]+");

  /**
   * Splits an ISSN/ISBN field ("0021-9606 (Print) 1520-9210", "978-3-16-148410-0; 0302-9743")
   * and returns {issn, isbn}: the first ISSN-shaped token formatted NNNN-NNNN, and the first
   * ISBN-shaped token without hyphens. Either may be "".
   */
  static String[] issnIsbn(String s) {
    String issn = "";
    String isbn = "";
    if (s != null) {
      for (String token : ID_SEPARATORS.split(s)) {
        String t = token;
        if (t.regionMatches(true, 0, "ISSN-", 0, 5) || t.regionMatches(true, 0, "ISBN-", 0, 5)) {
          t = t.substring(5);
        }
        int d = idDigits(t);
        if (d == 8 && issn.isEmpty()) {
          String digits = digitsOnly(t);
          issn = digits.substring(0, 4) + "-" + digits.substring(4).toUpperCase(java.util.Locale.ROOT);
        } else if ((d == 10 || d == 13) && isbn.isEmpty()) {
          isbn = digitsOnly(t).toUpperCase(java.util.Locale.ROOT);
        }
      }
    }
    return new String[] {issn, isbn};
  }

  private static String digitsOnly(String t) {
    StringBuilder b = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if ((c >= '0' && c <= '9') || c == 'X' || c == 'x') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** "Shi,Yu" becomes "Shi, Yu"; whitespace is collapsed. */
  static String cleanName(String s) {
    String t = oneLine(s);
    int comma = t.indexOf(',');
    if (comma > 0 && comma + 1 < t.length() && t.charAt(comma + 1) != ' ') {
      t = t.substring(0, comma + 1) + " " + t.substring(comma + 1);
    }
    return t;
  }

  /**
   * Items of a Python-style list literal ("['a, b', 'c']"), as some tools write into CSV cells;
   * null if {@code s} is not one.
   */
  static List<String> listLiteral(String s) {
    String t = s.strip();
    if (t.length() < 2 || t.charAt(0) != '[' || t.charAt(t.length() - 1) != ']') {
      return null;
    }
    List<String> out = new ArrayList<>();
    int i = 1;
    int end = t.length() - 1;
    while (i < end) {
      char c = t.charAt(i);
      if (c == '\'' || c == '"') {
        int close = t.indexOf(c, i + 1);
        if (close < 0 || close > end) {
          return null;
        }
        String item = t.substring(i + 1, close).strip();
        if (!item.isEmpty()) {
          out.add(item);
        }
        i = close + 1;
      } else if (c == ',' || c == ' ') {
        i++;
      } else {
        return null; // unquoted item: not a list literal we understand
      }
    }
    return out;
  }

  /** Splits on {@code sep}, strips each part and drops empty parts. */
  static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == sep) {
        String part = oneLine(s.substring(start, i));
        if (!part.isEmpty()) {
          out.add(part);
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** The DOI in a URL-ish value, cut at a query-string separator. "" if none. */
  static String doiFromUrl(String s) {
    String doi = org.litsieve.model.Identifiers.normaliseDoi(s);
    int amp = doi.indexOf('&');
    if (amp > 0) {
      doi = org.litsieve.model.Identifiers.normaliseDoi(doi.substring(0, amp));
    }
    return doi;
  }

  private static final java.util.regex.Pattern NO_ABSTRACT = java.util.regex.Pattern.compile(
      "\\[?\\s*(no abstract( available)?|abstract not available|no abstract provided)\\.?\\s*\\]?",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * An abstract, stripped, with the placeholders vendors write instead of one (Scopus's
   * "[No abstract available]") turned into "", so that "missing abstract" rules see them.
   */
  static String abstractText(String raw) {
    if (raw == null) {
      return "";
    }
    String s = raw.strip();
    return NO_ABSTRACT.matcher(s).matches() ? "" : s;
  }
}
