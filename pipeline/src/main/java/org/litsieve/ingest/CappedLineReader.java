package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A {@link BufferedReader} whose {@link #readLine()} never returns more than
 * {@value FieldText#MAX_FIELD_CHARS} characters: a longer line (a 50 MB abstract, a file that is
 * one huge line) is cut there and a warning naming its line number goes to the sink, so that one
 * enormous field cannot exhaust memory downstream and no other record is affected.
 *
 * <p>The characters past the cut are skipped as they are read, never held: the
 * {@link BufferedReader} this replaces builds the whole line before it can be cut, so a 200 MB
 * line needed 200 MB of heap. The reader keeps its own buffer for that reason; {@link #read},
 * {@link #mark} and {@link #reset} work on the same buffer, so a parser may mix them with
 * {@link #readLine()} (the CSV parser peeks at the start with mark and reset, the XML parsers read
 * characters, which are never cut).
 *
 * <p>NUL and other control characters (not tab, LF, CR or form feed) are taken out as they are
 * read, with one warning per line that had any: a stray NUL in one record of a text export
 * would otherwise stop an XML parser or travel into the outputs.
 *
 * <p>Input: decoded text. Output: lines as {@link BufferedReader} gives them (ended by LF, CR or
 * CRLF). Failure behaviour: only the underlying reader's {@link IOException}.
 */
final class CappedLineReader extends BufferedReader {
  private static final int BUFFER = 64 * 1024;

  private final Reader in;
  private final ParseSink warnings;
  private final int maxChars;
  private long lineNo;

  private char[] buf = new char[BUFFER];
  private int pos;
  private int lim;
  /** A CR ended the last line: a LF right after it belongs to that line end. */
  private boolean skipLf;
  private int markPos = -1;
  private int markLimit;
  private boolean markSkipLf;
  /** Line ends read so far (LF, CR or CRLF), for naming the lines control characters were on. */
  private long lineEnds;
  private boolean lastCr;
  private long controlLine;
  private int controlCount;

  CappedLineReader(Reader in, ParseSink warnings) {
    this(in, warnings, FieldText.MAX_FIELD_CHARS);
  }

  CappedLineReader(Reader in, ParseSink warnings, int maxChars) {
    super(in, 1); // the superclass's buffer is never used: every read goes through this class's
    this.in = in;
    this.warnings = warnings;
    this.maxChars = maxChars;
  }

  /** Reads a part of a file whose first line is the file's line {@code linesBefore + 1}. */
  CappedLineReader(Reader in, ParseSink warnings, long linesBefore) {
    this(in, warnings, FieldText.MAX_FIELD_CHARS);
    this.lineNo = linesBefore;
    this.lineEnds = linesBefore;
  }

  /** Reads more into the buffer when it is used up; false at the end of the input. */
  private boolean fill() throws IOException {
    if (markPos >= 0 && lim - markPos >= markLimit) {
      markPos = -1; // read past the mark's limit: the mark is gone, as BufferedReader's would be
    }
    int keep = markPos >= 0 ? markPos : pos;
    if (keep > 0) {
      System.arraycopy(buf, keep, buf, 0, lim - keep);
      lim -= keep;
      pos -= keep;
      if (markPos >= 0) {
        markPos = 0;
      }
    }
    if (lim == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2); // only while a mark holds more than the buffer
    }
    int n;
    do {
      n = in.read(buf, lim, buf.length - lim);
    } while (n == 0);
    if (n < 0) {
      flushControl();
      return false;
    }
    lim += clean(lim, n);
    return true;
  }

  /**
   * Removes NUL and replaces other control characters (not tab, LF, CR or form feed) in the
   * {@code n} characters just read at {@code from}, counting line ends to name the lines; returns
   * how many characters are left. A stray NUL (a damaged record, a bad copy) would otherwise make
   * an XML file unreadable from there on, or travel into titles and outputs; removing it loses
   * nothing a reader could see, where rejecting the record would lose the record.
   */
  private int clean(int from, int n) {
    int end = from + n;
    int out = from;
    for (int i = from; i < end; i++) {
      char c = buf[i];
      if (c < 0x20) {
        if (c == '\n') {
          if (!lastCr) {
            lineEnds++;
          }
          lastCr = false;
          flushControl();
        } else if (c == '\r') {
          lineEnds++;
          lastCr = true;
          flushControl();
        } else if (c != '\t' && c != '\f') {
          lastCr = false;
          if (controlLine != lineEnds + 1) {
            flushControl();
            controlLine = lineEnds + 1;
          }
          controlCount++;
          if (c == 0) {
            continue; // removed
          }
          c = ' ';
        } else {
          lastCr = false;
        }
      } else {
        lastCr = false;
      }
      buf[out++] = c;
    }
    return out - from;
  }

  /** Warns about the control characters of the last line that had any. */
  private void flushControl() {
    if (controlCount > 0) {
      warnings.warning(String.format("line %d: %d NUL or control character%s removed (a damaged"
          + " byte in a text file; the record was kept)", controlLine, controlCount,
          controlCount == 1 ? "" : "s"));
      controlCount = 0;
    }
  }

  @Override
  public String readLine() throws IOException {
    StringBuilder sb = null;
    long length = 0;
    boolean any = false;
    while (true) {
      if (pos >= lim && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      any = true;
      int start = pos;
      int i = pos;
      char c = 0;
      while (i < lim) {
        c = buf[i];
        if (c == '\n' || c == '\r') {
          break;
        }
        i++;
      }
      int seg = i - start;
      boolean ended = i < lim;
      if (ended && sb == null && seg <= maxChars) {
        pos = i + 1; // the common case: the whole line is in the buffer
        skipLf = c == '\r';
        lineNo++;
        return new String(buf, start, seg);
      }
      if (length < maxChars) {
        int take = (int) Math.min(seg, maxChars - length);
        if (sb == null) {
          sb = new StringBuilder(Math.max(80, take));
        }
        sb.append(buf, start, take);
      }
      length += seg;
      if (ended) {
        pos = i + 1;
        skipLf = c == '\r';
        break;
      }
      pos = lim;
    }
    lineNo++;
    if (length > maxChars) {
      warnings.warning(String.format("line %d is %,d characters long; cut to %,d", lineNo,
          length, maxChars));
    }
    return sb == null ? "" : sb.toString();
  }

  @Override
  public int read() throws IOException {
    if (pos >= lim && !fill()) {
      return -1;
    }
    if (skipLf) {
      skipLf = false;
      if (buf[pos] == '\n') {
        pos++;
        return read();
      }
    }
    return buf[pos++];
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, cbuf.length);
    if (len == 0) {
      return 0;
    }
    if (pos >= lim && !fill()) {
      return -1;
    }
    if (skipLf) {
      skipLf = false;
      if (buf[pos] == '\n') {
        pos++;
        if (pos >= lim && !fill()) {
          return -1;
        }
      }
    }
    int n = Math.min(len, lim - pos);
    System.arraycopy(buf, pos, cbuf, off, n);
    pos += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n) {
      if (pos >= lim && !fill()) {
        break;
      }
      int step = (int) Math.min(n - skipped, lim - pos);
      pos += step;
      skipped += step;
    }
    return skipped;
  }

  @Override
  public boolean ready() throws IOException {
    return pos < lim || in.ready();
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public void mark(int readAheadLimit) {
    if (readAheadLimit < 0) {
      throw new IllegalArgumentException("read-ahead limit < 0");
    }
    markPos = pos;
    markLimit = readAheadLimit;
    markSkipLf = skipLf;
  }

  @Override
  public void reset() throws IOException {
    if (markPos < 0) {
      throw new IOException("mark invalid");
    }
    pos = markPos;
    skipLf = markSkipLf;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
