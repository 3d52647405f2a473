package org.litsieve.ingest;

/**
 * Where a file of one format may be cut into splits that are parsed apart (see
 * {@link FileSplits}). One instance reads one file: it is shown every line in file order and says
 * whether a split may begin at it. It may say yes only where the format's parser, reading the
 * file from the start, would be between records with nothing carried over, so that a fresh
 * parser started at that line reads the same records (with positions and lines counted from the
 * split's start). Saying no is always safe: it only makes a split longer.
 */
public interface SplitPoints {
  /**
   * Whether a split may begin at this line.
   *
   * @param head the line's first bytes (at most {@link #HEAD_BYTES}), without its line end
   * @param length how many bytes of {@code head} hold the line
   * @param blank whether the whole line is spaces and tabs only (or empty)
   */
  boolean startsSplit(byte[] head, int length, boolean blank);

  /** How many of a line's first bytes {@link #startsSplit} is shown. */
  int HEAD_BYTES = 64;

  /** The first {@code max} bytes of the line as ISO-8859-1 text, for looking at its tag. */
  static String prefix(byte[] head, int length, int max) {
    return new String(head, 0, Math.min(length, max), java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
