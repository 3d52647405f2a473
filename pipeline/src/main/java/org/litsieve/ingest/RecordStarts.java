package org.litsieve.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts the lines of a file that start a record in its format, by a plain pattern and
 * independently of the parser, while the parser reads the text through it. {@link ExportReader}
 * compares the count with the records and rejects the parser gave, so that a file whose records
 * are silently dropped (a parser that stops early, records that run together) is reported with
 * how many were lost and where, instead of passing unnoticed.
 *
 * <p>Input: the decoded text, and the format whose record starts to count. Output: the same
 * text, unchanged; {@link #count()} and {@link #lines()} after it has been read to its end.
 * Formats without a line pattern here (XML, CSV, and any format not listed) count nothing.
 * Failure behaviour: only the underlying reader's {@link IOException}.
 */
final class RecordStarts extends FilterReader {
  /** A record start in one format: the line's pattern and how the check names it. */
  record Start(Pattern line, String name) {}

  private static final Pattern BIB_ENTRY = Pattern.compile("^\\s*@\\s*([A-Za-z][\\w-]*)\\s*[{(].*");

  /** The record-start pattern per format id; a format not here is not counted. */
  static final Map<String, Start> STARTS = Map.of(
      "ris", new Start(Pattern.compile("^TY {1,2}- ?.*"), "'TY  - ' lines"),
      "medline", new Start(Pattern.compile("^PMID- ?\\d.*"), "'PMID- ' lines"),
      "wos", new Start(Pattern.compile("^PT [A-Z].*"), "'PT' lines"),
      "ovid", new Start(Pattern.compile("^<\\s*\\d+\\s*(\\.\\s*)?>\\s*$"), "'<n>' record markers"),
      "bibtex", new Start(BIB_ENTRY, "'@type{' lines"),
      "cochrane", new Start(CochraneParser.RECORD, "'Record #n of N' lines"));

  /** How many characters of a line the patterns need to see. */
  private static final int PREFIX = 120;

  private final Start start;
  private final StringBuilder line = new StringBuilder(PREFIX);
  private final BitSet lines = new BitSet();
  private long count;
  private int lineNo = 1;
  private boolean lastWasCr;

  private RecordStarts(Reader in, Start start) {
    super(in);
    this.start = start;
  }

  /** A counter for {@code format}, or null when the format has no record-start pattern. */
  static RecordStarts of(Reader in, String format) {
    Start s = STARTS.get(format);
    return s == null ? null : new RecordStarts(in, s);
  }

  /** What a record start is called in messages, e.g. "'TY  - ' lines". */
  String name() {
    return start.name();
  }

  /** Record starts seen so far (all of them once the text has been read to its end). */
  long count() {
    return count;
  }

  /** The 1-based line numbers of the record starts seen. */
  BitSet lines() {
    return lines;
  }

  @Override
  public int read() throws IOException {
    int c = in.read();
    if (c < 0) {
      endLine();
    } else {
      see((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n < 0) {
      endLine();
      return n;
    }
    for (int i = off; i < off + n; i++) {
      see(buf[i]);
    }
    return n;
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

  private void see(char c) {
    if (c == '\n' && lastWasCr) {
      lastWasCr = false;
      return; // the second half of a CRLF
    }
    lastWasCr = c == '\r';
    if (c == '\n' || c == '\r') {
      endLine();
      lineNo++;
      return;
    }
    if (line.length() < PREFIX) {
      line.append(c);
    }
  }

  private void endLine() {
    if (line.length() > 0) {
      if (line.charAt(0) == '\uFEFF') {
        line.deleteCharAt(0);
      }
      if (matches(line)) {
        count++;
        lines.set(lineNo);
      }
      line.setLength(0);
    }
  }

  private boolean matches(CharSequence l) {
    if (!start.line().matcher(l).matches()) {
      return false;
    }
    if (start.line() == BIB_ENTRY) {
      var m = BIB_ENTRY.matcher(l);
      m.matches();
      String type = m.group(1).toLowerCase(Locale.ROOT);
      return !type.equals("string") && !type.equals("comment") && !type.equals("preamble");
    }
    return true;
  }
}
