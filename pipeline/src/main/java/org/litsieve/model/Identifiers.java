package org.litsieve.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalisation of persistent identifiers, shared by every parser and by deduplication. */
public final class Identifiers {
  private Identifiers() {}

  private static final Pattern DOI = Pattern.compile("10\\.\\d{4,9}/\\S+");

  /**
   * Normalises a DOI: finds the {@code 10.NNNN/...} part (dropping {@code https://doi.org/},
   * {@code doi:} and similar prefixes), lower-cases it and trims trailing punctuation. Returns ""
   * when the text holds no DOI.
   */
  public static String normaliseDoi(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    String s = raw.strip();
    try {
      s = java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // not URL-encoded; keep as is
    }
    Matcher m = DOI.matcher(s);
    if (!m.find()) {
      return "";
    }
    String doi = m.group().toLowerCase(Locale.ROOT);
    while (!doi.isEmpty() && ".,;:)]}>\"'".indexOf(doi.charAt(doi.length() - 1)) >= 0) {
      // keep a closing bracket that balances an opening one inside the DOI
      char last = doi.charAt(doi.length() - 1);
      if ((last == ')' && count(doi, '(') >= count(doi, ')'))
          || (last == ']' && count(doi, '[') >= count(doi, ']'))) {
        break;
      }
      doi = doi.substring(0, doi.length() - 1);
    }
    return doi;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
