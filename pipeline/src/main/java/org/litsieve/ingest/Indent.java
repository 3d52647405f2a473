package org.litsieve.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Exports copied from a vendor's screen (Ovid's display, a web page) often have every line
 * indented by a space or two, which hides the tags that detection and the tagged parsers look
 * for at the start of a line. This finds the indentation common to every non-blank line of a
 * head and takes it off again, in the head (for detection) and in the text (for parsing), so no
 * parser needs to know about it.
 *
 * <p>Input: a decoded head, or the decoded text. Output: the same lines with up to
 * {@code indent} leading spaces removed from each; line breaks and so line numbers are
 * unchanged. Never throws but the underlying reader's {@link IOException}.
 */
final class Indent {
  /** More indentation than this is not a copied export but something else (prose, code). */
  static final int MAX = 8;

  private Indent() {}

  /**
   * The number of leading spaces every non-blank line of the head's first lines shares, 0 when
   * some line starts at column 0, when it exceeds {@value #MAX}, or when there are fewer than
   * two non-blank lines. The head's last line is skipped: it may be cut short.
   */
  static int common(String head) {
    List<String> lines = HeadLines.of(head);
    int min = Integer.MAX_VALUE;
    int nonBlank = 0;
    int last = lines.size() - 1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || (i == last && i > 0)) {
        continue;
      }
      int n = 0;
      while (n < l.length() && l.charAt(n) == ' ') {
        n++;
      }
      min = Math.min(min, n);
      nonBlank++;
      if (min == 0) {
        return 0;
      }
    }
    return nonBlank >= 2 && min <= MAX ? min : 0;
  }

  /** The head with up to {@code indent} leading spaces removed from every line. */
  static String strip(String head, int indent) {
    StringBuilder b = new StringBuilder(head.length());
    int dropped = 0;
    boolean lineStart = true;
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (lineStart && c == ' ' && dropped < indent) {
        dropped++;
        continue;
      }
      lineStart = c == '\n' || c == '\r';
      if (lineStart) {
        dropped = 0;
      }
      b.append(c);
    }
    return b.toString();
  }

  /** A reader that removes up to {@code indent} leading spaces from every line it passes on. */
  static Reader reader(Reader in, int indent) {
    return indent <= 0 ? in : new Stripping(in, indent);
  }

  private static final class Stripping extends FilterReader {
    private final int indent;
    private boolean lineStart = true;
    private int dropped;

    Stripping(Reader in, int indent) {
      super(in);
      this.indent = indent;
    }

    @Override
    public int read() throws IOException {
      char[] one = new char[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      while (true) {
        int n = in.read(buf, off, len);
        if (n <= 0) {
          return n;
        }
        int w = off;
        for (int i = off; i < off + n; i++) {
          char c = buf[i];
          if (lineStart && c == ' ' && dropped < indent) {
            dropped++;
            continue;
          }
          lineStart = c == '\n' || c == '\r';
          if (lineStart) {
            dropped = 0;
          }
          buf[w++] = c;
        }
        if (w > off) {
          return w - off;
        }
      }
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public long skip(long n) throws IOException {
      char[] b = new char[(int) Math.min(n, 8192)];
      int r = read(b, 0, b.length);
      return Math.max(r, 0);
    }
  }
}
