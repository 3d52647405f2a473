package org.litsieve.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a file read as UTF-8 or as windows-1252 line by line, so that lines in the other of
 * the two are not garbled: exports pasted together from two tools (a windows-1252 export with a
 * few records added in UTF-8, or the reverse) are common, and a file-wide charset turned the
 * minority's accented letters into "Ã©" or into replacement characters without a word.
 *
 * <p>Input: the bytes after any byte-order mark. Output: characters. A line is read in the
 * file's charset unless it is not valid there and is valid in the other (for a windows-1252
 * file: the line holds bytes above 0x7F and they form valid UTF-8, which windows-1252 text
 * almost never does); each such line gets a warning naming it (the first
 * {@value #NAMED_LINES}, then a count). Memory stays bounded: bytes are decoded in pieces of
 * {@value #CHUNK} bytes, and a longer line is decided piece by piece.
 *
 * <p>Failure behaviour: never throws for content (windows-1252 decodes every byte); only the
 * stream's {@link IOException} propagates.
 */
final class LineCharsetReader extends Reader {
  static final int CHUNK = 64 * 1024;
  static final int NAMED_LINES = 10;
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private final InputStream in;
  private final boolean utf8First;
  private final ParseSink warnings;
  private final CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] bytes = new byte[CHUNK];
  private int length;
  private boolean eof;
  private CharBuffer out = CharBuffer.allocate(0);
  private long line = 1;
  private boolean lastCr;
  private long otherLines;

  /** Reads {@code in}, whose charset is {@code charset}: UTF-8 or windows-1252. */
  LineCharsetReader(InputStream in, Charset charset, ParseSink warnings) {
    this.in = in;
    this.utf8First = charset.equals(StandardCharsets.UTF_8);
    this.warnings = warnings;
  }

  /** Whether this reader handles {@code charset}; other charsets are decoded as a whole. */
  static boolean handles(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8) || charset.equals(WINDOWS_1252);
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, cbuf.length);
    if (len == 0) {
      return 0;
    }
    while (!out.hasRemaining()) {
      if (!decodeMore()) {
        return -1;
      }
    }
    int n = Math.min(len, out.remaining());
    out.get(cbuf, off, n);
    return n;
  }

  private boolean decodeMore() throws IOException {
    while (!eof && length < bytes.length) {
      int n = in.read(bytes, length, bytes.length - length);
      if (n < 0) {
        eof = true;
      } else {
        length += n;
      }
    }
    if (length == 0) {
      if (otherLines > NAMED_LINES) {
        warnings.warning(String.format("… %,d lines in all were read as %s rather than %s",
            otherLines, other(), first()));
        otherLines = NAMED_LINES; // told once
      }
      return false;
    }
    int end = length;
    if (!eof) {
      int lastBreak = lastLineBreak();
      if (lastBreak >= 0) {
        end = lastBreak + 1;
      } else {
        end = utf8Boundary(length); // one line longer than a chunk: cut where no UTF-8 sequence is split
      }
    }
    out = decodeChunk(end);
    System.arraycopy(bytes, end, bytes, 0, length - end);
    length -= end;
    return true;
  }

  private int lastLineBreak() {
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** The end of {@code bytes[0, end)} moved back before a UTF-8 sequence it would split. */
  private int utf8Boundary(int end) {
    for (int back = 1; back <= 3 && end - back > 0; back++) {
      int b = bytes[end - back] & 0xff;
      if (b >= 0xC0) {
        return end - back; // a lead byte whose sequence may run past the end
      }
      if (b < 0x80) {
        break;
      }
    }
    return end;
  }

  private CharBuffer decodeChunk(int end) {
    if (utf8First) {
      CharBuffer whole = strict(0, end);
      if (whole != null) {
        countLines(0, end);
        return whole; // the common case: the whole chunk is valid UTF-8
      }
    } else if (!hasHighBytes(0, end)) {
      countLines(0, end);
      return CharBuffer.wrap(new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
    }
    StringBuilder b = new StringBuilder(end);
    int start = 0;
    while (start < end) {
      int stop = start;
      while (stop < end && bytes[stop] != '\n' && bytes[stop] != '\r') {
        stop++;
      }
      while (stop < end && (bytes[stop] == '\n' || bytes[stop] == '\r')) {
        stop++; // the line's end, and blank lines after it: all ASCII
      }
      b.append(decodeLine(start, stop));
      countLines(start, stop);
      start = stop;
    }
    return CharBuffer.wrap(b);
  }

  private CharSequence decodeLine(int from, int to) {
    if (!hasHighBytes(from, to)) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    CharBuffer utf8 = strict(from, to);
    if (utf8First) {
      if (utf8 != null) {
        return utf8;
      }
      noteOther();
      return new String(bytes, from, to - from, WINDOWS_1252);
    }
    if (utf8 != null) {
      noteOther();
      return utf8;
    }
    return new String(bytes, from, to - from, WINDOWS_1252);
  }

  private void noteOther() {
    otherLines++;
    if (otherLines <= NAMED_LINES) {
      warnings.warning(String.format("line %d: read as %s, since it is not %s (a file whose"
          + " records were written with two encodings)", line, other(), first()));
    }
  }

  private String first() {
    return utf8First ? "UTF-8" : "windows-1252";
  }

  private String other() {
    return utf8First ? "windows-1252" : "UTF-8";
  }

  /** Advances the line count over the line ends in {@code bytes[from, to)}. */
  private void countLines(int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = bytes[i];
      if (c == '\n') {
        if (!lastCr) {
          line++;
        }
        lastCr = false;
      } else if (c == '\r') {
        line++;
        lastCr = true;
      } else {
        lastCr = false;
      }
    }
  }

  private boolean hasHighBytes(int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return true;
      }
    }
    return false;
  }

  /** The bytes decoded as strict UTF-8, or null when they are not valid UTF-8. */
  private CharBuffer strict(int from, int to) {
    try {
      strictUtf8.reset();
      return strictUtf8.decode(ByteBuffer.wrap(bytes, from, to - from));
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
