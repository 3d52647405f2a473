package org.litsieve.ingest;

/**
 * Where records start in a file of one format, told from the bytes of each line, so that
 * {@link FileSplits} can cut a large file into splits that are parsed apart and still numbered as
 * one parse of the whole file numbers them. One instance reads one file: it is shown every line
 * in file order (as its format's parser reads it: after any byte-order mark, without line ends)
 * and tracks the parser's state between records.
 *
 * <p>It must say {@link #START} exactly where the parser starts a record (the parser counts
 * positions there, and the splits after a cut take their first position from this count), and
 * {@link #CUT} only where, in addition, no record is open: a fresh parser started at that line
 * then reads the same records. Split reading checks the count of every split against the
 * parser's and fails the run on a difference (a bug, never bad input).
 */
public interface SplitPoints {
  /** The line does not start a record. */
  int NONE = 0;
  /** The line starts a record, closing one that was open. */
  int START = 1;
  /** The line starts a record while none is open: a split may begin here. */
  int CUT = 2;

  /** How many of a line's first bytes {@link #line} is shown. */
  int HEAD_BYTES = 16;

  /**
   * Shows the next line.
   *
   * @param head the line's first bytes (at most {@link #HEAD_BYTES}), UTF-8, without its line end
   * @param length how many bytes of {@code head} hold the line
   * @param blank whether the whole decoded line is empty or white space ({@link String#isBlank})
   * @return {@link #NONE}, {@link #START} or {@link #CUT}
   */
  int line(byte[] head, int length, boolean blank);

  /**
   * A line's head as ISO-8859-1 text, without copying: {@link #of} points it at the bytes shown to
   * {@link #line}, for the parsers' tag tests (which look at ASCII only). Reused from line to line.
   */
  final class Ascii implements CharSequence {
    private byte[] bytes = new byte[0];
    private int length;

    /** This view on {@code head}'s first {@code length} bytes. */
    public Ascii of(byte[] head, int length) {
      this.bytes = head;
      this.length = length;
      return this;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      if (index >= length) {
        throw new IndexOutOfBoundsException(index);
      }
      return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return toString().substring(start, end);
    }

    @Override
    public String toString() {
      return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
