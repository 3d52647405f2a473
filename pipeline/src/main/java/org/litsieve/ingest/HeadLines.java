package org.litsieve.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The first lines of a file's decoded head, as every sniffer reads them: split at CRLF, LF or a
 * bare CR, with a byte-order mark dropped from the start of a line. Sniffers share this instead of
 * each scanning the head by hand.
 *
 * <p>Input: the head string (may be null). Output: at most {@code maxLines} lines, in order; a
 * partial last line (cut by the head's end) is included. Never throws.
 */
final class HeadLines {
  /** How many lines sniffers look at by default. */
  static final int SNIFF_LINES = 200;

  private HeadLines() {}

  /** The first {@code maxLines} lines of {@code head}. */
  static List<String> of(String head, int maxLines) {
    List<String> out = new ArrayList<>();
    if (head == null) {
      return out;
    }
    int pos = 0;
    int n = head.length();
    while (pos < n && out.size() < maxLines) {
      int eol = pos;
      while (eol < n && head.charAt(eol) != '\n' && head.charAt(eol) != '\r') {
        eol++;
      }
      String line = head.substring(pos, eol);
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      out.add(line);
      pos = eol + 1;
      if (eol + 1 < n && head.charAt(eol) == '\r' && head.charAt(eol + 1) == '\n') {
        pos++;
      }
    }
    return out;
  }

  /** The first {@value #SNIFF_LINES} lines of {@code head}. */
  static List<String> of(String head) {
    return of(head, SNIFF_LINES);
  }

  /** The first line that is not blank, stripped, or "" if there is none. */
  static String firstNonBlank(List<String> lines) {
    for (String l : lines) {
      if (!l.isBlank()) {
        return l.strip();
      }
    }
    return "";
  }

  /**
   * The start of the head after any XML prolog, comments and DOCTYPE: the first element's name,
   * or "" when the head does not look like XML.
   */
  static String firstXmlElement(String head) {
    if (head == null) {
      return "";
    }
    int i = 0;
    int n = Math.min(head.length(), 8192);
    while (i < n) {
      char c = head.charAt(i);
      if (c == '\uFEFF' || Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c != '<') {
        return "";
      }
      if (head.startsWith("<?", i) || head.startsWith("<!", i)) {
        int close = head.startsWith("<!--", i) ? head.indexOf("-->", i) : head.indexOf('>', i);
        int subset = head.indexOf('[', i);
        if (head.startsWith("<!DOCTYPE", i) && subset >= 0 && subset < close) {
          close = head.indexOf("]>", subset); // an internal subset holds '>' characters
          close = close < 0 ? -1 : close + 1;
        }
        if (close < 0) {
          return "";
        }
        i = close + 1;
        continue;
      }
      int end = i + 1;
      while (end < n && !Character.isWhitespace(head.charAt(end)) && head.charAt(end) != '>'
          && head.charAt(end) != '/') {
        end++;
      }
      return head.substring(i + 1, end);
    }
    return "";
  }
}
